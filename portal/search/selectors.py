"""One search across the portal, asking each app's selectors, so every result set applies
the same visibility rules as the pages themselves: members-only groups, hidden, pending or
deleted posts and unpublished pages never appear for someone who could not open them."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from articles import selectors as articles
from community.events import selectors as events
from community.forums import selectors as forums

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
        return {"discussions": forums.posts_matching(query=query, user=user, group=group)}
    return {
        "articles": articles.articles_matching(query=query),
        "discussions": forums.posts_matching(query=query, user=user),
        "events": events.events_matching(query=query, user=user),
    }


def attach_headlines(posts: list, *, query: str) -> list:
    return forums.attach_post_headlines(posts, query=query, markers=HIGHLIGHT_MARKERS)


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
