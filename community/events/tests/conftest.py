import pytest

from community.events.tests.factories import EventFactory
from community.forums.tests.factories import SupportGroupFactory
from community.members.tests.factories import MemberFactory, with_powers


@pytest.fixture
def other_member(db):
    return MemberFactory()


@pytest.fixture
def group(db):
    return SupportGroupFactory(name="Osteoporosis in Leeds", slug="leeds")


@pytest.fixture
def other_group(db):
    return SupportGroupFactory(name="Back pain in Bristol", slug="bristol")


@pytest.fixture
def organiser(group):
    """A moderator of `group`, and so its organiser; in the Moderators group for the admin."""
    return with_powers(MemberFactory(), auth_groups=("Moderators",), moderates=group)


@pytest.fixture
def editor(db):
    return with_powers(MemberFactory(), auth_groups=("Editors",))


@pytest.fixture
def event(group):
    return EventFactory(group=group, title="Leeds bone health meeting", capacity=3)
