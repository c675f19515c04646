from django import template
from django.template.loader import render_to_string

from ..times import reader_span, span_in

register = template.Library()


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
