from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from community.members.models import NotificationKind


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "NotificationQuerySet":
        """A member's notifications, less those about a post they can no longer see: a post
        hidden, deleted or awaiting approval, or in a thread they may not read, drops out of the
        list (and the count) until it is visible again. A moderator's decision about the
        member's own post stays, whatever became of the post."""
        from community.forums.models import Post, Thread

        # Correlated per notification: a member has few, the site has many threads to hash.
        readable = Exists(Thread.objects.visible_to(user).filter(pk=OuterRef("post__thread_id")))
        public = Q(post__status=Post.Status.VISIBLE, post__is_deleted=False)
        own_post_decision = Q(kind=NotificationKind.MODERATION, post__author=user)
        return self.filter(recipient=user).filter(
            Q(post__isnull=True) | (readable & (public | own_post_decision))
        )

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something that happened to a member, shown on the site. `summary` names the actor and
    at most a thread or event title: never the words of a post. Reactions to one post share a
    `group_key`, so while unread they stay one notification that counts the people."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_count = models.PositiveIntegerField(default=1)
    post = models.ForeignKey(
        "forums.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "events.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    summary = models.CharField(max_length=300)
    group_key = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "group_key"],
                condition=Q(read_at__isnull=True) & ~Q(group_key=""),
                name="notification_one_unread_per_group",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for member {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None

    def target_url(self) -> str:
        if self.post_id is not None:
            return self.post.get_absolute_url()
        if self.event_id is not None:
            return self.event.get_absolute_url()
        return ""
