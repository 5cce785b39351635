"""The one helper every view uses when it touches client data: log_toegang()."""

from django.conf import settings
from django.http import HttpRequest

from .constants import Gebeurtenis, Uitkomst
from .models import Toegangslog
from .verzoek_id import huidig


def client_ip(request: HttpRequest) -> str | None:
    header = settings.TOEGANGSLOG_IP_HEADER
    if header and request.META.get(header):
        # The first address is the client; proxies append theirs.
        return request.META[header].split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def log_toegang(
    request: HttpRequest,
    *,
    gebeurtenis: Gebeurtenis,
    uitkomst: Uitkomst = Uitkomst.TOEGESTAAN,
    obj=None,
    gezin_id: int | None = None,
    traject_id: int | None = None,
    omschrijving: str = "",
    reden: str = "",
) -> Toegangslog:
    """Write one access-log row. Objects may describe their family via ``toegangslog_context()``."""
    if obj is not None and hasattr(obj, "toegangslog_context"):
        context = obj.toegangslog_context()
        gezin_id = gezin_id or context.get("gezin_id")
        traject_id = traject_id or context.get("traject_id")
    user = getattr(request, "user", None)
    ingelogd = user is not None and user.is_authenticated
    lidmaatschap = getattr(user, "lidmaatschap", None) if ingelogd else None
    return Toegangslog.objects.create(
        gebeurtenis=gebeurtenis,
        uitkomst=uitkomst,
        gebruiker=user if ingelogd else None,
        gebruikersnaam=user.get_username() if ingelogd else "",
        rol=lidmaatschap.rol if lidmaatschap else "",
        organisatie_id=lidmaatschap.organisatie_id if lidmaatschap else None,
        gezin_id=gezin_id,
        traject_id=traject_id,
        object_type=obj._meta.label_lower if obj is not None and hasattr(obj, "_meta") else "",
        object_id=str(obj.pk) if obj is not None and getattr(obj, "pk", None) is not None else "",
        omschrijving=str(omschrijving)[:255],
        reden=str(reden)[:255],
        pad=request.get_full_path()[:500],
        ip_adres=client_ip(request),
        request_id=getattr(request, "verzoek_id", "") or huidig.get(),
    )
