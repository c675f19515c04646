import pytest
from django.core import mail

from community.events.permissions import SYSTEM
from community.events.services import event_cancel, event_update, rsvp_cancel, rsvp_create
from community.events.tests.factories import EventFactory
from community.forums import errors
from community.forums import services as forums
from community.forums.errors import ForumError
from community.forums.models import ModerationAction, Post
from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_reply,
    make_thread,
)
from community.members.models import Delivery, NotificationKind
from community.members.services import notification_preferences_set
from community.members.tests.factories import MemberFactory, with_powers
from community.notifications.models import Notification
from community.notifications.selectors import unread_count

Kind = NotificationKind


def notifications_of(user, **filters):
    return list(Notification.objects.visible_to(user).filter(**filters))


def mention(user) -> str:
    return f"@{user.profile.display_name}"


# Replies ------------------------------------------------------------------------------------


def test_a_reply_notifies_the_threads_author_without_quoting_the_post(thread, author):
    replier = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=replier, body="A private detail about my spine.")

    (notification,) = notifications_of(author)
    assert notification.kind == Kind.REPLY
    assert notification.post == reply
    assert notification.actor == replier
    assert notification.summary == (
        f"{replier.profile.display_name} replied to your thread “Sleeping with a fracture”"
    )
    assert "spine" not in notification.summary


def test_nobody_is_notified_of_their_own_reply(thread, author):
    make_reply(thread=thread, author=author)

    assert notifications_of(author) == []


def test_no_reply_notification_in_a_thread_the_author_muted(thread, author):
    forums.subscription_set(user=author, thread=thread, level="muted")

    make_reply(thread=thread)

    assert notifications_of(author) == []


def test_no_reply_notification_in_a_group_the_author_muted(thread, author, group):
    forums.subscription_set(user=author, group=group, level="muted")

    make_reply(thread=thread)

    assert notifications_of(author) == []


def test_a_reply_notification_disappears_when_the_reply_is_hidden_and_comes_back_restored(
    thread, author, group
):
    reply = make_reply(thread=thread)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)

    forums.post_moderate(post=reply, moderator=moderator, action=ModerationAction.Action.HIDE)
    assert notifications_of(author, kind=Kind.REPLY) == []
    assert unread_count(user=author) == 0

    forums.post_moderate(post=reply, moderator=moderator, action=ModerationAction.Action.RESTORE)
    assert len(notifications_of(author, kind=Kind.REPLY)) == 1


def test_a_reply_notification_disappears_when_the_thread_is_removed(thread, author):
    make_reply(thread=thread)
    thread.is_removed = True
    thread.save(update_fields=["is_removed"])

    assert notifications_of(author) == []


def test_a_deactivated_author_is_not_notified(thread, author):
    author.is_active = False
    author.save(update_fields=["is_active"])

    make_reply(thread=thread)

    assert Notification.objects.filter(recipient=author).count() == 0


# Mentions and quotes --------------------------------------------------------------------------


def test_a_mention_notifies_the_member_and_links_to_their_profile(thread):
    sam = ExperiencedMemberFactory()
    sam.profile.display_name = "Sam Lee"
    sam.profile.save()

    reply = make_reply(thread=thread, body="@Sam Lee, what helped you sleep?")

    (notification,) = notifications_of(sam)
    assert notification.kind == Kind.MENTION
    assert notification.post == reply
    assert '<a class="mention" href="/members/Sam%20Lee/">@Sam Lee</a>' in reply.body_html


def test_a_member_mentioned_twice_is_notified_once(thread):
    sam = ExperiencedMemberFactory()

    make_reply(thread=thread, body=f"{mention(sam)} and again {mention(sam)}")

    assert len(notifications_of(sam)) == 1


def test_the_threads_author_mentioned_in_a_reply_hears_of_it_once(thread, author):
    make_reply(thread=thread, body=f"{mention(author)} I agree.")

    (notification,) = notifications_of(author)
    assert notification.kind == Kind.REPLY


