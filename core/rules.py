"""The actions of the bottom layer itself: the home, the access log, beheer and the health endpoints."""

from . import policy

HOME = "home"
TOEGANGSLOG_ZOEKEN = "toegangslog.zoeken"
BEHEER = "beheer"
# Operations (issue 11): the health endpoints, public for the load balancer; they reveal nothing.
GEZONDHEID = "gezondheid"

policy.registreer(
    {
        HOME: policy.heeft_rol,
        TOEGANGSLOG_ZOEKEN: policy.is_beheerder,
        BEHEER: policy.is_beheerder,
        GEZONDHEID: policy.altijd,
    }
)
policy.registreer_beheerscope({"core.Toegangslog": ("organisatie",)})
