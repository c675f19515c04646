from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

USER = settings.AUTH_USER_MODEL


class SupportGroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SupportGroupQuerySet":
        """Public groups for everyone; members-only groups for signed-in members only."""
        if user.is_authenticated:
            return self
        return self.filter(visibility=SupportGroup.Visibility.PUBLIC)


class SupportGroup(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public: anyone can read"
        MEMBERS = "members", "Members only: signed-in members can read"

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    indexable = models.BooleanField(
        default=False, help_text="Let search engines index this group's threads."
    )
    requires_first_post_approval = models.BooleanField(
        default=False, help_text="New members' first post waits for a moderator."
    )
    moderators = models.ManyToManyField(USER, blank=True, related_name="moderated_groups")
    position = models.PositiveSmallIntegerField(default=0)
    thread_count = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SupportGroupQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forums:group-detail", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ThreadQuerySet":
        """Threads in groups the user may read, except removed ones and those whose opening
        post still waits for approval (its author sees it)."""
        threads = self.filter(is_removed=False)
        waiting = Q(first_post__status=Post.Status.PENDING)
        if not user.is_authenticated:
            return threads.filter(group__visibility=SupportGroup.Visibility.PUBLIC).exclude(waiting)
        return threads.exclude(waiting & ~Q(author=user))


class Thread(models.Model):
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_threads"
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=150, allow_unicode=False)
    first_post = models.OneToOneField(
        "forums.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    solved_post = models.ForeignKey(
        "forums.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    article = models.OneToOneField(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_thread",
    )
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    is_removed = models.BooleanField(default=False)
    post_count = models.PositiveIntegerField(default=0)
    last_position = models.PositiveIntegerField(default=0)
    last_post_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["group", "-pinned", "-last_post_at"], name="thread_group_listing"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:150] or "thread"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forums:thread-detail", args=[self.pk, self.slug])

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)


class PostQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PostQuerySet":
        """Posts whose thread the user may see. Hidden, pending and deleted posts stay in the
        list (as placeholders) so post numbers and pages never shift; templates show their
        text only to those allowed."""
        return self.filter(thread__in=Thread.objects.visible_to(user))

    def publicly_listed(self) -> "PostQuerySet":
        return self.filter(status=Post.Status.VISIBLE, is_deleted=False)


class Post(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", "Visible"
        PENDING = "pending", "Waiting for approval"
        HIDDEN = "hidden", "Hidden by moderators"

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="forum_posts"
    )
    position = models.PositiveIntegerField()
    body_markdown = models.TextField()
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    is_deleted = models.BooleanField(default=False)
    is_urgent = models.BooleanField(default=False)
    urgent_reason = models.CharField(
        max_length=300, blank=True, help_text="Why the post was flagged as urgent."
    )
    needs_review = models.BooleanField(default=False, db_index=True)
    report_count = models.PositiveIntegerField(default=0)
    submission_token = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="post_unique_position"),
            models.UniqueConstraint(
                fields=["author", "submission_token"], name="post_unique_submission"
            ),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="post_search_vector"),
            # The few posts waiting for approval, so a group's visible-thread count can subtract
            # them instead of joining every thread to its opening post.
            models.Index(
                fields=["id"], condition=Q(status="pending"), name="post_waiting_for_approval"
            ),
        ]

    def __str__(self) -> str:
        return f"Post {self.position} in {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("forums:post-permalink", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.VISIBLE and not self.is_deleted


class PostRevision(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    editor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL)
    body_markdown = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Revision of post {self.post_id}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        HELPFUL = "helpful", "Helpful"
        SUPPORT = "support", "Sending support"
        ME_TOO = "me_too", "Me too"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_reactions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="reaction_unique")
        ]

    def __str__(self) -> str:
        return f"{self.kind} on post {self.post_id}"


class Report(models.Model):
    class Reason(models.TextChoices):
        HARMFUL_ADVICE = "harmful", "Harmful or misleading medical advice"
        ABUSE = "abuse", "Abusive or unkind"
        SPAM = "spam", "Spam or advertising"
        PRIVACY = "privacy", "Shares someone's private information"
        WELLBEING = "wellbeing", "I'm worried about this person"
        OTHER = "other", "Something else"

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_reports")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], name="report_unique_per_reporter")
        ]

    def __str__(self) -> str:
        return f"Report of post {self.post_id}: {self.reason}"


