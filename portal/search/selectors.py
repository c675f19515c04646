from articles.models import ArticlePage

MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    """Readers may type anything; the search backend gets printable text of a sane length."""
    printable = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_articles(*, query: str):
    if not query:
        return ArticlePage.objects.none()
    return ArticlePage.objects.live().public().select_related("hero_image").search(query)
