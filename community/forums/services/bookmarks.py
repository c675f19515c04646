from django.db import transaction

from .. import errors
from ..errors import ForumError
from ..models import Bookmark, Post


@transaction.atomic
def bookmark_add(*, member, post: Post) -> Bookmark:
    """A member bookmarks a post they can read in full; bookmarking twice keeps one."""
    if not member.is_authenticated:
        raise ForumError(errors.NOT_ALLOWED)
    if not post.is_public:
        raise ForumError(errors.POST_NOT_BOOKMARKABLE)
    bookmark, _ = Bookmark.objects.get_or_create(member=member, post=post)
    return bookmark


@transaction.atomic
def bookmark_remove(*, member, post_id: int) -> bool:
    """Only the member's own bookmark goes. Returns whether there was one."""
    deleted, _ = Bookmark.objects.filter(member=member, post_id=post_id).delete()
    return bool(deleted)
