"""Messages members see when the forum refuses something. Tests import them."""

SUSPENDED = "Your account is suspended from posting until {until:%d %B %Y}. You can still read."
THREAD_LOCKED = "This thread is locked, so it cannot take new replies."
RATE_LIMITED = (
    "You are posting very quickly. Please wait a few minutes and try again; "
    "your text is kept below."
)
NEW_MEMBER_THREAD_LIMIT = (
    "New members can start {limit} threads a day. Please reply in an existing thread, or try "
    "again tomorrow."
)
NEW_MEMBER_NO_LINKS = (
    "New members cannot post links or images yet. Please remove them, or describe where to "
    "find the page in words."
)
HONEYPOT_TRIGGERED = "Your post could not be accepted. Please try again."
ALREADY_REPORTED = "You have already reported this post. Thank you: moderators will look at it."
CANNOT_REPORT_OWN = "You cannot report your own post."
NOT_ALLOWED = "You are not allowed to do that."
POST_NOT_AVAILABLE = "This post has been removed or hidden, so it cannot take reactions or reports."
EMPTY_POST = "Please write something before posting."
MOVE_SAME_GROUP = "The thread is already in that group."
ANSWER_NOT_IN_THREAD = "Only a reply in this thread can be marked as the answer."
HELD_FOR_APPROVAL = (
    "Thank you. Your post will appear once a moderator has approved it: this group checks new "
    "members' first posts."
)
DISCUSSION_WAITING = (
    "A discussion of this article has been started and is waiting for a moderator. "
    "Please look again soon."
)
PRIVATE_MESSAGE_EMPTY = "Please write a message to the member."
CONTACT_RATE_LIMITED = (
    "You have sent {limit} private messages in the last hour, the most one moderator may. "
    "Please ask another moderator to write, or try again later; your message is kept below."
)
MEMBER_UNREACHABLE = "This member has no email address we can write to."
POST_NOT_BOOKMARKABLE = "This post has been removed or hidden, so it cannot be bookmarked."
DRAFT_THREAD_CLOSED = (
    "This thread is closed to replies, so your draft cannot be saved. Your text is still in "
    "the box: copy it somewhere safe if you want to keep it."
)
DRAFT_TOO_LONG = (
    "Drafts can be up to {limit} characters, like posts. Your text is still in the box."
)
DRAFT_RATE_LIMITED = (
    "Your draft was not saved just now because it changed very often; it will be saved again "
    "in a moment. Your text is still in the box."
)
DRAFT_UNAVAILABLE = (
    "This discussion is no longer available, so your draft cannot be saved. Your text is still "
    "in the box: copy it somewhere safe if you want to keep it."
)
TOO_MANY_MENTIONS = (
    "A post can mention at most {limit} members. Please mention fewer; your text is kept below."
)
MENTIONS_RATE_LIMITED = (
    "You have mentioned {limit} members in the last hour, the most one member may. Please try "
    "again later, or write without the @; your text is kept below."
)


class ForumError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
