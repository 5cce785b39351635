"""Trajectory models, split by concern: the trajectory from referral to active (traject), and the
care it delivers (zorg: support plan, goals, visits). ``DateRange`` lives in ``core.db``; it is still
named here because historical migrations spell it ``trajecten.models.DateRange``."""

from .traject import (
    Aanmelding,
    Baby,
    DateRange,
    Gezin,
    Intake,
    IntakeFactor,
    Ouder,
    StatusOvergang,
    Toewijzing,
    Traject,
    Verhuizing,
)
from .zorg import (
    Afsluiting,
    BudgetUitzondering,
    Evaluatie,
    EvaluatieDoel,
    Huisbezoek,
    HuisbezoekVoortgang,
    MeldcodeRegistratie,
    NetwerkLid,
    Netwerkplan,
    Ondersteuningsplan,
    Signaal,
    Zorgdoel,
)

__all__ = [
    "Afsluiting",
    "Evaluatie",
    "EvaluatieDoel",
    "MeldcodeRegistratie",
    "NetwerkLid",
    "Netwerkplan",
    "Signaal",
    "Aanmelding",
    "Baby",
    "BudgetUitzondering",
    "DateRange",
    "Gezin",
    "Huisbezoek",
    "HuisbezoekVoortgang",
    "Intake",
    "IntakeFactor",
    "Ondersteuningsplan",
    "Ouder",
    "StatusOvergang",
    "Toewijzing",
    "Traject",
    "Verhuizing",
    "Zorgdoel",
]
