"""Who may do what with articles beyond Wagtail's page permissions."""

FEEDBACK_READER_GROUPS = ("Editors", "Medical reviewers")


def can_read_article_feedback(user) -> bool:
    """Editors and medical reviewers read what readers said about articles; moderators of the
    community need not."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=FEEDBACK_READER_GROUPS).exists()
