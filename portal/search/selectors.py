"""One search across the portal, asking each app's selectors, so every result set applies
the same visibility rules as the pages themselves: members-only groups, hidden, pending or
deleted posts and unpublished pages never appear for someone who could not open them."""

import hashlib
import re
import time
from functools import cache as once_per_process

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import F, FloatField, Func, Max
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import selectors as articles
from community.events import selectors as events
from community.forums.models import Post, SupportGroup, Thread

MAX_QUERY_LENGTH = 200
COUNT_CAP = 1000
SUGGESTION_MIN_SIMILARITY = 0.45
HIGHLIGHT_MARKERS = ("\x02", "\x03")
RESULT_TYPES = ("articles", "discussions", "events")


def clean_query(raw: str) -> str:
    """Readers may type anything; the search gets printable text of a sane length."""
    printable = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def highlight(headline: str) -> str:
    """Member text is escaped; only our own highlight markers become <mark>."""
    start, stop = HIGHLIGHT_MARKERS
    escaped = escape(headline)
    return mark_safe(  # noqa: S308 - escaped above; only our sentinels become tags
        escaped.replace(start, "<mark>").replace(stop, "</mark>")
    )


WORD_ENDINGS = re.compile(r"(?:ies|es|s|ing|ed)$")


def highlight_query_words(text: str, query: str) -> str:
    """The text escaped, with each word that starts like a word of the query marked (so
    "fracture" marks "fractures" too): the search engine stems words the same way."""
    stems = {
        WORD_ENDINGS.sub("", word) if len(word) > 4 else word
        for word in re.findall(r"\w+", query.lower())
        if len(word) > 2
    }
    if not stems:
        return escape(text)
    alternatives = "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)
    start, stop = HIGHLIGHT_MARKERS
    return highlight(pattern.sub(lambda match: f"{start}{match.group(0)}{stop}", text))


def result_sets(*, query: str, user, group=None) -> dict:
    """Every kind of result; only the group's discussions when searching within a group."""
    if group is not None:
        return {"discussions": posts_matching(query=query, user=user, group=group)}
    return {
        "articles": articles.articles_matching(query=query),
        "discussions": posts_matching(query=query, user=user),
        "events": events.events_matching(query=query, user=user),
    }


def capped_count(results) -> int:
    """How many results, counting no further than COUNT_CAP + 1 ("1000+")."""
    if hasattr(results, "values"):
        return len(results.values("pk")[: COUNT_CAP + 1])
    return results.count()


