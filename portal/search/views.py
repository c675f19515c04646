from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from articles import selectors as articles_selectors
from articles.models import Topic
from community.forums import selectors as forums_selectors

from . import selectors

RESULTS_PER_PAGE = 10
PREVIEW_RESULTS = 5


def search(request):
    query = selectors.clean_query(request.GET.get("q", ""))
    selected = request.GET.get("type", "")
    selected = selected if selected in selectors.RESULT_TYPES else ""
    group_slug = request.GET.get("group", "")
    group = forums_selectors.group_for(user=request.user, slug=group_slug) if group_slug else None
    if group is not None:
        selected = "discussions"
    result_sets = selectors.result_sets(query=query, user=request.user, group=group)
    counts = {name: selectors.capped_count(results) for name, results in result_sets.items()}
    context = {
        "search_query": query,
        "selected_type": selected,
        "counts": counts,
        "total": sum(counts.values()),
        "count_cap": selectors.COUNT_CAP,
        "group": group,
        "type_query": {
            name: urlencode({"q": query, "type": name, **({"group": group.slug} if group else {})})
            for name in result_sets
        },
        "all_query": urlencode({"q": query}),
    }
    if selected:
        context["page_obj"] = Paginator(result_sets[selected], RESULTS_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["pagination_query"] = f"{context['type_query'][selected]}&"
    else:
        context["previews"] = {
            name: list(results[:PREVIEW_RESULTS]) for name, results in result_sets.items()
        }
    if query and context["total"] == 0:
        context["suggestion"] = selectors.did_you_mean(query=query)
        context["suggested_topics"] = articles_selectors.suggested_topics()
    return render(request, "search/search.html", context)


def topic_moved(request, slug: str):
    """Topic pages moved under the article index (/articles/topics/<slug>/); links to the old
    address keep working."""
    topic = get_object_or_404(Topic, slug=slug)
    index = articles_selectors.main_article_index()
    if index is None:
        raise Http404("No article index")
    return redirect(index.topic_url(topic), permanent=True)
