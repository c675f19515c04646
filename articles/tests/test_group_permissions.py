"""What each staff group may do with the things shown on live articles: images, documents and
the people named as authors and medical reviewers."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Person
from articles.tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    PersonFactory,
    png_bytes,
)
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


def image_edit_form(image, *, new_file: bool, title=None):
    data = {
        "title": title or image.title,
        "description": "",
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
    }
    if new_file:
        data["file"] = SimpleUploadedFile("new.png", png_bytes(colour="#aa0000"), "image/png")
    return data


def replace_image_file(client, image, **kwargs):
    return client.post(
        reverse("wagtailimages:edit", args=[image.pk]), image_edit_form(image, **kwargs)
    )


@pytest.mark.parametrize("shown_as", ["hero", "body"])
def test_an_editor_cannot_replace_the_file_of_an_image_a_live_article_shows(
    client, article_index, shown_as
):
    image = ImageFactory(title="Spine X-ray")
    if shown_as == "hero":
        ArticlePageFactory(
            parent=article_index, title="Back pain", hero_image=image, hero_image_alt="An X-ray"
        )
    else:
        ArticlePageFactory(
            parent=article_index,
            title="Back pain",
            body=[("image", {"image": image, "alt_text": "An X-ray", "caption": ""})],
        )
    original_file = image.file.name
    client.force_login(staff("Editors"))

    response = replace_image_file(client, image, new_file=True, title="Renamed X-ray")

    assert response.status_code == 200
    assert "appears on live articles (Back pain)" in response.content.decode()
    assert 'value="Renamed X-ray"' in response.content.decode()  # what was typed is kept
    image.refresh_from_db()
    assert (image.file.name, image.title) == (original_file, "Spine X-ray")


def test_an_editor_may_retitle_an_image_a_live_article_shows(client, article_index):
    image = ImageFactory(title="Spine X-ray")
    ArticlePageFactory(parent=article_index, hero_image=image, hero_image_alt="An X-ray")
    client.force_login(staff("Editors"))

    response = replace_image_file(client, image, new_file=False, title="Lumbar spine X-ray")

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Lumbar spine X-ray"


def test_an_editor_may_replace_the_file_of_an_image_only_drafts_use(client, article_index):
    image = ImageFactory(title="Spine X-ray")
    ArticlePageFactory(
        parent=article_index, hero_image=image, hero_image_alt="An X-ray", live=False
    )
    original_file = image.file.name
    client.force_login(staff("Editors"))

    response = replace_image_file(client, image, new_file=True)

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != original_file


def test_a_medical_reviewer_may_replace_the_file_of_an_image_a_live_article_shows(
    client, article_index
):
    image = ImageFactory(title="Spine X-ray")
    ArticlePageFactory(parent=article_index, hero_image=image, hero_image_alt="An X-ray")
    original_file = image.file.name
    reviewer = staff("Medical reviewers")
    client.force_login(reviewer)

    response = replace_image_file(client, image, new_file=True)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("wagtailimages:index")
    image.refresh_from_db()
    assert image.file.name != original_file
