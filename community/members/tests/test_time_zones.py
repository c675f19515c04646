"""The profile's time zone is chosen from the IANA list, defaulting to the site's setting."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from community.members.models import Profile
from community.members.tests.factories import MemberFactory
from community.members.time_zones import UNKNOWN_TIME_ZONE, default_time_zone, time_zone_choices

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "community.members.migrations.0006_profile_time_zone_from_iana_list"
)


def profile_form(**changes) -> dict:
    return {"display_name": "Gentle Walker", "bio": "Walking daily.", **changes}


def test_new_profiles_take_the_sites_default_zone(settings):
    settings.PORTAL_DEFAULT_TIME_ZONE = "Europe/Dublin"

    assert MemberFactory().profile.time_zone == "Europe/Dublin"


def test_the_default_falls_back_to_the_sites_time_zone(settings):
    settings.PORTAL_DEFAULT_TIME_ZONE = ""

    assert default_time_zone() == settings.TIME_ZONE


def test_the_choices_put_the_default_first_then_every_zone_by_city(settings):
    settings.PORTAL_DEFAULT_TIME_ZONE = "Europe/London"

    choices = time_zone_choices()

    assert choices[0] == ("Europe/London", "London (Europe/London)")
    labels = [label for _, label in choices[1:]]
    assert labels == sorted(labels)
    assert ("America/New_York", "New York (America/New_York)") in choices
    assert ("UTC", "UTC") in choices


def test_the_profile_page_offers_a_select_of_zones_with_the_members_own_chosen(client):
    member = MemberFactory()
    member.profile.time_zone = "Asia/Tokyo"
    member.profile.save()
    client.force_login(member)

    text = client.get(reverse("members:profile-edit")).text

    assert '<select name="time_zone"' in text
    assert '<option value="Asia/Tokyo" selected>Tokyo (Asia/Tokyo)</option>' in text


def test_a_member_chooses_a_zone(client):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(reverse("members:profile-edit"), profile_form(time_zone="Asia/Tokyo"))

    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.time_zone == "Asia/Tokyo"


def test_an_unknown_zone_is_refused_and_the_rest_of_the_form_kept(client):
    member = MemberFactory()
    client.force_login(member)

    response = client.post(reverse("members:profile-edit"), profile_form(time_zone="Mars/Base"))

    assert response.status_code == 200
    assert UNKNOWN_TIME_ZONE in response.text
    assert "Walking daily." in response.text
    member.profile.refresh_from_db()
    assert member.profile.time_zone == default_time_zone()


def test_the_migration_keeps_valid_zones_and_replaces_the_rest_with_the_default(settings):
    settings.PORTAL_DEFAULT_TIME_ZONE = "Europe/London"
    members = [MemberFactory() for _ in range(4)]
    typed = ["America/Chicago", " Asia/Tokyo ", "my house", ""]
    for member, zone in zip(members, typed, strict=True):
        Profile.objects.filter(user=member).update(time_zone=zone)

    migration.keep_valid_zones_only(apps, None)

    zones = [Profile.objects.get(user=member).time_zone for member in members]
    assert zones == ["America/Chicago", "Asia/Tokyo", "Europe/London", "Europe/London"]
