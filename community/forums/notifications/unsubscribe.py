"""What a one-click unsubscribe link does for the forums' scopes (see portal.mail)."""

from ..models import Subscription, SupportGroup, Thread


def unsubscribe_thread(*, user_id: int, target: int) -> str:
    """Mutes the thread, so watching its group sends nothing about it either."""
    thread = Thread.objects.filter(pk=target).first()
    if thread is None:
        raise LookupError("thread gone")
    Subscription.objects.update_or_create(
        user_id=user_id, thread=thread, defaults={"level": Subscription.Level.MUTED}
    )
    return f"“{thread.title}”"


def unsubscribe_group(*, user_id: int, target: int) -> str:
    group = SupportGroup.objects.filter(pk=target).first()
    if group is None:
        raise LookupError("group gone")
    Subscription.objects.filter(user_id=user_id, group=group).delete()
    return f"the group “{group.name}”"
