"""Other apps plug their member data into export, account deletion and the My activity page
here, so this app never imports them: forums add posts and reactions, events add RSVPs."""

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ActivitySection:
    """One section of a member's My activity page. `items(user)` returns the member's own
    things, newest or soonest first, as a queryset (paginated by the page) with its joins;
    `template` renders one page of them as `items`."""

    slug: str
    title: str
    template: str
    items: Callable[[Any], Any]
    position: int = 0


activity_sections: dict[str, ActivitySection] = {}


def register_activity_section(section: ActivitySection) -> None:
    activity_sections[section.slug] = section


def ordered_activity_sections() -> list[ActivitySection]:
    return sorted(activity_sections.values(), key=lambda section: section.position)
