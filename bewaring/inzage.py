"""The client's inspection export (AVG art. 15): everything the system holds about a family.

Built field by field from the models themselves, so a field added later is in the export without
anyone remembering to add it. One structure feeds both files: the PDF (labels and readable values)
and the JSON (field names, codes and ISO dates). The BSN is shown in full here and nowhere else: the
export is for the client herself. Left out are only technical fields (hashes, lock versions) and the
links between records that the nesting already shows.
"""

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.db.models import Model, Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from core.models import Toegangslog
from indicaties.models import Indicatie
from ketenpartners.models import Overdracht
from rapportage.models import Rapport
from rapportage.pdf import render_pdf
from trajecten.models import Gezin, Huisbezoek, Traject

# Fields never shown: links the nesting already expresses, technical columns.
WEGLATEN = {
    "id",
    "gezin",
    "traject",
    "plan",
    "intake",
    "bezoek",
    "evaluatie",
    "signaal",
    "overdracht",
    "bsn_hash",
}
RAPPORT_WEGLATEN = {
    "sleutel",
    "poging_sleutel",
    "pdf_bestand",
    "csv_bestand",
    "json_bestand",
    "hartslag_op",
    "ingepland_op",
    "pogingen",
    "voortgang",
    "pseudoniem",
    "gemeente",
    "periode_van",
    "periode_tot",
}
TOEGANGSLOG_VELDEN = [
    "tijdstip",
    "gebruikersnaam",
    "rol",
    "organisatie",
    "gebeurtenis",
    "omschrijving",
    "uitkomst",
]
# The PDF lists the most recent access-log lines; the JSON file has them all.
TOEGANGSLOG_PDF_MAX = 400


@dataclass
class Veld:
    naam: str
    label: str
    weergave: str
    waarde: object


@dataclass
class Record:
    titel: str
    velden: list[Veld]
    onder: list["Sectie"] = field(default_factory=list)

    def json(self) -> dict:
        data = {v.naam: v.waarde for v in self.velden}
        data.update({s.sleutel: s.json() for s in self.onder})
        return data

    @property
    def weergaven(self) -> dict:
        return {v.naam: v.weergave for v in self.velden}

    @property
    def gevuld(self) -> list[Veld]:
        """What the PDF shows: the fields with a value."""
        return [v for v in self.velden if v.weergave not in ("", "—")]


@dataclass
class Sectie:
    sleutel: str
    titel: str
    records: list[Record]

    def json(self) -> list[dict]:
        return [r.json() for r in self.records]


