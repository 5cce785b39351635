"""Work a user still carries that someone must take over before she leaves (deactivation, or a
membership that ends or changes). accounts knows nothing of trajectories: the apps above it register
here what they hold for a user and the page where it is handed over (trajecten: her assignments)."""

from collections.abc import Callable
from dataclasses import dataclass

from .models import User


@dataclass(frozen=True)
class Bron:
    aantal: Callable[[User], int]  # how many running items the user still holds
    url_naam: str  # the page (taking the user's pk) where they are handed over


_BRONNEN: list[Bron] = []


def registreer(bron: Bron) -> None:
    if bron not in _BRONNEN:
        _BRONNEN.append(bron)


def lopend_werk(user: User) -> list[tuple[Bron, int]]:
    """The sources in which ``user`` still holds running work, with how much."""
    if user.pk is None:
        return []
    return [(bron, n) for bron in _BRONNEN if (n := bron.aantal(user))]
