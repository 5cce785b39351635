from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.cache import nieuwe_versie, organisatie_versie_naam
from indicaties.models import Indicatie
from trajecten.models import Huisbezoek, StatusOvergang

from .models import Rapport


@receiver(post_delete, sender=Rapport)
def bestanden_mee_verwijderen(sender, instance: Rapport, **kwargs):
    """A report's files go with its row, also when it goes by cascade (a deleted trajectory or user): in
    the same transaction, since they live in the database too (core.opslag)."""
    from .maken import bestanden_verwijderen

    bestanden_verwijderen(instance)


@receiver(post_save, sender=Huisbezoek)
@receiver(post_save, sender=Indicatie)
@receiver(post_save, sender=StatusOvergang)
def cijfers_verouderd(sender, instance, **kwargs):
    """Hours given, hours indicated and running trajectories changed: the cached home figures of the
    family's municipality and of the provider are stale from the commit on (not after minutes). The
    trajectory is usually already loaded by the service that saves, so this asks no query."""
    traject = instance.traject
    organisaties = (traject.gezin.gemeente_id, traject.aanbieder_id)
    transaction.on_commit(lambda: nieuwe_versie(*(organisatie_versie_naam(org) for org in organisaties)))
