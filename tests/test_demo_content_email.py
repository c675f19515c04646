"""`make run`'s demo load, as a newcomer's terminal shows it."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db(transaction=True)
def test_loading_sends_no_email_to_the_fictional_members(settings, capsys):
    """`make run` prints what the load prints: notifications sent after the load commits must
    not bury the demo accounts under thousands of lines of console email."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    call_command("load_demo_content")

    printed = capsys.readouterr().out
    assert "Subject:" not in printed
    assert "Demo accounts" in printed