class Subscription(models.Model):
    class Level(models.TextChoices):
        WATCHING = "watching", "Watching"
        FOLLOWING = "following", "Following"
        MUTED = "muted", "Muted"

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_subscriptions")
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="subscriptions"
    )
    level = models.CharField(max_length=10, choices=Level.choices, default=Level.WATCHING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, group__isnull=True)
                | Q(thread__isnull=True, group__isnull=False),
                name="subscription_thread_xor_group",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"], condition=Q(thread__isnull=False), name="sub_thread"
            ),
            models.UniqueConstraint(
                fields=["user", "group"], condition=Q(group__isnull=False), name="sub_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level}: thread {self.thread_id or '-'} group {self.group_id or '-'}"


class ReadState(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_read_states")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    last_read_position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="readstate_unique")]

    def __str__(self) -> str:
        return f"Read up to {self.last_read_position} in thread {self.thread_id}"


class PendingNotification(models.Model):
    """One row per watcher with unsent news in a thread: a burst of replies becomes one email."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    first_post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="pending_notification_unique")
        ]

    def __str__(self) -> str:
        return f"Pending notification for thread {self.thread_id}"


class SuspensionQuerySet(models.QuerySet):
    def in_force_for(self, user) -> "Suspension | None":
        """The member's suspension that ends last, while it lasts."""
        if not user.is_authenticated:
            return None
        return self.filter(user=user, until__gt=timezone.now()).order_by("-until").first()


class Suspension(models.Model):
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_suspensions")
    until = models.DateTimeField()
    reason = models.TextField()
    moderator = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SuspensionQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Suspended until {self.until:%Y-%m-%d}"


class ModerationAction(models.Model):
    class Action(models.TextChoices):
        APPROVE = "approve", "Approved"
        HIDE = "hide", "Hidden"
        RESTORE = "restore", "Restored"
        DELETE = "delete", "Deleted"
        WARN = "warn", "Warned"
        SUSPEND = "suspend", "Suspended"
        LOCK = "lock", "Locked"
        UNLOCK = "unlock", "Unlocked"
        PIN = "pin", "Pinned"
        UNPIN = "unpin", "Unpinned"
        MOVE = "move", "Moved"
        AUTO_HIDE = "auto_hide", "Hidden automatically after reports"
        DISMISS = "dismiss", "Reports dismissed"
        CONTACT = "contact", "Contacted privately"

    moderator = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    member = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("moderate_forums", "Can moderate every support group")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.created_at:%Y-%m-%d %H:%M}"


class CrisisPhrase(models.Model):
    """A warning sign that flags a post for moderators at once, or an idiom to ignore. The
    matching rules are in community/forums/crisis.py."""

    class Kind(models.TextChoices):
        FLAG = "flag", "Warning sign: flag the post"
        IGNORE = "ignore", "Everyday idiom: never flag these words"

    phrase = models.CharField(
        max_length=200,
        unique=True,
        help_text=(
            'Words in order, e.g. "want to end it all". Write a/b for either word and '
            'overdos* for any word starting "overdos", <meds> for any word in the word class '
            '"meds". Case, apostrophes, punctuation and line breaks do not matter.'
        ),
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FLAG)
    max_gap = models.PositiveSmallIntegerField(
        "words allowed between",
        default=1,
        validators=[MaxValueValidator(4)],
        help_text="How many other words may come between two words of the phrase (0 to 4).",
    )
    active = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True, help_text="Where it comes from, or why.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "phrase"]

    def __str__(self) -> str:
        return self.phrase

    def clean(self) -> None:
        from .crisis import compile_phrase, load_word_classes

        try:
            compile_phrase(self.phrase, self.max_gap, load_word_classes())
        except ValueError as error:
            raise ValidationError({"phrase": PHRASE_INVALID.format(error=error)}) from error


PHRASE_INVALID = "Please write at least one word, and only word classes that exist ({error})."


class CrisisWordClass(models.Model):
    """Words that mean the same thing for crisis phrases: a phrase says <name> to mean any of
    them, so one rule covers every synonym, and a synonym added here counts in every rule."""

    name = models.SlugField(
        max_length=40,
        unique=True,
        allow_unicode=False,
        help_text='Lower-case letters and underscores; phrases write it as <name>, e.g. "<meds>".',
    )
    words = models.TextField(
        help_text=(
            "One word or phrase a line. End a word with * to match any word starting with it "
            '("stockpil*").'
        )
    )
    note = models.CharField(max_length=200, blank=True, help_text="What the words have in common.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "crisis word class"
        verbose_name_plural = "crisis word classes"

    def __str__(self) -> str:
        return f"<{self.name}>"

    def clean(self) -> None:
        from .crisis import CLASS_REFERENCE, parse_class_words

        if not CLASS_REFERENCE.match(f"<{self.name}>"):
            raise ValidationError({"name": WORD_CLASS_NAME_INVALID})
        if not parse_class_words(self.words):
            raise ValidationError({"words": "Please write at least one word."})


WORD_CLASS_NAME_INVALID = "Use lower-case letters and underscores only."


class Bookmark(models.Model):
    """A post a member keeps to find again; nobody else sees it."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_bookmarks")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "post"], name="bookmark_unique_per_member")
        ]
        indexes = [models.Index(fields=["member", "-created_at"], name="bookmark_member_recent")]

    def __str__(self) -> str:
        return f"Bookmark of post {self.post_id}"


class Draft(models.Model):
    """What a member is writing and has not posted yet: a reply (per thread) or a new thread
    (per group). Only its writer ever reads it."""

    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="forum_drafts")
    thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        SupportGroup, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(thread__isnull=False, group__isnull=True)
                | Q(thread__isnull=True, group__isnull=False),
                name="draft_thread_xor_group",
            ),
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=Q(thread__isnull=False),
                name="draft_one_reply_per_thread",
            ),
            models.UniqueConstraint(
                fields=["member", "group"],
                condition=Q(group__isnull=False),
                name="draft_one_new_thread_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"Draft in thread {self.thread_id or '-'} group {self.group_id or '-'}"


class CrisisExample(models.Model):
    """A whole sentence for the semantic crisis check (community/forums/crisis_semantic.py):
    either something a person at risk might write, or an everyday sentence that looks like
    one but is not ("this back pain is killing me"). A post is compared with these by meaning,
    so new wordings close to an at-risk example are flagged without a rule for each."""

    class Kind(models.TextChoices):
        AT_RISK = "at_risk", "At risk: posts like this are flagged"
        NOT_A_SIGN = "not_a_sign", "Not a sign: everyday talk that looks similar"

    text = models.CharField(max_length=300, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.AT_RISK)
    active = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True, help_text="Where it comes from, or why.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "text"]
        verbose_name = "crisis example sentence"
        verbose_name_plural = "crisis example sentences"

    def __str__(self) -> str:
        return self.text
