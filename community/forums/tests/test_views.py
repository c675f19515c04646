import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.forums import errors, services
from community.forums.models import Post, Thread
from community.forums.tests.factories import ExperiencedMemberFactory, make_reply, make_thread
from portal.pages.selectors import trust_page_urls

pytestmark = pytest.mark.django_db


def test_group_list_and_group_page_show_counts_and_health_notice(client, thread):
    groups = client.get(reverse("forums:group-list"))
    page = client.get(thread.group.get_absolute_url())

    assert "1 thread · 1 post" in groups.text
    assert thread.title in page.text
    assert "not medical advice" in page.text
    assert "116 123" in page.text
    assert '<meta name="robots" content="noindex">' in page.text


def test_indexable_groups_are_not_noindex(client, thread):
    thread.group.indexable = True
    thread.group.save()

    assert "noindex" not in client.get(thread.get_absolute_url()).text


def test_pinned_threads_come_first_then_latest_activity(client, group, group_moderator):
    old = make_thread(group=group, title="Old but pinned")
    make_thread(group=group, title="Quiet thread")
    busy = make_thread(group=group, title="Busy thread")
    make_reply(thread=busy)
    services.thread_moderate(thread=old, moderator=group_moderator, action="pin")

    threads = list(client.get(group.get_absolute_url()).context["threads"])

    assert [t.title for t in threads] == ["Old but pinned", "Busy thread", "Quiet thread"]


def test_preview_renders_without_saving_and_keeps_the_text(client, thread, other_member):
    client.force_login(other_member)

    response = client.post(
        reverse("forums:reply", args=[thread.pk]), {"body": "**Bold** idea", "preview": "1"}
    )

    assert "<strong>Bold</strong> idea" in response.text
    assert "**Bold** idea" in response.text
    assert thread.posts.count() == 1


def test_quote_prefills_the_reply_with_the_quoted_post(client, thread, other_member):
    client.force_login(other_member)

    response = client.get(
        reverse("forums:reply", args=[thread.pk]), {"quote": thread.first_post_id}
    )

    body = response.context["form"].initial["body"]
    assert body.startswith(f"> **{thread.author.profile.display_name}** wrote:")
    assert "> I was diagnosed last spring." in body


def test_refused_post_shows_the_reason_and_keeps_the_text(client, thread, settings):
    settings.FORUM_NEW_MEMBER_MIN_POSTS = 5
    newcomer = ExperiencedMemberFactory()
    client.force_login(newcomer)

    response = client.post(
        reverse("forums:reply", args=[thread.pk]), {"body": "My long story... see www.x.org"}
    )

    assert response.status_code == 200
    assert errors.NEW_MEMBER_NO_LINKS in response.text
    assert "My long story... see www.x.org" in response.text


def test_honeypot_refuses_bots_and_keeps_the_text(client, thread, other_member):
    client.force_login(other_member)

    response = client.post(
        reverse("forums:reply", args=[thread.pk]), {"body": "Buy now", "website": "spam.example"}
    )

    assert errors.HONEYPOT_TRIGGERED in response.text
    assert "Buy now" in response.text
    assert thread.posts.count() == 1


def test_crisis_post_shows_its_author_support_resources(client, thread, other_member):
    client.force_login(other_member)

    response = client.post(
        reverse("forums:reply", args=[thread.pk]),
        {"body": "I feel like I can't go on any more."},
        follow=True,
    )

    assert "You don't have to face this alone" in response.text
    assert "116 123" in response.text
    post = Post.objects.get(body_markdown__startswith="I feel like")
    assert post.is_public and post.is_urgent


def test_permalink_to_a_post_on_page_7_opens_page_7(client, thread, settings):
    settings.FORUM_POSTS_PER_PAGE = 5
    replies = [make_reply(thread=thread, body=f"Reply {n}") for n in range(34)]
    target = replies[31]  # post number 33

    response = client.get(reverse("forums:post-permalink", args=[target.pk]))

    assert response["Location"] == f"{thread.get_absolute_url()}?page=7#post-33"
    page = client.get(response["Location"].split("#")[0])
    assert 'id="post-33"' in page.text


