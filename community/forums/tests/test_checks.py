import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from community.forums.checks import (
    NO_MODERATORS_ADDRESS,
    NOBODY_ON_DUTY,
    check_moderators_reachable,
    is_real_address,
)
from community.members.tests.factories import UserFactory

PROJECT = Path(__file__).resolve().parents[3]


@pytest.fixture
def on_duty_group(db, settings):
    return Group.objects.get_or_create(name=settings.FORUM_SAFEGUARDING_GROUP)[0]


@pytest.mark.parametrize(
    ("address", "real"),
    [
        ("Moderators <moderators@bonehealth.org.uk>", True),
        ("moderators@bonehealth.org.uk", True),
        ("", False),
        ("Bone & Spine Health moderators <moderators@localhost>", False),
        ("moderators@example.com", False),
        ("moderators@portal.test", False),
        ("not an address", False),
    ],
)
def test_placeholder_and_missing_addresses_are_not_real(address, real):
    assert is_real_address(address) is real


def test_a_missing_moderators_address_is_an_error_without_a_database(settings):
    settings.MODERATORS_EMAIL = ""

    assert check_moderators_reachable() == [NO_MODERATORS_ADDRESS]


def test_a_real_moderators_address_passes_without_a_database(settings):
    settings.MODERATORS_EMAIL = "moderators@bonehealth.org.uk"

    assert check_moderators_reachable() == []


def test_on_duty_staff_stand_in_for_a_missing_address(settings, on_duty_group):
    settings.MODERATORS_EMAIL = ""
    on_duty_group.user_set.add(UserFactory())

    assert check_moderators_reachable(databases=["default"]) == []


def test_an_empty_or_inactive_on_duty_group_does_not_count(settings, on_duty_group):
    settings.MODERATORS_EMAIL = ""
    on_duty_group.user_set.add(UserFactory(is_active=False))

    assert check_moderators_reachable(databases=["default"]) == [
        NO_MODERATORS_ADDRESS,
        NOBODY_ON_DUTY,
    ]


def test_a_real_address_with_nobody_on_duty_is_only_a_warning(settings, on_duty_group):
    settings.MODERATORS_EMAIL = "moderators@bonehealth.org.uk"

    assert check_moderators_reachable(databases=["default"]) == [NOBODY_ON_DUTY]


def test_check_deploy_fails_on_the_missing_address(settings):
    settings.MODERATORS_EMAIL = ""

    with pytest.raises(SystemCheckError, match="forums.E001"):
        call_command("check", deploy=True, fail_level="ERROR")


def test_production_settings_without_a_moderators_address_fail_check_deploy():
    environment = {key: value for key, value in os.environ.items() if key != "MODERATORS_EMAIL"} | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "check-only-" + "x" * 50,
        "ALLOWED_HOSTS": "bonehealth.org.uk",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1/none"),
    }

    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert "forums.E001" in result.stderr
