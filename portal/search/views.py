from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render

from .selectors import clean_query, search_articles

RESULTS_PER_PAGE = 10


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Paginator(search_articles(query=query), RESULTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": results,
            "pagination_query": f"{urlencode({'q': query})}&",
        },
    )
