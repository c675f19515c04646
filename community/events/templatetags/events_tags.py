import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
