"""Placeholder: services and the trajectory tab for this part of the care (issue 4) come here."""


def tab_context(traject, user) -> dict:
    return {}
