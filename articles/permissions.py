"""Who may do what with articles beyond Wagtail's page permissions."""

from .services import MEDICAL_REVIEWERS_GROUP

FEEDBACK_READER_GROUPS = ("Editors", MEDICAL_REVIEWERS_GROUP)


def can_read_article_feedback(user) -> bool:
    """Editors and medical reviewers read what readers said about articles; moderators of the
    community need not."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=FEEDBACK_READER_GROUPS).exists()


def can_change_what_live_articles_show(user) -> bool:
    """What a live article shows has been medically reviewed: only a medical reviewer (or an
    administrator) may change it outside the article's own review, e.g. by replacing the file
    of an image the article uses."""
    return user.is_superuser or user.groups.filter(name=MEDICAL_REVIEWERS_GROUP).exists()