def test_deleted_posts_keep_their_place(client, thread, author, settings):
    settings.FORUM_POSTS_PER_PAGE = 3
    doomed = make_reply(thread=thread, author=author, body="Regrettable words")
    later = [make_reply(thread=thread, body=f"Later {n}") for n in range(3)]
    services.post_delete(post=doomed, user=author)

    response = client.get(reverse("forums:post-permalink", args=[later[-1].pk]))

    assert response["Location"].endswith("?page=2#post-5")
    first_page = client.get(thread.get_absolute_url()).text
    assert "This post has been removed." in first_page
    assert "Regrettable words" not in first_page


def test_jump_to_first_unread(client, thread, other_member, settings):
    settings.FORUM_POSTS_PER_PAGE = 2
    client.force_login(other_member)
    client.get(thread.get_absolute_url())
    for n in range(4):
        make_reply(thread=thread, body=f"New {n}")

    response = client.get(thread.get_absolute_url(), {"unread": "1"})

    assert response["Location"] == f"{thread.get_absolute_url()}?page=1#post-2"
    client.get(thread.get_absolute_url(), {"page": 3})
    assert client.get(thread.get_absolute_url(), {"unread": "1"})["Location"].endswith("#post-5")


def test_group_page_marks_unread_threads(client, thread, other_member):
    client.force_login(other_member)
    assert ">New</a>" in client.get(thread.group.get_absolute_url()).text

    client.get(thread.get_absolute_url())
    assert ">New</a>" not in client.get(thread.group.get_absolute_url()).text
    make_reply(thread=thread)
    assert "1 unread" in client.get(thread.group.get_absolute_url()).text


def test_new_posts_page_lists_unread_threads_across_groups(client, thread, other_member):
    client.force_login(other_member)

    assert thread.title in client.get(reverse("forums:new-posts")).text
    client.get(thread.get_absolute_url())
    assert thread.title not in client.get(reverse("forums:new-posts")).text


def test_edited_marker_and_history_for_moderators_only(
    client, thread, author, other_member, group_moderator
):
    services.post_edit(post=thread.first_post, editor=author, body="Changed my mind")
    history = reverse("forums:post-history", args=[thread.first_post_id])

    assert ">edited<" in client.get(thread.get_absolute_url()).text
    client.force_login(other_member)
    assert client.get(history).status_code == 404
    client.force_login(group_moderator)
    assert "I was diagnosed last spring" in client.get(history).text


def test_reaction_without_javascript_redirects_and_with_javascript_answers_json(
    client, thread, other_member
):
    client.force_login(other_member)
    url = reverse("forums:post-react", args=[thread.first_post_id])

    plain = client.post(url, {"kind": "helpful"})
    fetched = client.post(url, {"kind": "support"}, headers={"Accept": "application/json"})

    assert plain.status_code == 302
    assert fetched.json() == {"kind": "support", "active": True, "count": 1}


def test_answer_is_shown_under_the_first_post(client, thread, author):
    answer = make_reply(thread=thread, body="Ask for a referral to a pain clinic.")
    services.thread_mark_answer(thread=thread, post=answer, user=author)

    text = client.get(thread.get_absolute_url()).text

    first_post_end = text.index('id="post-2"')
    assert text.index("Marked answer") < first_post_end


def test_pending_posts_are_visible_only_to_author_and_moderators(client, group, group_moderator):
    group.requires_first_post_approval = True
    group.save()
    thread = make_thread(group=group)
    from community.members.tests.factories import MemberFactory

    newcomer = MemberFactory()
    services.post_create(thread=thread, author=newcomer, body="My first words here")

    assert "My first words here" not in client.get(thread.get_absolute_url()).text
    client.force_login(newcomer)
    assert "My first words here" in client.get(thread.get_absolute_url()).text
    client.force_login(group_moderator)
    assert "My first words here" in client.get(thread.get_absolute_url()).text


