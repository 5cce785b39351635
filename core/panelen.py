"""The bottom layer's part of the role homes: her unread notifications."""


def meldingen(user) -> dict:
    return {"meldingen": list(user.meldingen.filter(gelezen_op__isnull=True)[:10])}
