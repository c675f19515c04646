"""Drafts: what a member is writing is kept on the server, given back only to them, refused
with a clear message when the thread closes, and gone once the post is made."""

import pytest
from django.urls import reverse

from community.forums import errors, services
from community.forums.forms import BODY_MAX_LENGTH
from community.forums.models import Draft, Thread
from community.forums.personal_views import DRAFT_DISCARDED, DRAFT_SAVED, SIGN_IN_FIRST
from community.forums.services import DraftRateLimited, DraftRefused
from community.forums.tests.factories import ExperiencedMemberFactory, make_thread

pytestmark = pytest.mark.django_db
JSON = {"Accept": "application/json"}


def save_url(thread) -> str:
    return reverse("forums:reply-draft-save", args=[thread.pk])


def discard_url(thread) -> str:
    return reverse("forums:reply-draft-discard", args=[thread.pk])


@pytest.fixture
def writer(db):
    return ExperiencedMemberFactory()


# Services -----------------------------------------------------------------------------------


def test_one_draft_per_member_and_thread_keeps_the_latest_text(thread, writer):
    services.draft_save(member=writer, thread=thread, body="Heat hel")
    services.draft_save(member=writer, thread=thread, body="Heat helped me most.")

    assert list(Draft.objects.values_list("member", "thread", "body")) == [
        (writer.pk, thread.pk, "Heat helped me most.")
    ]


def test_a_new_thread_draft_belongs_to_the_group_and_keeps_the_title(group, writer):
    services.draft_save(member=writer, group=group, title="Night pain", body="Does anyone")

    draft = Draft.objects.get()
    assert (draft.group, draft.thread, draft.title) == (group, None, "Night pain")


def test_saving_an_emptied_box_discards_the_draft(thread, writer):
    services.draft_save(member=writer, thread=thread, body="Something")

    assert services.draft_save(member=writer, thread=thread, body="   ") is None
    assert not Draft.objects.exists()


def test_a_locked_thread_takes_no_draft(thread, writer):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    thread.refresh_from_db()

    with pytest.raises(DraftRefused) as refusal:
        services.draft_save(member=writer, thread=thread, body="Too late")

    assert refusal.value.message == errors.DRAFT_THREAD_CLOSED
    assert not Draft.objects.exists()


def test_a_draft_is_no_longer_than_a_post(thread, writer):
    services.draft_save(member=writer, thread=thread, body="x" * BODY_MAX_LENGTH)

    with pytest.raises(DraftRefused) as refusal:
        services.draft_save(member=writer, thread=thread, body="x" * (BODY_MAX_LENGTH + 1))

    assert refusal.value.message == errors.DRAFT_TOO_LONG.format(limit=BODY_MAX_LENGTH)
    assert len(Draft.objects.get().body) == BODY_MAX_LENGTH


def test_drafts_are_saved_at_most_so_often(settings, thread, writer):
    settings.FORUM_DRAFT_RATE_LIMIT = (2, 60)
    services.draft_save(member=writer, thread=thread, body="One")
    services.draft_save(member=writer, thread=thread, body="Two")

    with pytest.raises(DraftRateLimited):
        services.draft_save(member=writer, thread=thread, body="Three")

    assert Draft.objects.get().body == "Two"


def test_posting_the_reply_deletes_its_draft_and_no_other(thread, group, writer, other_member):
    services.draft_save(member=writer, thread=thread, body="My reply")
    services.draft_save(member=other_member, thread=thread, body="Their reply")
    services.draft_save(member=writer, group=group, title="New", body="Thread")

    services.post_create(thread=thread, author=writer, body="My reply")

    assert set(Draft.objects.values_list("member", "thread", "group")) == {
        (other_member.pk, thread.pk, None),
        (writer.pk, None, group.pk),
    }


def test_starting_the_thread_deletes_the_groups_draft(group, writer):
    services.draft_save(member=writer, group=group, title="Night pain", body="Does anyone")

    make_thread(group=group, author=writer, title="Night pain", body="Does anyone")

    assert not Draft.objects.exists()


def test_a_refused_post_keeps_its_draft(thread, writer):
    services.draft_save(member=writer, thread=thread, body="Keep me")
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    thread.refresh_from_db()

    with pytest.raises(errors.ForumError):
        services.post_create(thread=thread, author=writer, body="Keep me")

    assert Draft.objects.get().body == "Keep me"


# The draft comes back in the box, for its writer only -----------------------------------


def test_the_reply_box_brings_the_draft_back_to_its_writer_only(
    client, thread, writer, other_member, site_moderator
):
    services.draft_save(member=writer, thread=thread, body="Heat helped me <most>.")

    client.force_login(writer)
    page = client.get(thread.get_absolute_url()).text
    assert "Heat helped me &lt;most&gt;.</textarea>" in page
    assert "is back in the box" in page
    assert "data-draft-discard>" in page  # the discard button shows
    page = client.get(reverse("forums:reply", args=[thread.pk])).text
    assert "Heat helped me &lt;most&gt;.</textarea>" in page

    for someone_else in (other_member, site_moderator):
        client.force_login(someone_else)
        page = client.get(thread.get_absolute_url()).text
        assert "Heat helped me" not in page
        assert "data-draft-discard hidden>" in page


