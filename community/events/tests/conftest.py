import pytest
from django.contrib.auth.models import Group

from community.events.tests.factories import EventFactory
from community.forums.tests.factories import SupportGroupFactory
from community.members.tests.factories import MemberFactory, enrol_totp


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def other_member(db):
    return MemberFactory()


@pytest.fixture
def unverified_member(db):
    return MemberFactory(member_records__verified=False)


@pytest.fixture
def group(db):
    return SupportGroupFactory(name="Osteoporosis in Leeds", slug="leeds")


@pytest.fixture
def other_group(db):
    return SupportGroupFactory(name="Back pain in Bristol", slug="bristol")


@pytest.fixture
def members_only_group(db):
    return SupportGroupFactory(name="Carers' corner", slug="carers", visibility="members")


@pytest.fixture
def organiser(group):
    """A moderator of `group`, and so its organiser; in the Moderators group for the admin."""
    user = MemberFactory()
    group.moderators.add(user)
    user.groups.add(Group.objects.get(name="Moderators"))
    enrol_totp(user)
    return user


@pytest.fixture
def editor(db):
    user = MemberFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    enrol_totp(user)
    return user


@pytest.fixture
def event(group):
    return EventFactory(group=group, title="Leeds bone health meeting", capacity=3)
