"""Listing reads from a real streaming replica; writes and the writer's next reads on the
primary; a lagging or unreachable replica replaced by the primary, logged once."""

import logging
import time

import pytest
from django.test import Client
from django.urls import reverse

from community.forums.tests.factories import (
    ExperiencedMemberFactory,
    SupportGroupFactory,
    make_thread,
)
from portal.db_router import RECENT_WRITE_COOKIE
from tests.cluster.processes import CLUSTER

pytestmark = [*CLUSTER, pytest.mark.django_db(transaction=True, databases=["default", "replica"])]

ROUTER_LOGGER = "portal.db_router"


def pause_replay(replica, settings) -> None:
    """The replica stops replaying what the primary writes (it still receives it), while the
    lag limit is generous: the replica is healthy but behind."""
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 3600
    replica.pause_replay()


@pytest.fixture
def replay_paused(replica_reads, settings):
    pause_replay(replica_reads, settings)
    return replica_reads


def test_readers_see_the_replica_and_a_writer_sees_their_own_reply_at_once(
    replica_reads, client, settings
):
    thread = make_thread(title="Sleeping after a vertebral fracture")
    member = ExperiencedMemberFactory()
    replica_reads.wait_until_caught_up()
    pause_replay(replica_reads, settings)
    client.force_login(member)

    response = client.post(
        reverse("forums:reply", kwargs={"pk": thread.pk}),
        {"body": "A rolled towel under the knees helped me.", "website": ""},
    )

    assert response.status_code == 302
    assert RECENT_WRITE_COOKIE in response.cookies
    own_view = client.get(thread.get_absolute_url())
    assert "A rolled towel under the knees helped me." in own_view.text
    reader_view = Client().get(thread.get_absolute_url())
    assert reader_view.status_code == 200
    assert "Sleeping after a vertebral fracture" in reader_view.text
    assert "A rolled towel under the knees helped me." not in reader_view.text


def test_group_page_search_and_sitemap_are_read_from_the_replica(replay_paused, client):
    group = SupportGroupFactory(indexable=True)
    thread = make_thread(group=group, title="Tai chi for balance", body="Kyphoplasty recovery")

    group_page = client.get(group.get_absolute_url())
    search = client.get(reverse("search:search"), {"q": "kyphoplasty recovery"})
    sitemap = client.get(reverse("sitemap"))

    assert group_page.status_code == 404  # the group is not on the replica yet
    assert search.status_code == sitemap.status_code == 200
    assert thread.get_absolute_url() not in search.text
    assert thread.get_absolute_url() not in sitemap.text
    replay_paused.run_sql("SELECT pg_wal_replay_resume()")
    replay_paused.wait_until_caught_up()
    assert thread.get_absolute_url() in client.get(reverse("sitemap")).text


def test_a_lagging_replica_is_replaced_by_the_primary_and_logged_once(
    replay_paused, client, settings, caplog
):
    thread = make_thread(title="Vitamin D in winter")
    url = reverse("forums:group-detail", kwargs={"slug": thread.group.slug})
    assert client.get(url).status_code == 404
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 0.2
    make_thread(group=thread.group, title="Another write to lag behind")
    replay_paused.wait_until_behind()
    time.sleep(settings.DATABASE_REPLICA_MAX_LAG_SECONDS)  # the last replayed write is older

    with caplog.at_level(logging.WARNING, logger=ROUTER_LOGGER):
        first, second = client.get(url), client.get(url)

    assert "Vitamin D in winter" in first.text
    assert "Vitamin D in winter" in second.text
    warnings = [r.getMessage() for r in caplog.records if r.name == ROUTER_LOGGER]
    assert len(warnings) == 1
    assert "lags" in warnings[0]

    replay_paused.run_sql("SELECT pg_wal_replay_resume()")
    replay_paused.wait_until_caught_up()
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 5
    with caplog.at_level(logging.WARNING, logger=ROUTER_LOGGER):
        client.get(url)
    assert "healthy again" in caplog.records[-1].getMessage()


def test_an_unreachable_replica_is_replaced_by_the_primary_and_logged_once(
    replica_reads, client, caplog
):
    from django.db import connections

    from tests.cluster.processes import free_port

    thread = make_thread(title="Hip protectors")
    connections["replica"].close()
    connections["replica"].settings_dict["PORT"] = free_port()

    with caplog.at_level(logging.WARNING, logger=ROUTER_LOGGER):
        responses = [client.get(thread.get_absolute_url()) for _ in range(2)]

    assert all("Hip protectors" in response.text for response in responses)
    warnings = [r.getMessage() for r in caplog.records if r.name == ROUTER_LOGGER]
    assert len(warnings) == 1
    assert "does not answer" in warnings[0]


def test_account_pages_read_from_the_primary(replay_paused, client):
    member = ExperiencedMemberFactory()
    client.force_login(member)  # the session exists on the primary only

    profile = client.get(reverse("members:profile-edit"))

    assert profile.status_code == 200
    assert member.profile.display_name in profile.text