def test_a_quote_notifies_the_member_quoted(thread, author):
    quoted = ExperiencedMemberFactory()
    name = quoted.profile.display_name

    make_reply(thread=thread, body=f"> **{name}** wrote:\n> Heat helps.\n\nIt does!")

    (notification,) = notifications_of(quoted)
    assert notification.kind == Kind.MENTION


def test_a_mention_inside_a_quote_notifies_nobody(thread):
    sam = ExperiencedMemberFactory()

    make_reply(thread=thread, body=f"> as {mention(sam)} said\n\nYes.")

    assert notifications_of(sam) == []


def test_mentioning_oneself_notifies_nobody(thread):
    me = ExperiencedMemberFactory()

    make_reply(thread=thread, author=me, body=f"{mention(me)} talking to myself")

    assert notifications_of(me) == []


def test_no_mention_notification_while_a_new_members_post_waits_for_approval(db):
    group = SupportGroupFactory(requires_first_post_approval=True)
    thread = make_thread(group=group)
    sam = ExperiencedMemberFactory()
    newcomer = MemberFactory()

    post = forums.post_create(thread=thread, author=newcomer, body=f"Hello {mention(sam)}")

    assert post.status == Post.Status.PENDING
    assert Notification.objects.filter(recipient=sam).count() == 0
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)
    forums.post_moderate(post=post, moderator=moderator, action=ModerationAction.Action.APPROVE)
    assert [n.kind for n in notifications_of(sam)] == [Kind.MENTION]
    assert [n.kind for n in notifications_of(thread.author)] == [Kind.REPLY]


def test_too_many_mentions_in_one_post_are_refused(thread, settings):
    settings.FORUM_MENTIONS_PER_POST = 2
    members = [ExperiencedMemberFactory() for _ in range(3)]

    with pytest.raises(ForumError) as refusal:
        make_reply(thread=thread, body=" ".join(mention(member) for member in members))

    assert refusal.value.message == errors.TOO_MANY_MENTIONS.format(limit=2)
    assert Notification.objects.count() == 0


def test_mentions_are_rate_limited_per_hour(thread, settings):
    settings.FORUM_MENTION_RATE_LIMIT = (2, 3600)
    me = ExperiencedMemberFactory()
    members = [ExperiencedMemberFactory() for _ in range(3)]
    make_reply(thread=thread, author=me, body=f"{mention(members[0])} {mention(members[1])}")

    with pytest.raises(ForumError) as refusal:
        make_reply(thread=thread, author=me, body=f"and {mention(members[2])}")

    assert refusal.value.message == errors.MENTIONS_RATE_LIMITED.format(limit=2)


def test_a_mention_email_carries_one_click_unsubscribe(thread, django_capture_on_commit_callbacks):
    sam = ExperiencedMemberFactory()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, body=f"Thanks {mention(sam)}")

    (email,) = [message for message in mail.outbox if sam.email in message.to]
    assert email.subject.endswith(f"mentioned you in “{thread.title}”")
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Thanks" not in email.body


# Preferences --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delivery", "on_site", "emailed"),
    [(Delivery.EMAIL, True, True), (Delivery.SITE, True, False), (Delivery.OFF, False, False)],
)
def test_the_members_choice_for_mentions_is_honoured(
    thread, delivery, on_site, emailed, django_capture_on_commit_callbacks
):
    sam = ExperiencedMemberFactory()
    notification_preferences_set(user=sam, deliveries={Kind.MENTION: delivery})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, body=f"Thanks {mention(sam)}")

    assert bool(notifications_of(sam)) is on_site
    assert any(sam.email in message.to for message in mail.outbox) is emailed


def test_replies_switched_off_make_no_notification(thread, author):
    notification_preferences_set(user=author, deliveries={Kind.REPLY: Delivery.OFF})

    make_reply(thread=thread)

    assert notifications_of(author) == []


def test_replies_by_email_send_no_second_email_beside_the_watched_thread_email(
    thread, author, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=author, deliveries={Kind.REPLY: Delivery.EMAIL})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread)

    assert len(notifications_of(author)) == 1
    assert len([message for message in mail.outbox if author.email in message.to]) == 1


# Answers and reactions ----------------------------------------------------------------------


