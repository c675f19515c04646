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


UnsubscribeHandler = Callable[..., str]
unsubscribe_handlers: dict[str, UnsubscribeHandler] = {}


def register_unsubscribe_handler(scope: str, handler: UnsubscribeHandler) -> None:
    """`handler(*, user_id, target) -> str` stops the emails of one unsubscribe scope (see
    portal.mail.unsubscribe_token) and says what they were about; it raises LookupError when
    the thing is gone."""
    unsubscribe_handlers[scope] = handler
