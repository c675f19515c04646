from articles.tests.factories import PageFactory, build_site
from portal.pages.demo import load_trust_pages
from portal.pages.models import StandingPage


class StandingPageFactory(PageFactory):
    class Meta:
        model = StandingPage

    title = "About us"
    slug = "about"
    intro = "Who we are."


def build_trust_pages():
    """The site with the demo's standing pages: guidelines, privacy, accessibility, contact,
    about. Returns the home page."""
    home, _ = build_site()
    load_trust_pages()
    return home