def test_marking_an_answer_notifies_the_replys_author_once(thread, author):
    replier = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=replier)

    forums.thread_mark_answer(thread=thread, post=reply, user=author)
    forums.thread_mark_answer(thread=thread, post=reply, user=author)

    (notification,) = notifications_of(replier)
    assert notification.kind == Kind.ANSWER
    assert (
        notification.summary == "Your post in “Sleeping with a fracture” was marked as the answer"
    )


def test_reactions_to_one_post_make_one_notification_that_counts_the_people(thread, author):
    first = ExperiencedMemberFactory()
    forums.reaction_toggle(post=thread.first_post, user=first, kind="helpful")
    (notification,) = notifications_of(author)
    assert notification.summary.startswith(f"{first.profile.display_name} reacted")

    for _ in range(2):
        forums.reaction_toggle(
            post=thread.first_post, user=ExperiencedMemberFactory(), kind="support"
        )

    (notification,) = notifications_of(author)
    assert notification.kind == Kind.REACTION
    assert notification.actor_count == 3
    assert notification.summary == "3 people reacted to your post in “Sleeping with a fracture”"


def test_a_reaction_after_the_notification_was_read_makes_a_new_one(thread, author):
    forums.reaction_toggle(post=thread.first_post, user=ExperiencedMemberFactory(), kind="support")
    Notification.objects.update(read_at="2026-01-01T00:00Z")

    forums.reaction_toggle(post=thread.first_post, user=ExperiencedMemberFactory(), kind="support")

    assert unread_count(user=author) == 1
    assert len(notifications_of(author)) == 2


def test_reacting_to_ones_own_post_notifies_nobody(thread, author):
    forums.reaction_toggle(post=thread.first_post, user=author, kind="support")

    assert notifications_of(author) == []


# Moderation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "summary"),
    [
        ("hide", "A moderator hid your post in “Sleeping with a fracture”"),
        ("restore", "A moderator made your post in “Sleeping with a fracture” visible again"),
    ],
)
def test_moderators_decisions_are_shown_to_the_author_even_about_a_hidden_post(
    thread, group, action, summary
):
    replier = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=replier)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)

    forums.post_moderate(post=reply, moderator=moderator, action=action)

    (notification,) = notifications_of(replier)
    assert (notification.kind, notification.summary) == (Kind.MODERATION, summary)
    assert notification.actor is None


def test_an_edit_or_removal_by_a_moderator_is_shown_to_the_author(thread, group):
    replier = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=replier)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)

    forums.post_edit(post=reply, editor=moderator, body="Edited for the guidelines.")
    forums.post_delete(post=reply, user=moderator, reason="Off topic")

    summaries = {n.summary for n in notifications_of(replier)}
    assert summaries == {
        "A moderator edited your post in “Sleeping with a fracture”",
        "A moderator removed your post in “Sleeping with a fracture”",
    }


def test_an_authors_own_edit_notifies_nobody(thread, author):
    forums.post_edit(post=thread.first_post, editor=author, body="Updated.")

    assert notifications_of(author) == []


def test_moderation_by_site_only_sends_no_outcome_email(
    thread, group, django_capture_on_commit_callbacks
):
    replier = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=replier)
    notification_preferences_set(user=replier, deliveries={Kind.MODERATION: Delivery.SITE})
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        forums.post_moderate(post=reply, moderator=moderator, action="hide")

    assert len(notifications_of(replier)) == 1
    assert [m for m in mail.outbox if replier.email in m.to] == []


# Events -------------------------------------------------------------------------------------


def test_a_changed_or_cancelled_event_notifies_those_who_booked(db):
    event = EventFactory(title="Chair yoga")
    member = MemberFactory()
    rsvp_create(event=event, member=member)

    event_update(event=event, by=SYSTEM, venue_name="The Library")
    event_cancel(event=event, by=SYSTEM)

    summaries = [n.summary for n in notifications_of(member)]
    assert sorted(summaries) == [
        "“Chair yoga” has been cancelled",
        "“Chair yoga” has changed: check the time and place",
    ]
    assert {n.event_id for n in notifications_of(member)} == {event.pk}


