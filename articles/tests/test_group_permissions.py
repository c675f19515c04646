"""What each staff group may do with the things shown on live articles: images, documents and
the people named as authors and medical reviewers."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Person
from articles.tests.factories import ImageFactory, PersonFactory
from community.members.tests.factories import UserFactory, enrol_totp

pytestmark = pytest.mark.django_db


def staff(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    enrol_totp(user)
    return user


def test_moderators_have_no_rights_over_images_documents_or_collections():
    moderator = staff("Moderators")

    for codename in (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.change_document",
        "wagtailcore.change_collection",
    ):
        assert not moderator.has_perm(codename), codename


def test_a_moderator_cannot_change_an_image(client):
    image = ImageFactory(title="Spine X-ray")
    client.force_login(staff("Moderators"))

    page = client.get(reverse("wagtailimages:edit", args=[image.pk]))
    client.post(reverse("wagtailimages:edit", args=[image.pk]), {"title": "Replaced"})

    assert page.status_code in (302, 403)
    image.refresh_from_db()
    assert image.title == "Spine X-ray"


def test_an_editor_can_still_change_an_image(client):
    image = ImageFactory(title="Spine X-ray")
    client.force_login(staff("Editors"))

    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200


def person_edit_url(person):
    return reverse("wagtailsnippets_articles_person:edit", args=[person.pk])


def test_editors_cannot_change_a_person_shown_on_articles(client):
    person = PersonFactory(name="Dr Ada Lovelace")
    client.force_login(staff("Editors"))

    response = client.post(person_edit_url(person), {"name": "Somebody else"})

    assert response.status_code in (302, 403)
    person.refresh_from_db()
    assert person.name == "Dr Ada Lovelace"


def test_editors_may_add_a_person(client):
    client.force_login(staff("Editors"))

    client.post(
        reverse("wagtailsnippets_articles_person:add"),
        {"name": "Dr New Writer", "credentials": "", "role": "", "photo": "", "bio": ""},
    )

    assert Person.objects.filter(name="Dr New Writer").exists()


def test_medical_reviewers_change_people(client):
    person = PersonFactory(name="Dr Ada Lovelace")
    client.force_login(staff("Medical reviewers"))

    client.post(
        person_edit_url(person),
        {"name": "Dr Ada King", "credentials": "FRCP", "role": "", "photo": "", "bio": ""},
    )

    person.refresh_from_db()
    assert person.name == "Dr Ada King"
