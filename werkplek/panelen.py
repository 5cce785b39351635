"""Which panels each role's home shows, in order. A panel is a function ``(user) -> dict`` offered by the
app that owns the data (``<app>/panelen.py``); its context is read by the role's template
(templates/core/home/<rol>.html), which includes the card templates. A new card: write the panel in its
app, add it to the roles here, include its template part in the role templates."""

from core import panelen as core_panelen
from core.constants import Rol
from rapportage import panelen as rapportage
from trajecten import panelen as trajecten

PANELEN = {
    Rol.COORDINATOR: [
        trajecten.werklijst_coordinator,
        trajecten.open_signalen,
        trajecten.achterstallig,
        trajecten.aflopend,
        core_panelen.meldingen,
        rapportage.dashboard,
        rapportage.recente_rapporten,
    ],
    Rol.CASEMANAGER: [
        trajecten.werklijst_casemanager,
        trajecten.open_signalen,
        trajecten.achterstallig,
        trajecten.te_bijwonen,
        core_panelen.meldingen,
        rapportage.dashboard,
        rapportage.recente_rapporten,
    ],
    Rol.MEDEWERKER: [
        trajecten.mijn_gezinnen,
        trajecten.open_signalen,
        core_panelen.meldingen,
    ],
    Rol.GEMEENTE_RAPPORTAGE: [
        rapportage.dashboard,
        rapportage.recente_rapporten,
    ],
    Rol.BEHEERDER: [],
}

# Panels built on every request, never kept (werkplek.werklijsten): her unread notifications and her
# reports, which change without a write of her organisation (the report worker, a notification).
ALTIJD_VERS = {core_panelen.meldingen, rapportage.recente_rapporten}

# Roles whose home shows worklists of client data: reading them is logged as a search.
WERKLIJST_ROLLEN = {Rol.COORDINATOR, Rol.CASEMANAGER, Rol.MEDEWERKER}
