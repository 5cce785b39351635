from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as stdnum_bsn


def bsn_elfproef(waarde: str) -> None:
    """A citizen service number passes the eleven test (python-stdnum). The one home of the rule:
    the model field, the referral form and the service all use it."""
    if waarde and not stdnum_bsn.is_valid(stdnum_bsn.compact(waarde)):
        raise ValidationError(
            _("This is not a valid citizen service number (BSN): the eleven test fails."), code="elfproef"
        )
