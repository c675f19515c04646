from django.utils.functional import SimpleLazyObject


def notifications(request) -> dict:
    """The header bell's unread count: one query, made only when a signed-in member's page
    shows the bell; none for anonymous readers."""
    from .selectors import unread_count

    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user=user))}