def render_queries(client, url) -> int:
    """Queries for one page view, with the site-wide footer links already cached, as they are
    for every reader but the first after a page is published."""
    trust_page_urls()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def warm_the_readers_own_cache(client) -> None:
    """A member's permissions and bell count are counted on their first page and read from
    the cache after that."""
    client.get(reverse("forums:group-list"))


@pytest.mark.parametrize("signed_in", [False, True])
def test_thread_page_query_count_is_the_same_for_10_and_100_posts(
    client, group, settings, signed_in, django_assert_max_num_queries
):
    settings.FORUM_POSTS_PER_PAGE = 100
    small, large = make_thread(group=group, title="Small"), make_thread(group=group, title="Large")
    repliers = [ExperiencedMemberFactory() for _ in range(5)]
    for n in range(9):
        make_reply(thread=small, author=repliers[n % 5], body=f"Small {n}")
    for n in range(99):
        post = make_reply(thread=large, author=repliers[n % 5], body=f"Large {n}")
        services.reaction_toggle(post=post, user=repliers[(n + 1) % 5], kind="helpful")
    if signed_in:
        client.force_login(repliers[0])
        warm_the_readers_own_cache(client)

    assert render_queries(client, small.get_absolute_url()) == render_queries(
        client, large.get_absolute_url()
    )
    with django_assert_max_num_queries(5):  # 20 before s6-member's cached reader state
        client.get(large.get_absolute_url())


def test_group_page_query_count_is_the_same_for_10_and_100_threads(
    client, settings, django_assert_max_num_queries
):
    from community.forums.tests.factories import SupportGroupFactory

    settings.FORUM_THREADS_PER_PAGE = 100
    small, large = SupportGroupFactory(), SupportGroupFactory()
    starters = [ExperiencedMemberFactory() for _ in range(5)]
    for n in range(10):
        make_thread(group=small, author=starters[n % 5], title=f"Small {n}")
    for n in range(100):
        make_thread(group=large, author=starters[n % 5], title=f"Large {n}")
    client.force_login(starters[0])
    warm_the_readers_own_cache(client)

    assert render_queries(client, small.get_absolute_url()) == render_queries(
        client, large.get_absolute_url()
    )
    with django_assert_max_num_queries(4):  # 15 before s6-member's cached reader state
        client.get(large.get_absolute_url())
    assert Thread.objects.filter(group=large).count() == 100


class TestArticleDiscussion:
    @pytest.fixture
    def article(self, settings):
        from articles.tests.factories import ArticlePageFactory, build_site
        from community.forums.tests.factories import SupportGroupFactory

        SupportGroupFactory(slug=settings.FORUM_ARTICLE_DISCUSSION_GROUP)
        _, index = build_site()
        return ArticlePageFactory(parent=index, title="Heat for back pain")

    def test_anonymous_readers_are_asked_to_sign_in(self, client, article):
        response = client.get(reverse("forums:article-discussion", args=[article.pk]))

        assert response["Location"].startswith(reverse("account_login"))

    def test_first_member_starts_the_discussion_and_the_thread_links_back(
        self, client, article, other_member
    ):
        client.force_login(other_member)
        url = reverse("forums:article-discussion", args=[article.pk])
        form = client.get(url)
        assert form.context["form"].initial["title"] == "Discussion: Heat for back pain"

        client.post(url, {"title": "Discussion: Heat for back pain", "body": "Heat helps me."})

        thread = Thread.objects.get(article=article)
        assert client.get(url)["Location"] == thread.get_absolute_url()
        thread_page = client.get(thread.get_absolute_url()).text
        assert f'href="{article.url}"' in thread_page
        make_reply(thread=thread, body="A warm bath too.")
        article_page = client.get(article.url).text
        assert "Discuss this article" in article_page
        assert "A warm bath too." in article_page
