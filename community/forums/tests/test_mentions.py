"""@mentions in posts: linked to the member's profile when the name is a member's, plain
text otherwise; found outside code and links; quotes tell whom they quote."""

import pytest

from community.forums.markup import render_post
from community.members.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam():
    member = MemberFactory()
    member.profile.display_name = "Sam Lee"
    member.profile.save()
    return member


def test_a_mention_with_a_space_in_the_name_links_to_the_profile(sam):
    html, mentioned = render_post("Thanks @Sam Lee, that helped.")

    assert html == (
        '<p>Thanks <a class="mention" href="/members/Sam%20Lee/">@Sam Lee</a>, that helped.</p>'
    )
    assert mentioned == [sam.pk]


def test_a_mention_in_other_case_shows_the_members_own_spelling(sam):
    html, mentioned = render_post("@sam lee hello")

    assert '<a class="mention" href="/members/Sam%20Lee/">@Sam Lee</a> hello' in html
    assert mentioned == [sam.pk]


def test_the_longest_name_wins(sam):
    longer = MemberFactory()
    longer.profile.display_name = "Sam Lee Jones"
    longer.profile.save()

    _html, mentioned = render_post("@Sam Lee Jones and @Sam Lee")

    assert mentioned == [longer.pk, sam.pk]


def test_a_name_nobody_has_stays_plain_text(sam):
    html, mentioned = render_post("Ask @Nobody Here or email me@example.org")

    assert html == "<p>Ask @Nobody Here or email me@example.org</p>"
    assert mentioned == []


def test_mentions_in_code_are_left_alone(sam):
    html, mentioned = render_post("`@Sam Lee`\n\n    @Sam Lee")

    assert "mention" not in html
    assert mentioned == []


def test_a_mention_of_a_deactivated_member_stays_plain_text(sam):
    sam.is_active = False
    sam.save()

    html, mentioned = render_post("@Sam Lee")

    assert html == "<p>@Sam Lee</p>"
    assert mentioned == []


def test_a_mention_in_a_quote_is_linked_but_notifies_nobody(sam):
    html, mentioned = render_post("> @Sam Lee said so")

    assert 'class="mention"' in html
    assert mentioned == []


def test_a_quote_names_the_member_quoted(sam):
    _html, mentioned = render_post("> **Sam Lee** wrote:\n> Heat helps.\n\nIt does.")

    assert mentioned == [sam.pk]


def test_markup_around_a_mention_stays_escaped(sam):
    html, _ = render_post("<b>hi</b> @Sam Lee & friends")

    assert html == (
        '<p>&lt;b&gt;hi&lt;/b&gt; <a class="mention" href="/members/Sam%20Lee/">@Sam Lee</a>'
        " &amp; friends</p>"
    )


def test_a_new_member_may_mention_although_they_may_not_post_links(sam):
    from community.forums.markup import contains_link

    assert not contains_link("Hello @Sam Lee")
