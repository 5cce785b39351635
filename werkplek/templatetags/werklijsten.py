"""``{% bewaard "naam" %}…{% endbewaard %}``: a part of a role home rendered once per set of kept worklist
cards (werkplek.werklijsten), not on every view. Rendering the cards (a hundred links, dates and names)
cost more than reading them. Only for parts that show nothing but the kept cards: no form (a CSRF token
is per session), no notifications or reports (built on every view), nothing of the request."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


class BewaardNode(template.Node):
    def __init__(self, naam: str, nodelist):
        self.naam, self.nodelist = naam, nodelist

    def render(self, context):
        # The dict lives in the kept cards' context: a new set of cards (a write, the minute over) starts empty.
        bewaarplaats = context.get("werklijst_html")
        if bewaarplaats is None:
            return self.nodelist.render(context)
        sleutel = (self.naam, get_language())
        html = bewaarplaats.get(sleutel)
        if html is None:
            html = bewaarplaats[sleutel] = self.nodelist.render(context)
        return mark_safe(html)  # noqa: S308 - the template's own rendering, escaped as it rendered


@register.tag
def bewaard(parser, token):
    _tag, naam = token.split_contents()
    nodelist = parser.parse(("endbewaard",))
    parser.delete_first_token()
    return BewaardNode(naam.strip("\"'"), nodelist)