def _persoon(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _veld(obj: Model, f) -> Veld:
    label = str(f.verbose_name)
    label = label[:1].upper() + label[1:]
    waarde = getattr(obj, f.attname if f.is_relation else f.name)
    if f.is_relation:
        rel = getattr(obj, f.name) if waarde is not None else None
        tekst = (
            _persoon(rel) if rel is not None and hasattr(rel, "get_full_name") else (str(rel) if rel else "")
        )
        return Veld(f.name, label, tekst or "—", tekst or None)
    if f.choices and not isinstance(f, ArrayField):
        return Veld(f.name, label, str(getattr(obj, f"get_{f.name}_display")()) if waarde else "—", waarde)
    if isinstance(f, ArrayField):
        keuzes = dict(f.base_field.choices or [])
        return Veld(
            f.name, label, ", ".join(str(keuzes.get(w, w)) for w in waarde or []) or "—", list(waarde or [])
        )
    if isinstance(waarde, bool):
        return Veld(f.name, label, _("yes") if waarde else _("no"), waarde)
    if isinstance(waarde, dt.datetime):
        lokaal = timezone.localtime(waarde)
        return Veld(f.name, label, formats.date_format(lokaal, "j F Y, H:i"), waarde.isoformat())
    if isinstance(waarde, dt.date):
        return Veld(f.name, label, formats.date_format(waarde, "j F Y"), waarde.isoformat())
    if isinstance(waarde, Decimal):
        return Veld(f.name, label, formats.number_format(waarde, use_l10n=True), str(waarde))
    if waarde is None or waarde == "":
        return Veld(f.name, label, "—", waarde)
    return Veld(f.name, label, str(waarde), waarde)


def record(obj: Model, titel: str = "", weglaten=(), onder=()) -> Record:
    velden = [
        _veld(obj, f) for f in obj._meta.concrete_fields if f.name not in WEGLATEN and f.name not in weglaten
    ]
    return Record(titel or str(obj), velden, [s for s in onder if s.records])


def sectie(sleutel: str, titel: str, records) -> Sectie:
    return Sectie(sleutel, titel, list(records))


def _gezin(gezin: Gezin) -> list[Sectie]:
    return [
        sectie("gezin", _("Family"), [record(gezin, _("Address and municipality"))]),
        sectie("ouders", _("Parents"), [record(o) for o in gezin.ouders.all()]),
        sectie("babys", _("Babies"), [record(b) for b in gezin.babys.all()]),
    ]


def _traject(traject: Traject) -> Record:
    t = traject
    een = lambda naam: [getattr(t, naam)] if hasattr(t, naam) else []  # noqa: E731 - a one-to-one that may be absent
    bezoeken = t.huisbezoeken.select_related("medewerker", "vervangt").prefetch_related("voortgang__doel")
    secties = [
        sectie("aanmelding", _("Referral"), [record(a) for a in een("aanmelding")]),
        sectie(
            "intakes",
            _("Intake (GIZ)"),
            [
                record(i, onder=[sectie("factoren", _("GIZ factors"), [record(f) for f in i.factoren.all()])])
                for i in t.intakes.all()
            ],
        ),
        sectie(
            "indicatieaanvragen", _("Indication requests"), [record(a) for a in t.indicatieaanvragen.all()]
        ),
        sectie(
            "indicaties",
            _("Indications and their versions"),
            [
                record(i)
                for i in Indicatie.objects.filter(traject=t).select_related("vorige", "afgegeven_door")
            ],
        ),
        sectie("toewijzingen", _("Assigned care workers"), [record(w) for w in t.toewijzingen.all()]),
        sectie(
            "ondersteuningsplannen",
            _("Support plan and goals"),
            [
                record(p, onder=[sectie("doelen", _("Goals"), [record(d) for d in p.doelen.all()])])
                for p in t.plannen.all()
            ],
        ),
        sectie(
            "huisbezoeken",
            _("Visits"),
            [
                record(
                    b,
                    onder=[
                        sectie("voortgang", _("Progress on goals"), [record(v) for v in b.voortgang.all()])
                    ],
                )
                for b in bezoeken
            ],
        ),
        sectie(
            "evaluaties",
            _("Evaluations"),
            [
                record(
                    e, onder=[sectie("doelen", _("Goal evaluations"), [record(d) for d in e.doelen.all()])]
                )
                for e in t.evaluaties.all()
            ],
        ),
        sectie(
            "signalen",
            _("Signals and Meldcode steps"),
            [
                record(
                    s, onder=[sectie("meldcode", _("Meldcode steps"), [record(m) for m in s.meldcode.all()])]
                )
                for s in t.signalen.all()
            ],
        ),
        sectie("netwerkplan", _("Family network plan"), [record(n) for n in een("netwerkplan")]),
        sectie("netwerkleden", _("Network members"), [record(n) for n in t.netwerkleden.all()]),
        sectie("ketenpartners", _("Chain partners"), [record(b) for b in t.betrokkenheden.all()]),
        sectie("toestemmingen", _("Consents"), [record(c) for c in t.toestemmingen.all()]),
        sectie(
            "overdrachten",
            _("Warm handovers"),
            [
                record(
                    o,
                    onder=[
                        sectie("verstrekkingen", _("Shared"), [record(v) for v in o.verstrekkingen.all()])
                    ],
                )
                for o in Overdracht.objects.filter(traject=t)
            ],
        ),
        sectie("afsluiting", _("Closure"), [record(a) for a in een("afsluiting")]),
        sectie(
            "correctieverzoeken", _("Correction requests"), [record(c) for c in t.correctieverzoeken.all()]
        ),
        sectie("statusovergangen", _("History: status changes"), [record(o) for o in t.overgangen.all()]),
        sectie(
            "documenten",
            _("Documents (reports made)"),
            [record(r, weglaten=RAPPORT_WEGLATEN) for r in Rapport.objects.filter(traject=t)],
        ),
    ]
    return Record(
        f"{_('Trajectory')} {t.nummer}",
        [Veld("nummer", _("Trajectory number"), t.nummer, t.nummer), *record(t, weglaten={"versie"}).velden],
        [s for s in secties if s.records],
    )


def toegangslog_van(gezin: Gezin):
    """Who read or changed the family's file, and when: the rows about the family or its trajectories."""
    traject_ids = list(gezin.trajecten.values_list("pk", flat=True))
    return (
        Toegangslog.objects.filter(Q(gezin_id=gezin.pk) | Q(traject_id__in=traject_ids))
        .select_related("organisatie")
        .order_by("-tijdstip", "-id")
    )


def _logregel(regel: Toegangslog) -> Record:
    velden = []
    for naam in TOEGANGSLOG_VELDEN:
        f = Toegangslog._meta.get_field(naam)
        veld = _veld(regel, f)
        if naam == "rol":
            veld.weergave = regel.rol_label or "—"
        velden.append(veld)
    return Record("", velden)


@dataclass
class Inzage:
    gemaakt_op: dt.datetime
    gezin: list[Sectie]
    trajecten: list[Record]
    toegangslog: list[Record]

    def json(self) -> dict:
        return {
            "soort": "inzage (AVG art. 15)",
            "gemaakt_op": self.gemaakt_op.isoformat(),
            **{s.sleutel: s.json() for s in self.gezin},
            "trajecten": [t.json() for t in self.trajecten],
            "toegangslog": [r.json() for r in self.toegangslog],
        }


def inzage(gezin: Gezin) -> Inzage:
    gezin = Gezin.objects.prefetch_related("ouders", "babys").select_related("gemeente").get(pk=gezin.pk)
    trajecten = (
        Traject.objects.filter(gezin=gezin)
        .select_related("aanbieder", "regie_casemanager", "regie_organisatie", "kraamweek_medewerker")
        .prefetch_related(
            "intakes__factoren",
            "indicatieaanvragen",
            "toewijzingen__medewerker",
            "plannen__doelen",
            "evaluaties__doelen__doel",
            "signalen__meldcode",
            "netwerkleden",
            "betrokkenheden__ketenpartner",
            "toestemmingen__ketenpartner",
            "correctieverzoeken",
            "overgangen__door",
            Prefetch("huisbezoeken", queryset=Huisbezoek.objects.select_related("medewerker")),
        )
        .order_by("aangemaakt_op")
    )
    return Inzage(
        gemaakt_op=timezone.now(),
        gezin=_gezin(gezin),
        trajecten=[_traject(t) for t in trajecten],
        toegangslog=[_logregel(r) for r in toegangslog_van(gezin)],
    )


def inzage_json(gegevens: Inzage) -> bytes:
    return json.dumps(gegevens.json(), ensure_ascii=False, indent=2, default=str).encode("utf-8")


def inzage_maken(rapport, voortgang) -> tuple[bytes, bytes]:
    """rapportage's maker for the kind 'inzage': the PDF and the JSON file of the requester's family."""
    gegevens = inzage(rapport.traject.gezin)
    voortgang(30)
    pdf = render_pdf(
        "bewaring/pdf/inzage.html",
        {
            "inzage": gegevens,
            "traject": rapport.traject,
            "rapport": rapport,
            "gegenereerd_op": timezone.localtime(gegevens.gemaakt_op),
            "vertrouwelijk": True,
            "toegangslog": [r.weergaven for r in gegevens.toegangslog[:TOEGANGSLOG_PDF_MAX]],
            "toegangslog_ingekort": len(gegevens.toegangslog) > TOEGANGSLOG_PDF_MAX,
            "toegangslog_max": TOEGANGSLOG_PDF_MAX,
        },
    )
    voortgang(85)
    return pdf, inzage_json(gegevens)
