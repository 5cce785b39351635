"""The trajectory app's parts of the role homes (worklist cards). Each panel takes the user and returns
the context its template part (templates/core/home/_*.html) reads; the home (werkplek) arranges them.
Every panel reads client data through the policy-scoped selectors."""

from . import selectors, zorg
from .evaluaties import achterstallige_evaluaties, te_bijwonen_evaluaties


def werklijst_coordinator(user) -> dict:
    """Registrations, intakes, requests, matching and starts waiting for her provider."""
    return selectors.werklijst_coordinator(fetched_by=user)


def werklijst_casemanager(user) -> dict:
    """Indication requests and trajectories of her municipality waiting for her."""
    return selectors.werklijst_casemanager(fetched_by=user)


def mijn_gezinnen(user) -> dict:
    """The medewerker's families: this week's hours and the open goals of the current plan."""
    gezinnen = list(selectors.mijn_gezinnen(fetched_by=user).prefetch_related("plannen__doelen")[:50])
    uren = zorg.uren_deze_week_per_traject(gezinnen)
    for traject in gezinnen:
        traject.week = uren[traject.pk]
        plannen = sorted(traject.plannen.all(), key=lambda p: p.versie)
        traject.doelen = (
            [d for d in plannen[-1].doelen.all() if d.status not in ("bereikt", "gestopt")] if plannen else []
        )
    return {"gezinnen": gezinnen}


def open_signalen(user) -> dict:
    return {"open_signalen": list(selectors.open_signalen(fetched_by=user)[:20])}


def achterstallig(user) -> dict:
    """Evaluations past their date."""
    return {"achterstallig": list(achterstallige_evaluaties(fetched_by=user)[:20])}


def aflopend(user) -> dict:
    """Indications that end soon with no next version."""
    return {"aflopend": list(selectors.aflopende_indicaties(fetched_by=user)[:20])}


def te_bijwonen(user) -> dict:
    """Evaluations the casemanager is invited to."""
    return {"te_bijwonen": list(te_bijwonen_evaluaties(fetched_by=user)[:20])}
