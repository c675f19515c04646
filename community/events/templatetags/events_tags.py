import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..times import reader_span, span_in

register = template.Library()

# The characters that could end the script element or start markup, as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """A JSON-LD script element. The JSON is escaped so no value can close the element
    (the same escaping as Django's json_script, which only makes application/json)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Safe: every character that could end the element or open markup is escaped above.
    escaped = mark_safe(text)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', escaped)


@register.simple_tag(takes_context=True)
def event_when(context, event, reader=None, text=False) -> str:
    """When the event is, in its own zone with the zone's name, and in the reader's zone when
    that keeps a different clock. The reader is `reader` (emails pass the recipient) or the
    signed-in member; anonymous readers see the event's zone only. `text=True` for plain-text
    emails."""
    if reader is None and "request" in context:
        reader = context["request"].user
    spans = {"local": span_in(event, event.time_zone), "reader": reader_span(reader, event)}
    template = "events/includes/_when.txt" if text else "events/includes/_when.html"
    return render_to_string(template, spans)
