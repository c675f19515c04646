import json
from datetime import UTC, datetime

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import CharField, FileField, JSONField, Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse

from community.members.avatars import AVATAR_NOT_AN_IMAGE
from community.members.models import MemberSession, Profile
from community.members.tests.factories import TEST_PASSWORD, MemberFactory
from community.members.tests.test_avatars import jpeg_with_gps

pytestmark = pytest.mark.django_db

TEXT_FIELDS = (CharField, TextField, JSONField, FileField)


def rows_mentioning(*needles: str) -> list[str]:
    """Every table row, in every installed model, whose text holds any of the needles."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        fields = [f for f in model._meta.concrete_fields if isinstance(f, TEXT_FIELDS)]
        if not fields:
            continue
        query = Q()
        annotations = {}
        for field in fields:
            alias = f"_text_{field.column}"
            annotations[alias] = Cast(field.attname, TextField())
            for needle in needles:
                query |= Q(**{f"{alias}__icontains": needle})
        if model._default_manager.annotate(**annotations).filter(query).exists():
            found.append(model._meta.label)
    return found


def sign_in_recently(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})


def test_public_profile_shows_name_join_date_and_post_count_and_is_noindex(client, member):
    member.profile.post_count = 7
    member.profile.save()

    response = client.get(reverse("members:profile-detail", args=[member.profile.display_name]))

    assert response.status_code == 200
    assert member.profile.display_name in response.text
    assert member.profile.created_at.strftime("%B %Y") in response.text
    assert "<dd>7</dd>" in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert member.email not in response.text


def test_unknown_or_inactive_profiles_answer_404(client, member):
    member.is_active = False
    member.save()

    assert client.get(reverse("members:profile-detail", args=["Nobody here"])).status_code == 404
    url = reverse("members:profile-detail", args=[member.profile.display_name])
    assert client.get(url).status_code == 404


def test_profile_edit_needs_sign_in(client):
    response = client.post(reverse("members:profile-edit"), {"display_name": "Sneaky"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Profile.objects.exists()


def test_member_edits_only_their_own_profile(client, member):
    other = MemberFactory()
    client.force_login(member)

    client.post(
        reverse("members:profile-edit"),
        {
            "display_name": "Gentle Walker",
            "bio": "Walking daily.",
            "notify_replies": "on",
            "time_zone": "Europe/London",
        },
    )

    member.profile.refresh_from_db()
    other.profile.refresh_from_db()
    assert member.profile.display_name == "Gentle Walker"
    assert member.profile.bio == "Walking daily."
    assert member.profile.notify_replies
    assert not member.profile.notify_event_reminders
    assert other.profile.display_name != "Gentle Walker"


def test_avatar_upload_is_stored_without_gps(client, member):
    client.force_login(member)

    client.post(
        reverse("members:profile-edit"),
        {
            "display_name": member.profile.display_name,
            "avatar_upload": SimpleUploadedFile("me.jpg", jpeg_with_gps(), "image/jpeg"),
            "time_zone": "Europe/London",
        },
    )

    member.profile.refresh_from_db()
    stored = member.profile.avatar.read()
    assert member.profile.avatar.name.startswith("avatars/")
    assert b"Exif" not in stored


def test_bad_avatar_shows_a_message_and_keeps_the_text_typed(client, member):
    client.force_login(member)

    response = client.post(
        reverse("members:profile-edit"),
        {
            "display_name": "Still Typing",
            "bio": "My careful words.",
            "avatar_upload": SimpleUploadedFile("me.jpg", b"not an image", "image/jpeg"),
        },
    )

    assert response.status_code == 200
    assert AVATAR_NOT_AN_IMAGE in response.text
    assert "My careful words." in response.text
    assert 'value="Still Typing"' in response.text


def test_export_requires_recent_reauthentication(client, member):
    client.force_login(member)

    response = client.get(reverse("members:data-export"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_export_contains_the_members_data_and_nobody_elses(client, member, settings):
    from community.forums import services as forum_services
    from community.forums.tests.factories import SupportGroupFactory

    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    other = MemberFactory()
    EmailAddress.objects.create(user=member, email="second@example.org", verified=False)
    thread = forum_services.thread_create(
        group=SupportGroupFactory(), author=other, title="Other's thread", body="Other's words"
    )
    forum_services.post_create(thread=thread, author=member, body="My own words")
    forum_services.reaction_toggle(post=thread.first_post, user=member, kind="support")
    forum_services.report_create(post=thread.first_post, reporter=member, reason="other")
    sign_in_recently(client, member)

    response = client.get(reverse("members:data-export"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert {a["email"] for a in data["email_addresses"]} == {member.email, "second@example.org"}
    assert data["profile"]["display_name"] == member.profile.display_name
    assert data["notification_preferences"]["replies_in_watched_threads"] is True
    assert [post["text"] for post in data["posts"]] == ["My own words"]
    assert [reaction["kind"] for reaction in data["reactions"]] == ["support"]
    assert len(data["reports"]) == 1
    assert {s["thread"] for s in data["subscriptions"]} == {"Other's thread"}
    assert "rsvps" in data
    assert other.email not in response.text
    assert other.profile.display_name not in response.text
    assert "Other's words" not in response.text


def test_anonymous_cannot_delete_accounts(client, member):
    response = client.post(reverse("members:account-delete"), {"posts": "erase", "confirm": "on"})

    assert response.status_code == 302
    assert Profile.objects.filter(pk=member.profile.pk).exists()


def test_deletion_without_confirmation_explains_and_deletes_nothing(client, member):
    sign_in_recently(client, member)

    response = client.post(reverse("members:account-delete"), {"posts": "keep"})

    assert response.status_code == 200
    assert "Please tick the box" in response.text
    assert Profile.objects.filter(pk=member.profile.pk).exists()


@pytest.mark.parametrize("mode", ["keep", "erase"])
def test_deletion_leaves_no_row_with_the_members_identity(
    client, settings, mode, django_capture_on_commit_callbacks
):
    from community.forums import services as forum_services
    from community.forums.markup import quote_markdown
    from community.forums.models import Post, Thread
    from community.forums.tests.factories import SupportGroupFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 0
    member = MemberFactory(
        email="leaving@example.org", date_joined=datetime(2020, 1, 1, tzinfo=UTC)
    )
    profile = member.profile
    profile.display_name = "Leaving Soon"
    profile.save()
    stayer = MemberFactory(date_joined=datetime(2020, 1, 1, tzinfo=UTC))
    group = SupportGroupFactory()
    own_thread = forum_services.thread_create(
        group=group, author=member, title="My own story", body="Written by the leaver."
    )
    other_thread = forum_services.thread_create(
        group=group, author=stayer, title="Someone else's thread", body="Opening words."
    )
    leavers_reply = forum_services.post_create(
        thread=other_thread, author=member, body="A reply by the leaver."
    )
    forum_services.post_create(
        thread=other_thread,
        author=stayer,
        body=quote_markdown(author_name="Leaving Soon", text="A reply by the leaver.") + "Agreed",
    )
    forum_services.reaction_toggle(post=other_thread.first_post, user=member, kind="helpful")
    forum_services.report_create(post=other_thread.first_post, reporter=member, reason="other")
    client.force_login(member)
    client.post(
        reverse("members:profile-edit"),
        {
            "display_name": "Leaving Soon",
            "avatar_upload": SimpleUploadedFile("me.jpg", jpeg_with_gps(), "image/jpeg"),
            "time_zone": "Europe/London",
        },
    )
    assert client.get(other_thread.get_absolute_url()).status_code == 200
    profile.refresh_from_db()
    avatar_name, avatar_storage = profile.avatar.name, profile.avatar.storage
    client.post(reverse("account_logout"))
    client.post(reverse("account_reset_password"), {"email": "leaving@example.org"})
    sign_in_recently(client, member)
    assert MemberSession.objects.filter(user=member).exists()
    assert rows_mentioning("leaving@example.org", "Leaving Soon")

    assert avatar_storage.exists(avatar_name)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("members:account-delete"), {"posts": mode, "confirm": "on"})

    assert response.status_code == 302
    assert rows_mentioning("leaving@example.org", "Leaving Soon", avatar_name) == []
    assert not avatar_storage.exists(avatar_name)
    if mode == "keep":
        kept = Post.objects.get(pk=leavers_reply.pk)
        assert kept.author is None
        assert Thread.objects.get(pk=own_thread.pk).author is None
        page = client.get(other_thread.get_absolute_url()).text
        assert "A reply by the leaver." in page
        assert "Former member" in page
    else:
        erased = Post.objects.get(pk=leavers_reply.pk)
        assert erased.is_deleted and erased.body_markdown == ""
        assert not Thread.objects.filter(pk=own_thread.pk).exists()
        other_thread.refresh_from_db()
        assert other_thread.post_count == 2
        assert Post.objects.filter(body_markdown__contains="> [removed]").exists()
    assert Post.objects.filter(body_markdown__contains="**Former member** wrote:").exists()
    assert client.get(reverse("members:profile-edit")).status_code == 302
