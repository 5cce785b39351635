"""The period report as it leaves the application (issue 13): the municipality's contract manager may pass
it on (to the council, in a public accountability), so the small-numbers rule of
``rapportage.kleine_aantallen`` applies as in the programme evaluation and the dashboards.

``periode_cijfers`` stays exact (other code and tests compare it); ``beschermd`` turns its dict into the
published one with the same keys: counts below the threshold become "< 5" (with secondary suppression
in distributions that add up to a total), and means, medians and sums of hours and money over fewer
families than the threshold become "n < 5". The base of each mean or sum:

- hours and cost of the period: the trajectories active in the period;
- cost of the closed trajectories, duration: the trajectories closed in the period;
- waiting time: the trajectories started; satisfaction: the responses;
- goals: the goals of the trajectories closed in the period. Many goals can belong to a few families,
  so a percentage reached or a mean realisation is shown only when the closed trajectories reach the
  threshold (and, per theme, its evaluated goals too).
"""

from . import kleine_aantallen as ka


def _gemiddeld(waarde, aantal: int):
    """None (nothing to show) stays None; a figure over too few families is hidden."""
    return None if waarde is None else ka.over_genoeg(waarde, aantal)


def _cellen(rijen: list[dict], *, optelbaar: bool = True, noemer: int | None = None) -> list[dict]:
    beschermd = ka.verdeling([r["aantal"] for r in rijen], optelbaar=optelbaar, noemer=noemer)
    return [{**r, **cel} for r, cel in zip(rijen, beschermd["cellen"], strict=True)]


def _kolom(rijen: list[dict], sleutel: str) -> list:
    """One column of the goals table protected as a distribution over the themes."""
    return [c["aantal"] for c in ka.verdeling([r[sleutel] for r in rijen])["cellen"]]


def _doelen(d: dict, afgesloten: int) -> dict:
    rijen = d["per_thema"]
    kolommen = {k: _kolom(rijen, k) for k in ("doelen", "bereikt", "geevalueerd")}
    per_thema = []
    for i, r in enumerate(rijen):
        doelen, bereikt = kolommen["doelen"][i], kolommen["bereikt"][i]
        per_thema.append(
            {
                **r,
                "doelen": doelen,
                "bereikt": bereikt,
                "geevalueerd": kolommen["geevalueerd"][i],
                "procent_bereikt": None
                if ka.is_verborgen(doelen) or ka.is_verborgen(bereikt)
                else _gemiddeld(r["procent_bereikt"], afgesloten),
                "gemiddelde_realisatie": _gemiddeld(
                    r["gemiddelde_realisatie"], min(r["geevalueerd"], afgesloten)
                ),
            }
        )
    t = d["totaal"]
    totaal = {
        **t,
        "doelen": ka.telling(t["doelen"]),
        "bereikt": ka.telling(t["bereikt"]),
        "geevalueerd": ka.telling(t["geevalueerd"]),
        "procent_bereikt": _gemiddeld(t["procent_bereikt"], afgesloten),
        "gemiddelde_realisatie": _gemiddeld(t["gemiddelde_realisatie"], min(t["geevalueerd"], afgesloten)),
    }
    if ka.is_verborgen(totaal["doelen"]) or ka.is_verborgen(totaal["bereikt"]):
        totaal["procent_bereikt"] = None
    return {"per_thema": per_thema, "totaal": totaal}


def _uren(u: dict, actief: int) -> dict:
    """Hours of the period rest on the trajectories active in it."""
    return {
        "geindiceerd": _gemiddeld(u["geindiceerd"], actief),
        "geleverd": _gemiddeld(u["geleverd"], actief),
        "procent_geleverd": _gemiddeld(u["procent_geleverd"], actief),
        "kosten": _gemiddeld(u["kosten"], actief),
        "per_dienst": [
            {**r, "uren": _gemiddeld(r["uren"], actief), "procent": _gemiddeld(r["procent"], actief)}
            for r in u["per_dienst"]
        ],
        "per_maand": [
            {
                **m,
                "geindiceerd": _gemiddeld(m["geindiceerd"], actief),
                "geleverd": _gemiddeld(m["geleverd"], actief),
            }
            for m in u["per_maand"]
        ],
    }


def beschermd(c: dict) -> dict:
    """The figures of ``periode_cijfers`` as published: the same keys, small numbers hidden."""
    t, w, d, k = c["trajecten"], c["wachttijd"], c["duur"], c["kosten"]
    afgesloten = t["afgesloten"]
    aanmeldingen = c["aanmeldingen"]["totaal"]
    return {
        **c,
        "aanmeldingen": {
            "totaal": ka.telling(aanmeldingen),
            "per_verwijzer": _cellen(c["aanmeldingen"]["per_verwijzer"]),
        },
        "trajecten": {sleutel: ka.telling(aantal) for sleutel, aantal in t.items()},
        "wachttijd": {
            "aantal": ka.telling(w["aantal"]),
            "gemiddeld_dagen": _gemiddeld(w["gemiddeld_dagen"], w["aantal"]),
            "mediaan_dagen": _gemiddeld(w["mediaan_dagen"], w["aantal"]),
        },
        "kwetsbaarheden": {
            "aanmeldingen": ka.telling(c["kwetsbaarheden"]["aanmeldingen"]),
            # A referral may name several factors: the cells overlap and do not add up to a total.
            "per_factor": _cellen(c["kwetsbaarheden"]["per_factor"], optelbaar=False, noemer=aanmeldingen),
        },
        "uren": _uren(c["uren"], t["actief"]),
        "kosten": {
            **k,
            "geleverd": _gemiddeld(k["geleverd"], t["actief"]),
            "afgesloten_trajecten": ka.telling(k["afgesloten_trajecten"]),
            "afgesloten_totaal": _gemiddeld(k["afgesloten_totaal"], afgesloten),
            "afgesloten_uren": _gemiddeld(k["afgesloten_uren"], afgesloten),
            "gemiddeld_per_afgesloten": _gemiddeld(k["gemiddeld_per_afgesloten"], afgesloten),
            "procent_van_referentie": _gemiddeld(k["procent_van_referentie"], afgesloten),
        },
        "duur": {
            "aantal": ka.telling(d["aantal"]),
            **{
                sleutel: _gemiddeld(d[sleutel], d["aantal"])
                for sleutel in ("gemiddeld_dagen", "mediaan_dagen", "gemiddeld_weken")
            },
        },
        "doelen": _doelen(c["doelen"], afgesloten),
        "uitkomsten": {
            "totaal": ka.telling(c["uitkomsten"]["totaal"]),
            "per_uitkomst": _cellen(c["uitkomsten"]["per_uitkomst"]),
        },
        "tevredenheid": {
            sleutel: {
                **s,
                "gemiddeld": _gemiddeld(s["gemiddeld"], s["aantal"]),
                "aantal": ka.telling(s["aantal"]),
            }
            for sleutel, s in c["tevredenheid"].items()
        },
    }
