"""One search across the portal. Every result set applies the same visibility rules as the
pages themselves: members-only groups, hidden, pending or deleted posts and unpublished pages
never appear for someone who could not open them."""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles.models import ArticlePage, Topic
from community.events.models import Event
from community.forums.models import Post, Thread

MAX_QUERY_LENGTH = 200
# Search runs in two phases. First every matching post is ranked on its stored, weighted
# search vector alone (no join, no visibility rule) and only the RANKED_CANDIDATES best are
# kept (PostgreSQL's top-N sort keeps memory bounded); then those are joined, filtered by
# what the reader may see and ordered by the same rank, newest first on ties.
RANKED_CANDIDATES = 2000
COUNT_CAP = 1000
SUGGESTION_MIN_SIMILARITY = 0.45
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"
RESULT_TYPES = ("articles", "discussions", "events")


def clean_query(raw: str) -> str:
    """Readers may type anything; the search gets printable text of a sane length."""
    printable = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def highlight(headline: str) -> str:
    """Member text is escaped; only our own highlight markers become <mark>."""
    escaped = escape(headline)
    return mark_safe(  # noqa: S308 - escaped above; only our sentinels become tags
        escaped.replace(HIGHLIGHT_START, "<mark>").replace(HIGHLIGHT_STOP, "</mark>")
    )


def search_articles(*, query: str):
    if not query:
        return ArticlePage.objects.none()
    return ArticlePage.objects.live().public().select_related("hero_image").search(query)


def _web_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config="english")


def search_posts(*, query: str, user):
    """Visible posts matching the query, best first; a thread whose title matches ranks its
    opening post above posts that only mention the words."""
    posts = Post.objects.filter(
        thread__in=Thread.objects.visible_to(user),
        status=Post.Status.VISIBLE,
        is_deleted=False,
    ).select_related("thread__group", "author__profile")
    if not query:
        return posts.none()
    search_query = _web_query(query)
    rank = SearchRank(F("search_vector"), search_query)
    best_matches = (
        Post.objects.filter(
            search_vector=search_query, status=Post.Status.VISIBLE, is_deleted=False
        )
        .annotate(rank=rank)
        .order_by("-rank", "-created_at")
        .values("pk")[:RANKED_CANDIDATES]
    )
    return posts.filter(pk__in=best_matches).annotate(rank=rank).order_by("-rank", "-created_at")


def attach_headlines(posts: list, *, query: str) -> list:
    """Highlighted snippets for the posts being shown only (ts_headline is costly), in one
    query; each post gets .headline."""
    if not posts:
        return posts
    headlines = dict(
        Post.objects.filter(pk__in=[post.pk for post in posts])
        .annotate(
            headline=SearchHeadline(
                "body_markdown",
                _web_query(query),
                config="english",
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                max_words=35,
                min_words=15,
            )
        )
        .values_list("pk", "headline")
    )
    for post in posts:
        post.headline = headlines.get(post.pk, "")
    return posts


def capped_count(results) -> int:
    """How many results, counting no further than COUNT_CAP + 1 ("1000+")."""
    if hasattr(results, "values"):
        return len(results.values("pk")[: COUNT_CAP + 1])
    return results.count()


def search_events(*, query: str, user):
    if not query:
        return Event.objects.none()
    words = query.split()[:8]
    matches = Q()
    for word in words:
        matches &= Q(title__icontains=word) | Q(description__icontains=word)
    return (
        Event.objects.visible_to(user)
        .upcoming()
        .filter(matches)
        .select_related("group")
        .order_by("starts_at")
    )


def _vocabulary_sql() -> str:
    return """
        SELECT word FROM (
            SELECT DISTINCT lower(w) AS word
            FROM (
                SELECT regexp_split_to_table(p.title, '[^[:alnum:]]+') AS w
                FROM wagtailcore_page p
                JOIN articles_articlepage a ON a.page_ptr_id = p.id
                WHERE p.live
                UNION ALL
                SELECT regexp_split_to_table(t.name, '[^[:alnum:]]+') FROM articles_topic t
            ) words
            WHERE length(w) > 2
        ) vocabulary
    """


def did_you_mean(*, query: str) -> str | None:
    """Each word of the query that is not in the article titles or topics is replaced by its
    closest one by trigram similarity (pg_trgm); None when nothing changes."""
    if not query:
        return None
    words = [word.lower() for word in query.split()[:8]]
    corrected, changed = [], False
    with connection.cursor() as cursor:
        for word in words:
            if len(word) < 4 or not word.isalpha():
                corrected.append(word)
                continue
            cursor.execute(
                f"SELECT word, similarity(word, %s) AS score FROM ({_vocabulary_sql()}) v "  # noqa: S608
                "ORDER BY score DESC, word LIMIT 1",
                [word],
            )
            row = cursor.fetchone()
            if row and row[0] != word and row[1] >= SUGGESTION_MIN_SIMILARITY:
                corrected.append(row[0])
                changed = True
            else:
                corrected.append(word)
    return " ".join(corrected) if changed else None


def suggested_topics(limit: int = 8):
    return Topic.objects.all()[:limit]


def topic_articles(*, topic: Topic):
    return (
        ArticlePage.objects.live()
        .public()
        .filter(topics=topic)
        .select_related("hero_image")
        .order_by("-first_published_at")
    )


def topic_discussions(*, topic: Topic, user):
    """Threads discussing the topic's articles, then threads whose opening post matches the
    topic's name, most recently active first."""
    threads = Thread.objects.visible_to(user).select_related("group", "author__profile")
    about_articles = Q(article__topics=topic)
    mentions = Q(first_post__search_vector=_web_query(topic.name))
    return threads.filter(about_articles | mentions).distinct().order_by("-last_post_at")