def did_you_mean(*, query: str) -> str | None:
    """Each word of the query that is not in the article titles or topics is replaced by its
    closest one by trigram similarity; None when nothing changes."""
    if not query:
        return None
    corrected, changed = [], False
    for word in (word.lower() for word in query.split()[:8]):
        closest = articles.closest_title_word(word) if len(word) >= 4 and word.isalpha() else None
        if closest and closest[0] != word and closest[1] >= SUGGESTION_MIN_SIMILARITY:
            corrected.append(closest[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None


# Discussions are ranked among all their matches in two steps. First the RANKED_CANDIDATES best
# by relevance alone are found on the post table, with no join and no visibility rule: through
# the RUM index where migration forums 0017 could create it (`search_vector <=> query` is
# computed inside the index, no post row is read), otherwise by ts_rank over every match (the
# embedded PostgreSQL of `make run` has no RUM). Then those the reader may see are ordered by
# relevance x recency, and only the page shown is fetched, with its joins.
RANKED_CANDIDATES = 2000
RUM_INDEX = "post_search_vector_rum"
# The first step costs time in proportion to the matches (a common word is in half the posts),
# so its result is cached per query and kind of reader with the newest post id it saw. Posts
# written since are ranked and checked on every search and merged in, so a new post is found
# at once; the page shown is checked again, so a post hidden or deleted since never shows. An
# edit moves a post, and a post hidden since leaves the count, within this time at the latest.
CANDIDATES_CACHE_SECONDS = 300
RANKING_LOCK_SECONDS = 10
# A post written today counts 1 + RECENCY_BOOST times its relevance, the boost halving every
# RECENCY_HALF_LIFE_DAYS: of two about equally relevant posts the newer comes first, while
# clearly better older advice keeps its place.
RECENCY_BOOST = 0.25
RECENCY_HALF_LIFE_DAYS = 90
SECONDS_PER_DAY = 86_400


@once_per_process
def rum_index_ready() -> bool:
    """Whether the RUM index on the posts' search vectors exists and is valid."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", [RUM_INDEX]
        )
        row = cursor.fetchone()
    return bool(row and row[0])


class RumDistance(Func):
    """`search_vector <=> query`, RUM's distance (smaller is closer; weights count)."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


def web_query(query: str) -> SearchQuery:
    return SearchQuery(query, search_type="websearch", config="english")


def _scored(matches, search_query, *, rum: bool, best_only: bool) -> list[tuple[int, float]]:
    """(post id, relevance x recency) of the matches, best first: of the RANKED_CANDIDATES most
    relevant when `best_only`, else of all (the few posts newer than a cached result)."""
    if rum:
        relevance = RumDistance(F("search_vector"), search_query)
        order = ["relevance"]
    else:
        relevance = SearchRank(F("search_vector"), search_query)
        order = ["-relevance", "-created_at"]
    matches = matches.annotate(relevance=relevance).order_by()
    if best_only:
        matches = matches.order_by(*order)[:RANKED_CANDIDATES]
    now = time.time()
    scored = []
    for pk, value, created_at in matches.values_list("pk", "relevance", "created_at"):
        relevance = 1 / max(value, 1e-9) if rum else value
        age_days = max(now - created_at.timestamp(), 0) / SECONDS_PER_DAY
        boost = 1 + RECENCY_BOOST * 0.5 ** (age_days / RECENCY_HALF_LIFE_DAYS)
        scored.append((pk, relevance * boost))
    return sorted(scored, key=lambda post: (-post[1], -post[0]))


def _readable(post_ids: list[int], *, user) -> set[int]:
    if not post_ids:
        return set()
    return set(
        Post.objects.visible_to(user)
        .publicly_listed()
        .filter(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [post_ids]))
        .order_by()
        .values_list("pk", flat=True)
    )


def _rank_and_cache(key: str, matches, search_query, *, rum: bool, user) -> tuple:
    newest_seen = Post.objects.aggregate(newest=Max("pk"))["newest"] or 0
    best = _scored(matches, search_query, rum=rum, best_only=True)
    readable = _readable([pk for pk, _ in best], user=user)
    entry = (time.time(), newest_seen, [post for post in best if post[0] in readable])
    cache.set(key, entry, CANDIDATES_CACHE_SECONDS * 4)
    return entry


def _wait_for(key: str) -> tuple | None:
    """What the process holding the ranking lock caches; at once None when no lock is held
    (also when the cache is unreachable and `add` failed for that reason)."""
    deadline = time.monotonic() + RANKING_LOCK_SECONDS
    while time.monotonic() < deadline and cache.has_key(f"{key}:ranking"):
        time.sleep(0.05)
    return cache.get(key)


def ranking_cache_key(*, query: str, user, group: SupportGroup | None, rum: bool) -> str:
    reader = "member" if user.is_authenticated else "anonymous"
    words = " ".join(query.lower().split())
    scope = f"{rum}:{reader}:{group.pk if group else ''}:{words}"
    return "search:posts:" + hashlib.sha256(scope.encode()).hexdigest()


def _best_readable(*, query: str, user, group: SupportGroup | None) -> list[int]:
    search_query = web_query(query)
    matches = Post.objects.filter(
        search_vector=search_query, status=Post.Status.VISIBLE, is_deleted=False
    )
    if group is not None:
        matches = matches.filter(thread__group=group)
    rum = rum_index_ready()
    key = ranking_cache_key(query=query, user=user, group=group, rum=rum)
    cached = cache.get(key)
    if cached is None or time.time() - cached[0] > CANDIDATES_CACHE_SECONDS:
        # One process ranks the matches again while the others keep using what is cached (or,
        # the first time, wait for it): a common word costs one ranking, not one per request.
        if cache.add(f"{key}:ranking", 1, RANKING_LOCK_SECONDS):
            try:
                cached = _rank_and_cache(key, matches, search_query, rum=rum, user=user)
            finally:
                cache.delete(f"{key}:ranking")
        elif cached is None:
            cached = _wait_for(key) or _rank_and_cache(
                key, matches, search_query, rum=rum, user=user
            )
    _, newest_seen, best = cached
    newer = matches.filter(pk__gt=newest_seen, thread__in=Thread.objects.visible_to(user))
    newer = _scored(newer, search_query, rum=rum, best_only=False)
    if newer:
        best = sorted(newer + best, key=lambda post: (-post[1], -post[0]))
    return [pk for pk, _ in best]


class RankedPosts:
    """The posts found, best first, as a sequence a Paginator can slice: its length is known
    from the ids, and a slice fetches only its own posts (those the reader may still see),
    with thread, group, author and a snippet (`.headline`) of the matched words between
    HIGHLIGHT_MARKERS."""

    def __init__(self, post_ids: list[int], *, query: str, user):
        self.post_ids = post_ids
        self.query = query
        self.user = user

    def __len__(self) -> int:
        return len(self.post_ids)

    def count(self) -> int:
        return len(self.post_ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        post_ids = self.post_ids[index]
        if not post_ids:
            return []
        start, stop = HIGHLIGHT_MARKERS
        posts = (
            Post.objects.visible_to(self.user)
            .publicly_listed()
            .filter(pk__in=post_ids)
            .select_related("thread__group", "author__profile")
            .annotate(
                headline=SearchHeadline(
                    "body_markdown",
                    web_query(self.query),
                    config="english",
                    start_sel=start,
                    stop_sel=stop,
                    max_words=35,
                    min_words=15,
                )
            )
        )
        by_id = {post.pk: post for post in posts}
        return [by_id[pk] for pk in post_ids if pk in by_id]


def posts_matching(*, query: str, user, group: SupportGroup | None = None) -> RankedPosts:
    """Posts the user may read in full that match the query, from one group when `group` is
    given, by relevance x recency among all matches; a thread whose title matches ranks its
    opening post above posts that only mention the words."""
    if not query:
        return RankedPosts([], query=query, user=user)
    return RankedPosts(_best_readable(query=query, user=user, group=group), query=query, user=user)
