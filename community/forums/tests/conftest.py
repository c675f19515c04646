import pytest

from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.tests.factories import with_powers


@pytest.fixture(autouse=True)
def _forum_settings(settings):
    """Notifications go out at once, and only account age makes a member "new": members
    from ExperiencedMemberFactory are past the limits, MemberFactory's are new. The posting
    rate limit is lifted for building data; its own test sets it."""
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
def group_moderator(group):
    return with_powers(ExperiencedMemberFactory(), moderates=group)


@pytest.fixture
def site_moderator(db):
    return with_powers(ExperiencedMemberFactory(), auth_groups=("Moderators",))


@pytest.fixture
def thread(group, author):
    return make_thread(group=group, author=author)


@pytest.fixture
def crisis_post(thread):
    return make_reply(
        thread=thread,
        author=ExperiencedMemberFactory(email="quiet.river@example.org"),
        body="Everyone would be better off without me.",
    )


def pytest_terminal_summary(terminalreporter):
    """The crisis-phrase tests record recall and false-positive rates as user properties;
    show them at the end of every run, with or without -s."""
    lines = [
        f"{name}: {value}"
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", [])
        if name.startswith("crisis ")
    ]
    if lines:
        terminalreporter.write_sep("-", "crisis phrase detection")
        for line in lines:
            terminalreporter.write_line(line)
