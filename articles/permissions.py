from .services import MEDICAL_REVIEWERS_GROUP


def can_change_what_live_articles_show(user) -> bool:
    """What a live article shows has been medically reviewed: only a medical reviewer (or an
    administrator) may change it outside the article's own review, e.g. by replacing the file
    of an image the article uses."""
    return user.is_superuser or user.groups.filter(name=MEDICAL_REVIEWERS_GROUP).exists()