def test_booking_ones_own_place_makes_no_notification(db):
    member = MemberFactory()

    rsvp_create(event=EventFactory(), member=member)

    assert notifications_of(member) == []


def test_a_place_from_the_waiting_list_is_notified(db):
    event = EventFactory(title="Bone density talk", capacity=1)
    holder, waiting = MemberFactory(), MemberFactory()
    held = rsvp_create(event=event, member=holder)
    rsvp_create(event=event, member=waiting)

    rsvp_cancel(rsvp=held, by=holder)

    (notification,) = notifications_of(waiting)
    assert notification.kind == Kind.WAITLIST_OFFERED
    assert notification.summary == "A place at “Bone density talk” is yours"


def test_event_changes_switched_off_make_no_notification_and_no_email(
    db, django_capture_on_commit_callbacks
):
    event = EventFactory()
    member = MemberFactory()
    rsvp_create(event=event, member=member)
    notification_preferences_set(user=member, deliveries={Kind.EVENT_CHANGED: Delivery.OFF})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, by=SYSTEM)

    assert notifications_of(member) == []
    assert [m for m in mail.outbox if member.email in m.to] == []


def test_event_changes_on_the_site_only_send_no_email(db, django_capture_on_commit_callbacks):
    event = EventFactory()
    member = MemberFactory()
    rsvp_create(event=event, member=member)
    notification_preferences_set(user=member, deliveries={Kind.EVENT_CHANGED: Delivery.SITE})
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        event_cancel(event=event, by=SYSTEM)

    assert len(notifications_of(member)) == 1
    assert [m for m in mail.outbox if member.email in m.to] == []


def test_moderation_by_email_sends_the_outcome_email_once(
    thread, group, django_capture_on_commit_callbacks
):
    replier = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=replier)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        forums.post_moderate(post=reply, moderator=moderator, action="hide")

    assert len([m for m in mail.outbox if replier.email in m.to]) == 1


def test_a_mentioned_member_watching_the_thread_gets_one_email_not_two(
    thread, django_capture_on_commit_callbacks
):
    sam = ExperiencedMemberFactory()
    forums.subscription_set(user=sam, thread=thread, level="watching")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        make_reply(thread=thread, body=f"Thanks {mention(sam)}")

    assert len(notifications_of(sam, kind=Kind.MENTION)) == 1
    assert len([m for m in mail.outbox if sam.email in m.to]) == 1


def test_a_deleted_members_name_leaves_others_notifications(thread, author):
    from community.members.models import FORMER_MEMBER
    from community.members.services import account_delete

    replier = ExperiencedMemberFactory()
    name = replier.profile.display_name
    make_reply(thread=thread, author=replier)

    account_delete(user=replier, keep_posts=True)

    (notification,) = Notification.objects.filter(recipient=author)
    assert name not in notification.summary
    assert notification.summary.startswith(f"{FORMER_MEMBER} replied")


def test_an_authors_edit_notifies_only_the_members_it_newly_mentions(thread):
    first, second = ExperiencedMemberFactory(), ExperiencedMemberFactory()
    me = ExperiencedMemberFactory()
    reply = make_reply(thread=thread, author=me, body=f"Thanks {mention(first)}")

    forums.post_edit(post=reply, editor=me, body=f"Thanks {mention(first)} and {mention(second)}")

    assert len(notifications_of(first)) == 1
    assert [n.kind for n in notifications_of(second)] == [Kind.MENTION]


def test_a_moderators_edit_mentions_nobody(thread, group):
    sam = ExperiencedMemberFactory()
    reply = make_reply(thread=thread)
    moderator = with_powers(ExperiencedMemberFactory(), moderates=group)

    forums.post_edit(post=reply, editor=moderator, body=f"Edited {mention(sam)}")

    assert notifications_of(sam) == []


def test_a_members_notifications_are_in_their_data_export(thread, author):
    from community.members.selectors import member_data_export

    make_reply(thread=thread)

    (exported,) = member_data_export(user=author)["notifications"]
    assert exported["kind"] == Kind.REPLY
    assert exported["read_at"] is None
