import pytest

from portal.pages.tests.factories import build_trust_pages


@pytest.fixture
def trust_pages(db):
    return build_trust_pages()
