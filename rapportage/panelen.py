"""The reports app's parts of the role homes: the dashboard of figures and charts, and her latest reports.
Each panel takes the user and returns the context its template part reads; the home arranges them."""

from . import kerncijfers
from .selectors import rapporten_van


def dashboard(user) -> dict:
    """Figures and charts of the role (aggregates, scoped by the policy); a fixed number of queries."""
    return {"dashboard": kerncijfers.dashboard(fetched_by=user)}


def recente_rapporten(user) -> dict:
    return {"rapporten": list(rapporten_van(user)[:5])}
