"""Everything the forums send to members, in one place:

- dispatch: what a new post, a moderation decision or a crisis post sets in motion (called by
  the services, inside their transaction);
- tasks: the background jobs that send the emails;
- emails: the emails themselves, built with portal.mail;
- unsubscribe: what the forums' one-click unsubscribe links do.
"""

from .dispatch import (
    alert_safeguarding,
    notify_member_of_outcome,
    queue_reply_notifications,
    watchers_of,
)

__all__ = [
    "alert_safeguarding",
    "notify_member_of_outcome",
    "queue_reply_notifications",
    "watchers_of",
]
