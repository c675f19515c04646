from articles.tests.factories import build_site
from portal.pages.demo import load_trust_pages
from portal.pages.models import StandingPage


def test_the_demo_creates_each_standing_page_once_and_leaves_edits_alone(db):
    build_site()
    assert load_trust_pages() == len(StandingPage.Role.values)
    StandingPage.objects.filter(role="about").update(intro="Edited by an editor")

    assert load_trust_pages() == 0
    assert StandingPage.objects.get(role="about").intro == "Edited by an editor"
    assert all(page.live for page in StandingPage.objects.all())
