"""The `url` tag, with the answers of Django's ``reverse`` remembered per process.

A role home reverses about a hundred URLs (a link per worklist row, the menu), a trajectory tab some
forty; ``reverse`` walks the URL resolver for each, which cost a home page several milliseconds of its
CPU at national scale (issue 10). The URL of a name and its arguments does not change while the process
runs, so the answer is kept, keyed by everything ``reverse`` reads (name, arguments, current app, script
prefix and URL configuration). Only plain arguments (numbers and strings) are remembered; anything else,
and every error, goes to Django's own tag unchanged. Installed as a template builtin (settings
TEMPLATES), so it replaces `url` everywhere without changing a template.
"""

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()

# Bounded: emptied when full (a process sees at most a few thousand distinct links between restarts).
MAX_URLS = 20_000
_urls: dict[tuple, str] = {}


def _leeg(**kwargs) -> None:
    _urls.clear()


# A test that swaps the URL configuration or the script prefix must not get another configuration's URLs.
setting_changed.connect(_leeg)


def _eenvoudig(waarde) -> bool:
    return isinstance(waarde, (int, str))  # (a name from a template is a SafeString)


class SnelleURLNode(URLNode):
    def render(self, context):
        args = [arg.resolve(context) for arg in self.args]
        kwargs = {k: v.resolve(context) for k, v in self.kwargs.items()}
        view_name = self.view_name.resolve(context)
        try:  # as Django's tag
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        if not (
            _eenvoudig(view_name) and all(map(_eenvoudig, args)) and all(map(_eenvoudig, kwargs.values()))
        ):
            return super().render(context)
        sleutel = (
            view_name,
            tuple(args),
            tuple(sorted(kwargs.items())),
            current_app,
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
        )
        url = _urls.get(sleutel)
        if url is None:
            try:
                url = reverse(view_name, args=args, kwargs=kwargs, current_app=current_app)
            except Exception:
                # Django's own tag raises or, with `as`, leaves the variable empty: the same behaviour.
                return super().render(context)
            if len(_urls) >= MAX_URLS:
                _urls.clear()
            _urls[sleutel] = url
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = django_url(parser, token)
    node.__class__ = SnelleURLNode
    return node
