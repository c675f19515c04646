"""The cached permission answers: the same as `has_perm` for every kind of user, one cache
round trip once known, and asked again as soon as permissions, groups or moderators change."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from community.forums.tests.factories import SupportGroupFactory
from community.members.permissions import ADMIN_ACCESS, has_permission, may_enter_admin
from community.members.tests.factories import MemberFactory, with_powers

pytestmark = pytest.mark.django_db

MODERATE_FORUMS = "forums.moderate_forums"


def fresh(user):
    """The user as the next request loads it (no answers remembered on the object)."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("powers", "admin", "moderate_forums"),
    [
        ({}, False, False),
        ({"auth_groups": ("Editors",)}, True, False),
        ({"auth_groups": ("Moderators",)}, True, True),
        ({"moderates": "a group"}, True, False),
    ],
)
def test_the_answers_are_has_perms_for_every_kind_of_member(powers, admin, moderate_forums):
    if powers.get("moderates"):
        powers = {"moderates": SupportGroupFactory()}
    user = MemberFactory()
    if powers:
        with_powers(user, **powers)

    for _ in range(2):  # counted, then from the cache
        user = fresh(user)
        assert may_enter_admin(user) is admin == user.has_perm(ADMIN_ACCESS)
        assert has_permission(user, MODERATE_FORUMS) is moderate_forums


def test_superusers_may_and_inactive_users_may_not():
    assert may_enter_admin(MemberFactory(is_superuser=True))
    assert not may_enter_admin(
        with_powers(MemberFactory(is_active=False), auth_groups=("Editors",))
    )


def test_a_known_answer_costs_no_query(django_assert_num_queries):
    member = fresh(MemberFactory())
    may_enter_admin(member)  # the permissions member pages ask are answered together
    member = fresh(member)

    with django_assert_num_queries(0):
        assert not may_enter_admin(member)
        assert not has_permission(member, MODERATE_FORUMS)


def test_joining_or_leaving_a_group_is_seen_at_once(django_capture_on_commit_callbacks):
    member = MemberFactory()
    editors = Group.objects.get(name="Editors")
    assert not may_enter_admin(fresh(member))

    with django_capture_on_commit_callbacks(execute=True):
        member.groups.add(editors)
    assert may_enter_admin(fresh(member))

    with django_capture_on_commit_callbacks(execute=True):
        member.groups.remove(editors)
    assert not may_enter_admin(fresh(member))


def test_a_groups_permissions_changing_is_seen_at_once(django_capture_on_commit_callbacks):
    member = MemberFactory()
    carers = Group.objects.create(name="Carers")
    member.groups.add(carers)
    assert not has_permission(fresh(member), MODERATE_FORUMS)

    with django_capture_on_commit_callbacks(execute=True):
        carers.permissions.add(Permission.objects.get(codename="moderate_forums"))
    assert has_permission(fresh(member), MODERATE_FORUMS)

    with django_capture_on_commit_callbacks(execute=True):
        carers.delete()
    assert not has_permission(fresh(member), MODERATE_FORUMS)


def test_becoming_or_ceasing_to_be_a_group_moderator_is_seen_at_once(
    django_capture_on_commit_callbacks,
):
    member, group = MemberFactory(), SupportGroupFactory()
    assert not may_enter_admin(fresh(member))

    with django_capture_on_commit_callbacks(execute=True):
        group.moderators.add(member)
    assert may_enter_admin(fresh(member))

    with django_capture_on_commit_callbacks(execute=True):
        group.moderators.remove(member)
    assert not may_enter_admin(fresh(member))


def test_a_direct_permission_is_seen_at_once(django_capture_on_commit_callbacks):
    member = MemberFactory()
    assert not has_permission(fresh(member), MODERATE_FORUMS)

    with django_capture_on_commit_callbacks(execute=True):
        member.user_permissions.add(Permission.objects.get(codename="moderate_forums"))

    assert has_permission(fresh(member), MODERATE_FORUMS)


def test_the_userbar_is_shown_to_staff_only_and_costs_members_no_query(
    client, django_assert_max_num_queries
):
    url = reverse("forums:group-list")
    client.force_login(MemberFactory())
    client.get(url)
    with django_assert_max_num_queries(10) as captured:
        page = client.get(url).text
    assert "wagtail-userbar" not in page
    assert not any("auth_permission" in query["sql"] for query in captured.captured_queries)

    client.force_login(with_powers(MemberFactory(), auth_groups=("Editors",)))
    assert "wagtail-userbar" in client.get(url).text
