"""Other apps plug their member data into export and account deletion here, so this app never
imports them: forums add posts and reactions, events add RSVPs."""

from collections.abc import Callable
from typing import Any

ExportCollector = Callable[[Any], Any]
DeletionHandler = Callable[..., None]

export_sections: dict[str, ExportCollector] = {}
deletion_handlers: list[DeletionHandler] = []


def register_export_section(name: str, collector: ExportCollector) -> None:
    export_sections[name] = collector


def register_deletion_handler(handler: DeletionHandler) -> None:
    """`handler(*, user, keep_posts: bool)` runs inside the deletion transaction, before the
    user row goes."""
    if handler not in deletion_handlers:
        deletion_handlers.append(handler)
