"""A believable demo community for a newcomer's portal: support groups, fictional members,
conversations, events and RSVPs. Everything goes through the same services as members' own
actions (only the posting-speed limit is lifted while loading), and nothing is made twice."""

import functools
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from articles.models import ArticlePage
from community.events.models import Event, EventSeries
from community.events.services.events import event_cancel, event_create
from community.events.services.rsvps import rsvp_create
from community.events.services.series import series_create
from community.forums import services as forum_services
from community.forums.markup import quote_markdown
from community.forums.models import Post, SupportGroup, Thread
from community.members.services import profile_create
from portal.pages.demo import load_trust_pages

DEMO_DOMAIN = "demo.bonespine.example"
DEMO_PASSWORD = "demo-bones-2026"  # noqa: S105 - printed for the newcomer; demo only
DEMO_ACCOUNTS_REFUSED = (
    "Demo accounts are switched off by the DEMO_ACCOUNTS_ENABLED setting (it is off in production)."
)

GROUPS = [
    (
        "Living with back pain",
        "back-pain",
        "Everyday life with spinal pain and fractures.",
        {"indexable": True},
    ),
    (
        "Newly diagnosed",
        "newly-diagnosed",
        "Just been told you have osteoporosis? Start here.",
        {"requires_first_post_approval": True},
    ),
    (
        "Carers and family",
        "carers",
        "For the people who support someone with osteoporosis.",
        {"visibility": SupportGroup.Visibility.MEMBERS},
    ),
    ("Exercise and movement", "exercise", "Staying active safely, classes and tips.", {}),
    ("Article discussions", "article-discussions", "Talk about our articles.", {"indexable": True}),
]

MEMBERS = [
    "Hopeful Heron",
    "Steady Oak",
    "Quiet River",
    "Morning Walker",
    "Garden Robin",
    "Silver Birch",
    "Harbour Light",
    "Patient Fern",
    "Kind Lantern",
]
NEWCOMER = "New Shoots"

THREADS = [
    (
        "back-pain",
        "Welcome: how this group works",
        0,
        "Welcome! Please be kind, share what has helped you, and remember we are not doctors. "
        "If you are worried about new symptoms, talk to your GP.",
        {"pin": True},
    ),
    (
        "back-pain",
        "Sleeping after a spinal fracture",
        1,
        "Which position helped you sleep in the first weeks after a vertebral fracture?",
        {},
    ),
    (
        "back-pain",
        "Heat or ice for fracture pain?",
        2,
        "My physio suggested heat, a friend swears by ice. What works for you?",
        {"answer": True},
    ),
    (
        "back-pain",
        "Getting out of bed without twisting",
        3,
        "Any tips for getting up in the morning? Rolling onto my side helps a little.",
        {},
    ),
    (
        "back-pain",
        "Old thread: hospital parking tips",
        4,
        "Sharing what I learnt about parking at the bone clinic.",
        {"lock": True},
    ),
    (
        "newly-diagnosed",
        "Just had my DEXA results",
        5,
        "My T-score is -2.8 at the spine. I feel a bit overwhelmed. Where did you start?",
        {},
    ),
    (
        "newly-diagnosed",
        "Questions to ask at my first appointment",
        6,
        "I have an appointment next week. What do you wish you had asked?",
        {},
    ),
    (
        "carers",
        "Supporting my mum after her fracture",
        7,
        "Mum broke her wrist and then found out about osteoporosis. How do you help without "
        "taking over?",
        {},
    ),
    (
        "carers",
        "Looking after yourself as a carer",
        8,
        "It is easy to forget our own health. What keeps you going?",
        {},
    ),
    (
        "exercise",
        "Tai chi class recommendations",
        1,
        "Has anyone tried the online tai chi class? Is it suitable for beginners?",
        {},
    ),
    (
        "exercise",
        "Walking goals for the winter",
        2,
        "I am aiming for twenty minutes a day, indoors if it is icy. Anyone want to join me?",
        {},
    ),
    (
        "exercise",
        "Strength exercises I can do at home",
        3,
        "Looking for simple strength exercises with a resistance band.",
        {},
    ),
]

REPLIES = [
    "Thank you for asking this, I have wondered the same.",
    "A pillow between my knees made the biggest difference for me.",
    "Gentle heat on the sore area for twenty minutes helped me most.",
    "My physiotherapist showed me how to roll onto my side first, then push up with my arms.",
    "It does get easier. The first six weeks were the hardest for me.",
    "Please do mention it to your GP if the pain changes suddenly.",
    "I keep a small notebook of questions for appointments. It really helps.",
    "The online class is lovely and very gentle, the teacher explains everything.",
    "Sending you support. You are not on your own here.",
    "I found the articles on this site helpful to read before my appointment.",
    "Short walks several times a day worked better for me than one long one.",
    "My dietitian suggested yoghurt at breakfast for extra calcium.",
    "Me too. It helps to know others understand.",
    "I asked about a falls assessment and it was really worthwhile.",
    "Resistance bands are cheap and easy to store. Start with the lightest one.",
    "Take it slowly and celebrate the small wins.",
    "I use a perching stool in the kitchen, it saves my back.",
    "We found a carers' group locally through the council.",
    "Rest days are part of the plan, not a failure.",
    "Thank you, this thread has been such a help.",
]
REPLY_COUNTS = [4, 12, 8, 5, 3, 9, 6, 7, 4, 10, 5, 20]


