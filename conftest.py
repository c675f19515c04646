import pytest
from django.db import transaction

from community.forums.tests.factories import SupportGroupFactory
from community.members.tests.factories import MemberFactory


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """For data built once per module (a page tree, a corpus): a transaction that each test's
    own transaction nests in as a savepoint, rolled back when the module ends. What a test
    adds goes with its savepoint. Not for modules with transactional tests, which would
    flush it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def member(db):
    return MemberFactory()


@pytest.fixture
def unverified_member(db):
    return MemberFactory(member_records__verified=False)


@pytest.fixture
def members_only_group(db):
    return SupportGroupFactory(name="Carers' corner", slug="carers", visibility="members")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(items):
    """A transactional test ends by flushing every table, which would take the data the
    migrations made (Wagtail's root page, locales, the editorial groups) with it. Every such
    test restores that data instead, so the order tests run in never matters."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            item.add_marker(
                pytest.mark.django_db(**{**marker.kwargs, "serialized_rollback": True}),
                append=False,
            )


@pytest.fixture
def database_down():
    """A context manager: inside it the default connection points at a closed port, as in a
    database restart; after it, Django reconnects on its own."""
    from contextlib import contextmanager

    from django.db import connection

    @contextmanager
    def outage():
        real_port = connection.settings_dict["PORT"]
        connection.close()
        connection.settings_dict["PORT"] = "1"
        try:
            yield
        finally:
            connection.settings_dict["PORT"] = real_port
            connection.close()

    return outage
