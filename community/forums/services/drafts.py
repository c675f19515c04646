from django.conf import settings
from django.db import transaction

from portal.ratelimit import hit

from .. import errors
from ..errors import ForumError
from ..forms import BODY_MAX_LENGTH
from ..models import Draft, SupportGroup, Thread
from ..permissions import can_reply

TITLE_MAX_LENGTH = Thread._meta.get_field("title").max_length


class DraftRefused(ForumError):
    pass


class DraftRateLimited(DraftRefused):
    pass


def _target(thread: Thread | None, group: SupportGroup | None) -> dict:
    if (thread is None) == (group is None):
        raise ValueError("A draft belongs to a thread or to a group, not both")
    return {"thread": thread} if thread is not None else {"group": group}


def _check_can_save(*, member, thread: Thread | None, body: str, title: str) -> None:
    if not member.is_authenticated:
        raise DraftRefused(errors.NOT_ALLOWED)
    if thread is not None and not can_reply(member, thread):
        raise DraftRefused(errors.DRAFT_THREAD_CLOSED)
    if len(body) > BODY_MAX_LENGTH or len(title) > TITLE_MAX_LENGTH:
        raise DraftRefused(errors.DRAFT_TOO_LONG.format(limit=BODY_MAX_LENGTH))
    limit, window = settings.FORUM_DRAFT_RATE_LIMIT
    if not hit(key=f"forum-draft:{member.pk}", limit=limit, window_seconds=window):
        raise DraftRateLimited(errors.DRAFT_RATE_LIMITED)


@transaction.atomic
def draft_save(
    *, member, body: str, title: str = "", thread: Thread | None = None, group=None
) -> Draft | None:
    """Keep what the member is writing: a reply to `thread`, or a new thread in `group`.
    The caller has checked that the member may see the thread or group; a locked thread
    takes no draft. Saving nothing but blanks discards the draft (returns None)."""
    target = _target(thread, group)
    _check_can_save(member=member, thread=thread, body=body, title=title)
    if not body.strip() and not title.strip():
        Draft.objects.filter(member=member, **target).delete()
        return None
    draft, _ = Draft.objects.update_or_create(
        member=member, **target, defaults={"body": body, "title": title}
    )
    return draft


@transaction.atomic
def draft_discard(*, member, thread: Thread | None = None, group=None) -> bool:
    deleted, _ = Draft.objects.filter(member=member, **_target(thread, group)).delete()
    return bool(deleted)