def _user_model():
    return get_user_model()


@functools.cache
def _demo_password_hash() -> str:
    """Hashed once per load: every demo account has the same published password, and each
    hash costs seconds of CPU by design."""
    return make_password(DEMO_PASSWORD)


def ensure_member(display_name: str, *, days_ago: int = 200):
    email = f"{display_name.lower().replace(' ', '.')}@{DEMO_DOMAIN}"
    user = _user_model().objects.filter(email=email).first()
    if user is None:
        user = _user_model().objects.create_user(
            username=display_name.lower().replace(" ", "-"), email=email
        )
        user.password = _demo_password_hash()
        user.date_joined = timezone.now() - timedelta(days=days_ago)
        user.save(update_fields=["password", "date_joined"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile_create(user=user, display_name=display_name)
    return user


def ensure_staff(display_name: str, group_name: str) -> tuple:
    """A staff demo account with an authenticator app set up; returns (user, TOTP secret)."""
    user = ensure_member(display_name)
    user.groups.add(Group.objects.get(name=group_name))
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
        return user, secret
    from allauth.mfa.adapter import get_adapter

    return user, get_adapter().decrypt(authenticator.data["secret"])


def ensure_groups(moderator) -> dict[str, SupportGroup]:
    groups = {}
    for position, (name, slug, description, options) in enumerate(GROUPS):
        group, _ = SupportGroup.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position, **options},
        )
        group.moderators.add(moderator)
        groups[slug] = group
    return groups


def ensure_conversations(groups, members, moderator) -> int:
    if Thread.objects.filter(group__in=groups.values()).exists():
        return 0
    for number, (slug, title, starter, body, options) in enumerate(THREADS):
        author = members[starter % len(members)]
        thread = forum_services.thread_create(
            group=groups[slug], author=author, title=title, body=body
        )
        replies = []
        for reply_number in range(REPLY_COUNTS[number]):
            replier = members[(starter + reply_number + 1) % len(members)]
            text = REPLIES[(number * 3 + reply_number) % len(REPLIES)]
            if reply_number == 2 and replies:
                quoted = replies[0]
                text = (
                    quote_markdown(
                        author_name=quoted.author.profile.display_name, text=quoted.body_markdown
                    )
                    + text
                )
            replies.append(forum_services.post_create(thread=thread, author=replier, body=text))
        for reply_number, reply in enumerate(replies[:4]):
            for kind in ("helpful", "support", "me_too")[: reply_number % 3 + 1]:
                forum_services.reaction_toggle(
                    post=reply, user=members[(reply_number + 5) % len(members)], kind=kind
                )
        if options.get("answer") and replies:
            forum_services.thread_mark_answer(thread=thread, post=replies[0], user=author)
        if options.get("pin"):
            forum_services.thread_moderate(thread=thread, moderator=moderator, action="pin")
        if options.get("lock"):
            forum_services.thread_moderate(
                thread=thread, moderator=moderator, action="lock", reason="Old thread"
            )
    return len(THREADS)


def ensure_article_discussions(groups, members) -> None:
    for number, article in enumerate(ArticlePage.objects.live().order_by("path")[:2]):
        if Thread.objects.filter(article=article).exists():
            continue
        thread = forum_services.thread_create(
            group=groups["article-discussions"],
            author=members[number],
            title=f"Discussion: {article.title}"[:150],
            body="I found this article really clear. Has anyone tried what it suggests?",
            article=article,
        )
        for reply_number in range(3):
            forum_services.post_create(
                thread=thread,
                author=members[number + reply_number + 1],
                body=REPLIES[(number + reply_number * 4) % len(REPLIES)],
            )


def ensure_moderation_queue(groups) -> None:
    """A new member's first post in a group that checks first posts waits for approval."""
    newcomer = ensure_member(NEWCOMER, days_ago=0)
    if Post.objects.filter(author=newcomer).exists():
        return
    thread = Thread.objects.filter(group=groups["newly-diagnosed"]).order_by("pk").first()
    forum_services.post_create(
        thread=thread,
        author=newcomer,
        body="Hello everyone, I was diagnosed last month and I am still taking it all in.",
    )


def _at(zone: str, days: int, hour: int, minute: int = 0) -> datetime:
    local_day = (timezone.now() + timedelta(days=days)).astimezone(ZoneInfo(zone)).date()
    return datetime.combine(local_day, time(hour, minute), tzinfo=ZoneInfo(zone))


