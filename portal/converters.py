"""Path converters. `<id:pk>` is a database id: at most 18 digits, so a huge number answers
404 instead of overflowing PostgreSQL's bigint into a 500. Importing this module registers it."""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
