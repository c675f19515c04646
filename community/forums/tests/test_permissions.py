import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community.forums import errors
from community.forums.errors import ForumError
from community.forums.models import Suspension
from community.forums.permissions import can_sanction_member, require_active_member
from community.members.permissions import EMAIL_NOT_VERIFIED, SIGN_IN_REQUIRED
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_sanctions_tied_to_a_post_are_for_that_groups_moderators(
    thread, author, other_member, group_moderator, site_moderator
):
    post = thread.first_post

    assert not can_sanction_member(AnonymousUser(), post=post)
    assert not can_sanction_member(other_member, post=post)
    assert not can_sanction_member(author, post=post)
    assert can_sanction_member(group_moderator, post=post)
    assert can_sanction_member(site_moderator, post=post)


def test_sanctions_tied_to_no_post_are_for_site_moderators_only(
    other_member, group_moderator, site_moderator
):
    assert not can_sanction_member(AnonymousUser(), post=None)
    assert not can_sanction_member(other_member, post=None)
    assert not can_sanction_member(group_moderator, post=None)
    assert can_sanction_member(site_moderator, post=None)


def test_an_active_member_is_signed_in_verified_and_not_suspended(author):
    require_active_member(author)

    with pytest.raises(ForumError, match=re.escape(SIGN_IN_REQUIRED)):
        require_active_member(AnonymousUser())
    with pytest.raises(ForumError, match=re.escape(EMAIL_NOT_VERIFIED)):
        require_active_member(MemberFactory(member_records__verified=False))


def test_a_suspension_refuses_writes_until_it_ends(author):
    ended = Suspension.objects.create(
        user=author, until=timezone.now() - timedelta(minutes=1), reason="Old"
    )
    require_active_member(author)
    current = Suspension.objects.create(
        user=author, until=timezone.now() + timedelta(days=3), reason="Rude"
    )

    with pytest.raises(ForumError) as refusal:
        require_active_member(author)

    assert refusal.value.message == errors.SUSPENDED.format(until=current.until)
    assert Suspension.objects.in_force_for(author) == current != ended