def ensure_events(groups, editor, members) -> None:
    if Event.objects.exists():
        return
    london, new_york = "Europe/London", "America/New_York"
    meeting = event_create(
        by=editor,
        title="Leeds back pain support group meeting",
        description="Our monthly get-together: tea, a chat and a short talk on pacing.",
        kind=Event.Kind.GROUP_MEETING,
        format=Event.Format.IN_PERSON,
        region=Event.Region.YORKSHIRE,
        group=groups["back-pain"],
        organiser=editor,
        venue_name="Hyde Park Community Centre",
        address="12 Brudenell Road, Leeds",
        postcode="LS6 1BD",
        step_free_access=True,
        seating=True,
        hearing_loop=True,
        time_zone=london,
        starts_at=_at(london, 9, 14),
        ends_at=_at(london, 9, 16),
        capacity=3,
    )
    webinar = event_create(
        by=editor,
        title="Webinar: new treatments for osteoporosis",
        description="A specialist explains current and upcoming medicines, with questions.",
        kind=Event.Kind.WEBINAR,
        format=Event.Format.ONLINE,
        region=Event.Region.ONLINE,
        organiser=editor,
        online_url="https://meet.example.org/bone-webinar",
        time_zone=new_york,
        starts_at=_at(new_york, 14, 13),
        ends_at=_at(new_york, 14, 14),
        capacity=200,
    )
    talk = event_create(
        by=editor,
        title="Talk: eating well for your bones",
        description="A dietitian on calcium, vitamin D and protein. Join in Bristol or online.",
        kind=Event.Kind.TALK,
        format=Event.Format.HYBRID,
        region=Event.Region.SOUTH_WEST,
        organiser=editor,
        venue_name="Bristol Central Library",
        address="College Green, Bristol",
        postcode="BS1 5TL",
        step_free_access=True,
        online_url="https://meet.example.org/food-talk",
        time_zone=london,
        starts_at=_at(london, 21, 18, 30),
        ends_at=_at(london, 21, 19, 30),
        capacity=40,
    )
    series = series_create(
        by=editor,
        title="Gentle strength and balance class",
        description="A weekly class led by a physiotherapist, suitable after fractures.",
        kind=Event.Kind.EXERCISE_CLASS,
        format=Event.Format.IN_PERSON,
        region=Event.Region.LONDON,
        group=groups["exercise"],
        organiser=editor,
        venue_name="St Luke's Hall",
        address="90 Central Street, London",
        postcode="EC1V 8AJ",
        step_free_access=True,
        seating=True,
        time_zone=london,
        frequency=EventSeries.Frequency.WEEKLY,
        weekday=EventSeries.Weekday.WEDNESDAY,
        start_time=time(10, 30),
        duration_minutes=60,
        starts_on=timezone.localdate(),
        capacity=15,
    )
    occurrences = list(series.occurrences.order_by("starts_at"))
    if len(occurrences) > 1:
        event_cancel(event=occurrences[1], by=editor)
    for member in members[:5]:
        rsvp_create(event=meeting, member=member)
    for member in members[:6]:
        rsvp_create(event=webinar, member=member)
    for member in members[2:5]:
        rsvp_create(event=talk, member=member)
    if occurrences:
        for member in members[3:8]:
            rsvp_create(event=occurrences[0], member=member)


def load_community() -> dict:
    if not settings.DEMO_ACCOUNTS_ENABLED:
        raise PermissionError(DEMO_ACCOUNTS_REFUSED)
    # Fictional people get no email, and the posting-speed limit is lifted while loading. The
    # override encloses the transaction: notifications are sent on commit, after the load.
    with override_settings(
        FORUM_POST_RATE_LIMIT=(10**6, 1),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    ):
        return _load_community()


@transaction.atomic
def _load_community() -> dict:
    moderator, moderator_secret = ensure_staff("Moderator Maya", "Moderators")
    editor, editor_secret = ensure_staff("Editor Eddie", "Editors")
    reviewer, reviewer_secret = ensure_staff("Reviewer Rosa", "Medical reviewers")
    members = [ensure_member(name) for name in MEMBERS]
    groups = ensure_groups(moderator)
    ensure_conversations(groups, members, moderator)
    ensure_article_discussions(groups, members)
    ensure_moderation_queue(groups)
    ensure_events(groups, editor, members)
    moderator.groups.add(Group.objects.get(name=settings.FORUM_SAFEGUARDING_GROUP))
    load_trust_pages()
    return {
        "accounts": [
            ("member", members[0].email, None),
            ("group moderator", moderator.email, moderator_secret),
            ("editor", editor.email, editor_secret),
            ("medical reviewer", reviewer.email, reviewer_secret),
        ],
        "password": DEMO_PASSWORD,
    }