def test_the_new_thread_form_brings_back_title_and_text(client, group, writer):
    services.draft_save(member=writer, group=group, title="Night pain", body="Does anyone")
    client.force_login(writer)

    page = client.get(reverse("forums:thread-create", args=[group.slug])).text

    assert 'value="Night pain"' in page
    assert "Does anyone</textarea>" in page


def test_a_quote_is_added_below_the_draft(client, thread, writer):
    services.draft_save(member=writer, thread=thread, body="First my own words.")
    client.force_login(writer)

    url = reverse("forums:reply", args=[thread.pk]) + f"?quote={thread.first_post_id}"
    page = client.get(url).text

    assert "First my own words.\n\n&gt; **" in page


# The save and discard URLs, by every kind of visitor -----------------------------------------


def test_anonymous_visitors_cannot_save_or_discard(client, thread):
    for url in (save_url(thread), discard_url(thread)):
        response = client.post(url, {"body": "Hello"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        response = client.post(url, {"body": "Hello"}, headers=JSON)
        assert response.status_code == 403
        assert response.json() == {"error": SIGN_IN_FIRST}
    assert not Draft.objects.exists()


def test_a_member_saves_and_discards_their_draft(client, thread, writer):
    client.force_login(writer)

    response = client.post(save_url(thread), {"body": "Heat helped."}, headers=JSON)

    assert response.json() == {"saved": True, "message": DRAFT_SAVED}
    assert Draft.objects.get(member=writer).body == "Heat helped."

    response = client.post(discard_url(thread), headers=JSON)
    assert response.json() == {"saved": False, "message": DRAFT_DISCARDED}
    assert not Draft.objects.exists()


def test_discarding_without_javascript_returns_to_the_page(client, thread, writer):
    services.draft_save(member=writer, thread=thread, body="Heat helped.")
    client.force_login(writer)

    response = client.post(discard_url(thread), {"next": thread.get_absolute_url()})

    assert response["Location"] == thread.get_absolute_url()
    assert not Draft.objects.exists()


def test_other_members_and_moderators_never_touch_a_members_draft(
    client, thread, writer, other_member, site_moderator
):
    services.draft_save(member=writer, thread=thread, body="Mine")

    for someone_else in (other_member, site_moderator):
        client.force_login(someone_else)
        client.post(discard_url(thread), headers=JSON)
        client.post(save_url(thread), {"body": "Overwritten?"}, headers=JSON)

    assert Draft.objects.get(member=writer).body == "Mine"
    assert Draft.objects.filter(body="Overwritten?").count() == 2  # their own drafts


def test_a_locked_thread_refuses_the_draft_with_a_message(client, thread, writer):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(writer)

    response = client.post(save_url(thread), {"body": "Too late"}, headers=JSON)

    assert response.status_code == 409
    assert response.json() == {"saved": False, "error": errors.DRAFT_THREAD_CLOSED}


def test_a_thread_gone_out_of_sight_refuses_the_draft_with_a_message(client, thread, writer):
    Thread.objects.filter(pk=thread.pk).update(is_removed=True)
    client.force_login(writer)

    response = client.post(save_url(thread), {"body": "Hello?"}, headers=JSON)

    assert response.status_code == 404
    assert response.json() == {"saved": False, "error": errors.DRAFT_UNAVAILABLE}
    assert client.post(save_url(thread), {"body": "Hello?"}).status_code == 404


def test_too_many_saves_answer_429_with_a_message(client, settings, thread, writer):
    settings.FORUM_DRAFT_RATE_LIMIT = (1, 60)
    client.force_login(writer)
    client.post(save_url(thread), {"body": "One"}, headers=JSON)

    response = client.post(save_url(thread), {"body": "Two"}, headers=JSON)

    assert response.status_code == 429
    assert response.json()["error"] == errors.DRAFT_RATE_LIMITED


def test_a_members_only_group_keeps_new_thread_drafts_from_signed_out_visitors(client, group):
    group.visibility = group.Visibility.MEMBERS
    group.save()

    url = reverse("forums:thread-draft-save", args=[group.slug])
    response = client.post(url, {"body": "Hi"}, headers=JSON)

    assert response.status_code == 403


def test_a_member_saves_a_new_thread_draft(client, group, writer):
    client.force_login(writer)

    url = reverse("forums:thread-draft-save", args=[group.slug])
    response = client.post(url, {"title": "Night pain", "body": "Does anyone"}, headers=JSON)

    assert response.json()["saved"] is True
    assert Draft.objects.get(group=group, member=writer).title == "Night pain"
    client.post(reverse("forums:thread-draft-discard", args=[group.slug]), headers=JSON)
    assert not Draft.objects.exists()


def test_saving_needs_a_post(client, thread, writer):
    client.force_login(writer)

    assert client.get(save_url(thread)).status_code == 405


def test_a_members_drafts_are_in_their_data_export(thread, writer):
    from community.members.selectors import member_data_export

    services.draft_save(member=writer, thread=thread, body="Not posted yet")

    [draft] = member_data_export(user=writer)["drafts"]
    assert (draft["thread"], draft["text"]) == (thread.pk, "Not posted yet")


def test_a_draft_left_in_a_thread_that_was_locked_is_shown_to_copy_and_discard(
    client, thread, writer
):
    services.draft_save(member=writer, thread=thread, body="Words I do not want to lose")
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    client.force_login(writer)

    page = client.get(thread.get_absolute_url()).text

    assert "Replies are closed" in page
    assert "readonly>Words I do not want to lose</textarea>" in page
    assert discard_url(thread) in page
