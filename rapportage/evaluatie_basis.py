"""What every part of the programme evaluation builds on: its scope (which trajectories count) and the
distribution and mean of a figure, protected against small numbers (``rapportage.kleine_aantallen``)."""

from dataclasses import dataclass

from django.db.models import Q

from . import kleine_aantallen as ka
from .bouwstenen import rond
from .models import EvaluatieScope, Regio


@dataclass(frozen=True)
class Scope:
    soort: str
    naam: str
    gemeente_id: int | None = None
    regio_id: int | None = None
    aanbieder_id: int | None = None

    @classmethod
    def van_rapport(cls, rapport) -> "Scope":
        return cls(
            soort=rapport.scope,
            naam=rapport.scope_naam,
            gemeente_id=rapport.gemeente_id,
            regio_id=rapport.regio_id,
            aanbieder_id=rapport.aanbieder_id,
        )

    def voorwaarde(self, pad: str = "") -> Q:
        """The trajectories in scope, as a condition on the trajectory at ``pad`` ("" is Traject itself)."""
        voor = f"{pad}__" if pad else ""
        if self.soort == EvaluatieScope.GEMEENTE:
            return Q(**{f"{voor}gemeente_id": self.gemeente_id})
        if self.soort == EvaluatieScope.REGIO:
            gemeenten = Regio.gemeenten.through.objects.filter(regio_id=self.regio_id).values(
                "organisatie_id"
            )
            return Q(**{f"{voor}gemeente_id__in": gemeenten})
        if self.soort == EvaluatieScope.AANBIEDER:
            return Q(**{f"{voor}aanbieder_id": self.aanbieder_id})
        if self.soort == EvaluatieScope.PROGRAMMA:
            return Q()
        raise ValueError(self.soort)


def keuzeverdeling(choices, aantallen: dict, *, optelbaar=True, noemer=None) -> dict:
    """A protected distribution over a TextChoices, labelled in the active language."""
    beschermd = ka.verdeling([aantallen.get(c.value, 0) for c in choices], optelbaar=optelbaar, noemer=noemer)
    return {
        "totaal": beschermd["totaal"],
        "rijen": [
            {"code": c.value, "label": str(c.label), **cel}
            for c, cel in zip(choices, beschermd["cellen"], strict=True)
        ],
    }


def beschermd_gemiddelde(waarde, aantal: int, plaatsen: str = "0.1"):
    return ka.over_genoeg(rond(waarde, plaatsen), aantal)
