"""Every write to the forums, one function per use case, each in a transaction with its
permission check: posting (threads, replies, edits, reactions, reports, answers, watching),
moderation, counters, bookmarks, drafts, and the notifications that follow a reply."""

from ..notifications import (
    alert_safeguarding,
    notify_member_of_outcome,
    queue_reply_notifications,
    watchers_of,
)
from .bookmarks import bookmark_add, bookmark_remove
from .counters import recount_group, recount_member, recount_thread
from .drafts import DraftRateLimited, DraftRefused, draft_discard, draft_save
from .moderation import (
    member_contact_privately,
    member_suspend,
    member_warn,
    post_moderate,
    thread_moderate,
)
from .posting import (
    PostingLimitReached,
    index_post_for_search,
    is_new_member,
    mentions_crisis,
    new_submission_token,
    post_create,
    post_delete,
    post_edit,
    reaction_toggle,
    read_state_mark,
    report_create,
    subscription_set,
    thread_create,
    thread_mark_answer,
)

__all__ = [
    "DraftRateLimited",
    "DraftRefused",
    "PostingLimitReached",
    "alert_safeguarding",
    "bookmark_add",
    "bookmark_remove",
    "draft_discard",
    "draft_save",
    "index_post_for_search",
    "is_new_member",
    "member_contact_privately",
    "member_suspend",
    "member_warn",
    "mentions_crisis",
    "new_submission_token",
    "notify_member_of_outcome",
    "post_create",
    "post_delete",
    "post_edit",
    "post_moderate",
    "queue_reply_notifications",
    "reaction_toggle",
    "read_state_mark",
    "recount_group",
    "recount_member",
    "recount_thread",
    "report_create",
    "subscription_set",
    "thread_create",
    "thread_mark_answer",
    "thread_moderate",
    "watchers_of",
]
