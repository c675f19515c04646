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


def _restore_in_bulk(creation, data):
    """Django's serialized rollback, with one INSERT per batch instead of one per row: the
    migrations' data is some 1,700 rows (most of them crisis example sentences), restored
    before every transactional test. Rows with many-to-many values or a parent table are
    saved one by one, as Django does; PostgreSQL checks the foreign keys at commit."""
    from collections import defaultdict

    from django.core import serializers

    alias = creation.connection.alias
    in_bulk, one_by_one, table_names = defaultdict(list), [], set()
    with transaction.atomic(using=alias), creation.connection.constraint_checks_disabled():
        for row in serializers.deserialize("json", data, using=alias):
            model = type(row.object)
            table_names.add(model._meta.db_table)
            if row.m2m_data or row.deferred_fields or model._meta.parents:
                one_by_one.append(row)
            else:
                in_bulk[model].append(row.object)
        for model, objects in in_bulk.items():
            # The first transactional test finds the rows there already; save() would update.
            fields = [field.name for field in model._meta.concrete_fields if not field.primary_key]
            model._base_manager.using(alias).bulk_create(
                objects,
                batch_size=500,
                update_conflicts=bool(fields),
                ignore_conflicts=not fields,
                unique_fields=[model._meta.pk.name] if fields else None,
                update_fields=fields or None,
            )
        for row in one_by_one:
            row.save()
        creation.connection.check_constraints(table_names=table_names)


def pytest_configure(config):
    from django.db.backends.base.creation import BaseDatabaseCreation

    BaseDatabaseCreation.deserialize_db_from_string = _restore_in_bulk


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
