"""Every URL that READS member content, tried by every kind of visitor, for a post in each
state. A post's text reaches only those allowed to read it in that state; everyone else
gets a 404 (or, when anonymous, the sign-in page) and never the words.

Roles: anonymous, other member, author, suspended member, moderator of another group,
group moderator, group moderator without a second factor, staff (the site's Moderators
group) without a second factor, and staff."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from community.events.tests.factories import EventFactory
from community.forums import services
from community.forums.models import ModerationAction, Post, Suspension
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)
from community.members.tests.factories import enrol_totp

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "other",
    "author",
    "suspended",
    "other_group_moderator",
    "group_moderator",
    "group_moderator_without_mfa",
    "staff_without_mfa",
    "staff",
]
STATES = ["visible", "pending", "hidden", "deleted"]
MODERATORS = {"group_moderator", "staff"}


def secret(state: str) -> str:
    return f"Private words of the {state} post"


@pytest.fixture
def world():
    group = SupportGroupFactory(slug="matrix-read")
    elsewhere = SupportGroupFactory(slug="elsewhere")
    author = ExperiencedMemberFactory()
    people = {role: ExperiencedMemberFactory() for role in ROLES if role != "anonymous"}
    people["anonymous"] = None
    people["author"] = author
    group.moderators.add(people["group_moderator"], people["group_moderator_without_mfa"])
    elsewhere.moderators.add(people["other_group_moderator"])
    moderators_group = Group.objects.get(name="Moderators")
    for role in ("staff", "staff_without_mfa"):
        people[role].groups.add(moderators_group)
    for role in ("staff", "group_moderator", "other_group_moderator"):
        enrol_totp(people[role])
    Suspension.objects.create(
        user=people["suspended"], until=timezone.now() + timezone.timedelta(days=3), reason="x"
    )
    thread = make_thread(group=group, author=author, title="Read matrix")
    posts = {}
    for state in STATES:
        post = services.post_create(thread=thread, author=author, body=secret(state))
        if state == "pending":
            Post.objects.filter(pk=post.pk).update(status=Post.Status.PENDING)
        elif state == "hidden":
            Post.objects.filter(pk=post.pk).update(status=Post.Status.HIDDEN)
        elif state == "deleted":
            Post.objects.filter(pk=post.pk).update(is_deleted=True)
        posts[state] = post
    return {"group": group, "thread": thread, "posts": posts, "people": people}


def visit(client, world, role, url):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    return client.get(url)


def assert_denied(response, role):
    if role == "anonymous":
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 404


def may_read_body(role: str, state: str) -> bool:
    if state == "deleted":
        return False
    return state == "visible" or role in MODERATORS | {"author"}


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_edit_form(client, world, role, state):
    post = world["posts"][state]
    allowed = role in MODERATORS or (role == "author" and state in ("visible", "pending"))

    response = visit(client, world, role, reverse("forums:post-edit", args=[post.pk]))

    if allowed:
        assert response.status_code == 200
        assert secret(state) in response.text
    else:
        assert_denied(response, role)
        assert secret(state) not in response.text


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_edit_history(client, world, role, state):
    post = world["posts"][state]

    response = visit(client, world, role, reverse("forums:post-history", args=[post.pk]))

    if role in MODERATORS:
        assert response.status_code == 200
    else:
        assert_denied(response, role)
        assert secret(state) not in response.text


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_permalink(client, world, role, state):
    post = world["posts"][state]
    exists_for_role = state != "pending" or role in MODERATORS | {"author"}

    response = visit(client, world, role, reverse("forums:post-permalink", args=[post.pk]))

    assert response.status_code == (302 if exists_for_role else 404)
    assert secret(state) not in response.text


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_quote_prefill(client, world, role, state):
    post = world["posts"][state]
    url = f"{reverse('forums:reply', args=[world['thread'].pk])}?quote={post.pk}"

    response = visit(client, world, role, url)

    if role == "anonymous" or (state == "pending" and role not in MODERATORS | {"author"}):
        assert_denied(response, role)
    else:
        assert response.status_code == 200
    assert (secret(state) in response.text) == (state == "visible" and role != "anonymous")


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_report_form(client, world, role, state):
    post = world["posts"][state]

    response = visit(client, world, role, reverse("forums:post-report", args=[post.pk]))

    if role not in ("anonymous", "author") and state == "visible":
        assert response.status_code == 200
    else:
        assert_denied(response, role)
    assert secret(state) not in response.text


@pytest.mark.parametrize("role", ROLES)
def test_thread_page_shows_each_post_only_to_those_allowed(client, world, role):
    response = visit(client, world, role, world["thread"].get_absolute_url())

    assert response.status_code == 200
    for state in STATES:
        assert (secret(state) in response.text) == may_read_body(role, state), state


@pytest.mark.parametrize("role", ROLES)
def test_attendee_list(client, world, role):
    event = EventFactory(group=world["group"], organiser=world["people"]["group_moderator"])

    response = visit(client, world, role, reverse("events:event-attendees", args=[event.pk]))

    if role == "group_moderator":  # the organiser; site moderators do not manage events
        assert response.status_code == 200
    else:
        assert_denied(response, role)


def test_organiser_without_second_factor_cannot_open_the_attendee_list(client, world):
    organiser = world["people"]["group_moderator_without_mfa"]
    event = EventFactory(group=world["group"], organiser=organiser)
    client.force_login(organiser)

    response = client.get(reverse("events:event-attendees", args=[event.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 302),
        ("other", 403),
        ("author", 403),
        ("staff_without_mfa", 302),
        ("staff", 200),
    ],
)
@pytest.mark.parametrize("url_name", ["forums_moderation_queue", "forums_moderation_log"])
def test_moderation_pages(client, world, role, expected, url_name):
    response = visit(client, world, role, reverse(url_name))

    assert response.status_code == expected
    if role == "staff_without_mfa":
        assert reverse("mfa_activate_totp") in response["Location"]


def test_moderation_log_shows_a_group_moderator_only_their_groups(client, world):
    from django.contrib.auth.models import Permission

    people = world["people"]
    members_only = SupportGroupFactory(slug="private-matrix", visibility="members")
    private_thread = make_thread(group=members_only, title="A very private thread title")
    services.thread_moderate(
        thread=private_thread, moderator=people["staff"], action="lock", reason="Cooling down"
    )
    services.member_suspend(
        member=people["other"], moderator=people["staff"], days=2, reason="Site-wide reason"
    )
    services.thread_moderate(
        thread=world["thread"], moderator=people["group_moderator"], action="pin", reason="Useful"
    )
    moderator = people["group_moderator"]
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)

    page = client.get(reverse("forums_moderation_log")).text

    assert "Read matrix" in page
    assert "A very private thread title" not in page
    assert "Cooling down" not in page
    assert "Site-wide reason" not in page
    assert ModerationAction.objects.count() == 3
    client.force_login(people["staff"])
    everything = client.get(reverse("forums_moderation_log")).text
    assert "A very private thread title" in everything
    assert "Site-wide reason" in everything
