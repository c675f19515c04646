"""Every URL that writes, tried by every kind of visitor.

Roles: anonymous, unverified member, other member, author (of the thread and its posts),
group moderator, suspended member and staff (the site's Moderators group)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from community.forums import services
from community.forums.models import Post, Reaction, Report, Subscription, Thread
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)
from community.members.tests.factories import MemberFactory, enrol_totp

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unverified", "other", "author", "group_moderator", "suspended", "staff"]


@pytest.fixture
def world():
    group = SupportGroupFactory(slug="matrix")
    author = ExperiencedMemberFactory()
    people = {
        "anonymous": None,
        "unverified": MemberFactory(member_records__verified=False),
        "other": ExperiencedMemberFactory(),
        "author": author,
        "group_moderator": ExperiencedMemberFactory(),
        "suspended": ExperiencedMemberFactory(),
        "staff": ExperiencedMemberFactory(),
    }
    group.moderators.add(people["group_moderator"])
    enrol_totp(people["group_moderator"])
    people["staff"].groups.add(Group.objects.get(name="Moderators"))
    enrol_totp(people["staff"])
    thread = make_thread(group=group, author=author, title="Matrix thread")
    reply = services.post_create(thread=thread, author=author, body="The author's reply.")
    services.member_suspend(
        member=people["suspended"],
        moderator=people["group_moderator"],
        days=5,
        reason="Cooling off",
        post=thread.first_post,
    )
    return {"group": group, "thread": thread, "reply": reply, "people": people}


def as_role(client, world, role):
    user = world["people"][role]
    if user is not None:
        client.force_login(user)
    return user


def post_create_thread(client, world, user):
    client.post(
        reverse("forums:thread-create", args=["matrix"]),
        {"title": "A new question", "body": "How do you sleep with a fracture?"},
    )
    return Thread.objects.filter(title="A new question").exists()


def post_reply(client, world, user):
    client.post(reverse("forums:reply", args=[world["thread"].pk]), {"body": "Matrix reply"})
    return Post.objects.filter(body_markdown="Matrix reply").exists()


def post_edit(client, world, user):
    client.post(reverse("forums:post-edit", args=[world["reply"].pk]), {"body": "Edited text"})
    return Post.objects.get(pk=world["reply"].pk).body_markdown == "Edited text"


def post_delete(client, world, user):
    client.post(reverse("forums:post-delete", args=[world["reply"].pk]))
    return Post.objects.get(pk=world["reply"].pk).is_deleted


def react(client, world, user):
    client.post(reverse("forums:post-react", args=[world["reply"].pk]), {"kind": "support"})
    return Reaction.objects.filter(post=world["reply"]).exists()


def report(client, world, user):
    client.post(reverse("forums:post-report", args=[world["reply"].pk]), {"reason": "spam"})
    return Report.objects.filter(post=world["reply"]).exists()


def mark_answer(client, world, user):
    client.post(reverse("forums:post-answer", args=[world["reply"].pk]))
    return Thread.objects.get(pk=world["thread"].pk).solved_post_id == world["reply"].pk


def lock_thread(client, world, user):
    client.post(reverse("forums:thread-moderate", args=[world["thread"].pk]), {"action": "lock"})
    return Thread.objects.get(pk=world["thread"].pk).locked


def watch_thread(client, world, user):
    client.post(reverse("forums:thread-subscribe", args=[world["thread"].pk]), {"level": "muted"})
    return Subscription.objects.filter(thread=world["thread"], level="muted").exists()


def watch_group(client, world, user):
    client.post(reverse("forums:group-subscribe", args=["matrix"]), {"level": "watching"})
    return Subscription.objects.filter(group=world["group"]).exists()


def start_article_discussion(client, world, user):
    from django.conf import settings

    from articles.tests.factories import ArticlePageFactory, build_site

    SupportGroupFactory(slug=settings.FORUM_ARTICLE_DISCUSSION_GROUP)
    _, index = build_site()
    article = ArticlePageFactory(parent=index, title="Article to discuss")
    client.post(
        reverse("forums:article-discussion", args=[article.pk]),
        {"title": "Discussion: Article to discuss", "body": "What did you think?"},
    )
    return Thread.objects.filter(article=article).exists()


def moderate_in_admin(client, world, user):
    client.post(
        reverse("forums_moderate_post", args=[world["reply"].pk]),
        {"action": "hide", "reason": "Off topic"},
    )
    return Post.objects.get(pk=world["reply"].pk).status == Post.Status.HIDDEN


Y, N = True, False
MATRIX = {
    #                   anon unver other author gmod susp staff
    post_create_thread: (N, N, Y, Y, Y, N, Y),
    post_reply: (N, N, Y, Y, Y, N, Y),
    post_edit: (N, N, N, Y, Y, N, Y),
    post_delete: (N, N, N, Y, Y, N, Y),
    react: (N, N, Y, Y, Y, N, Y),
    report: (N, N, Y, N, Y, N, Y),
    mark_answer: (N, N, N, Y, Y, N, Y),
    lock_thread: (N, N, N, N, Y, N, Y),
    watch_thread: (N, Y, Y, Y, Y, Y, Y),
    watch_group: (N, Y, Y, Y, Y, Y, Y),
    start_article_discussion: (N, N, Y, Y, Y, N, Y),
    # Group moderators use the admin queue for their own groups (GroupModeratorAdminAccessBackend).
    moderate_in_admin: (N, N, N, N, Y, N, Y),
}
CASES = [
    pytest.param(action, role, expected, id=f"{action.__name__}-{role}")
    for action, outcomes in MATRIX.items()
    for role, expected in zip(ROLES, outcomes, strict=True)
]


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_write_urls_allow_exactly_the_right_people(client, world, action, role, expected):
    user = as_role(client, world, role)

    assert action(client, world, user) is expected


def test_members_only_groups_answer_404_to_anonymous_readers(client):
    hidden = SupportGroupFactory(slug="private", visibility="members")
    thread = make_thread(group=hidden)

    assert client.get(reverse("forums:group-detail", args=["private"])).status_code == 404
    assert client.get(thread.get_absolute_url()).status_code == 404
    permalink = reverse("forums:post-permalink", args=[thread.first_post_id])
    assert client.get(permalink).status_code == 404
    assert hidden.name not in client.get(reverse("forums:group-list")).text
    assert thread.title not in client.get(reverse("forums:new-posts")).text


def test_members_only_groups_are_open_to_signed_in_members(client):
    hidden = SupportGroupFactory(slug="private", visibility="members")
    thread = make_thread(group=hidden)
    client.force_login(ExperiencedMemberFactory())

    assert client.get(reverse("forums:group-detail", args=["private"])).status_code == 200
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert hidden.name in client.get(reverse("forums:group-list")).text
