import pytest

from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    """As in the forums' tests: members from ExperiencedMemberFactory are past the new-member
    limits, and the posting rate limit is lifted for building data."""
    settings.FORUM_NOTIFICATION_DELAY = None
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    settings.FORUM_POST_RATE_LIMIT = (10_000, 600)


@pytest.fixture
def group(db):
    return SupportGroupFactory(name="Living with back pain", slug="back-pain")


@pytest.fixture
def author(db):
    return ExperiencedMemberFactory()


@pytest.fixture
def other_member(db):
    return ExperiencedMemberFactory()


@pytest.fixture
def thread(group, author):
    return make_thread(group=group, author=author, title="Sleeping with a fracture")
