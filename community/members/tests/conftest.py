import pytest

from community.members.tests.factories import MemberFactory


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def unverified_member(db):
    return MemberFactory(member_records__verified=False)
