from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Rapport


@receiver(post_delete, sender=Rapport)
def bestanden_mee_verwijderen(sender, instance: Rapport, **kwargs):
    """A report's files go with its row, also when it goes by cascade (a deleted trajectory or user): in
    the same transaction, since they live in the database too (core.opslag)."""
    from .maken import bestanden_verwijderen

    bestanden_verwijderen(instance)
