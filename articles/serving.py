"""Serving a Wagtail page in few queries: the whole URL resolved at once, the ancestors
loaded once (breadcrumbs, parent links and the view-restriction check share them), and
listings that leave out restricted pages inside their own query."""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import DatabaseError
from django.db.models import Exists, F, OuterRef
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from django.utils.functional import cached_property
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from portal.pagecache import PAGE_LINKS, generations


def without_view_restrictions(pages: PageQuerySet) -> PageQuerySet:
    """The pages no view restriction covers, on themselves or an ancestor: Wagtail's
    `public()` without its separate query for every restriction on the site."""
    covering = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return pages.exclude(Exists(covering))


SERVED_PAGE_CACHE_KEY = "pages:served:{version}:{path_hash}"
SERVED_SITE_CACHE_KEY = "pages:site:{version}:{host_hash}"
SERVED_PAGE_CACHE_SECONDS = 10 * 60


def request_cache_versions(request) -> dict[str, int]:
    """The versions keying a page's cached fragments, read once per request (see
    ServedPageMixin)."""
    if not hasattr(request, "_page_cache_versions"):
        found = generations(PAGE_LINKS, "pages", "forums")
        request._page_cache_versions = {
            "page_tree": found[PAGE_LINKS],
            "pages": found["pages"],
            "forums": found["forums"],
        }
    return request._page_cache_versions


def live_page_at_url_path(url_path: str, *, tree_version: int) -> Page | None:
    """The live page at this tree path, as its own model with its ancestors loaded, else None.
    Kept in the cache under the page tree's version, which publishing, unpublishing, moving or
    deleting a page, or changing a view restriction, a person, a topic or an image, retires
    (portal.pagecache.signals)."""
    version = tree_version
    path_hash = hashlib.sha256(url_path.encode()).hexdigest()
    key = SERVED_PAGE_CACHE_KEY.format(version=version, path_hash=path_hash)
    page = cache.get(key) if version else None
    if page is None:
        page = load_live_page_at_url_path(url_path)
        if page is not None and version:
            if isinstance(page, ServedPageMixin):
                page.ancestors_and_self  # noqa: B018 - loaded now, kept with the page
            cache.set(key, page, SERVED_PAGE_CACHE_SECONDS)
    return page


def load_live_page_at_url_path(url_path: str) -> Page | None:
    """The live page at this tree path, as its own model, loaded through the model's
    `serving_queryset()` when it has one (its joins and prefetches), else None."""
    found = (
        Page.objects.filter(url_path=url_path, live=True)
        .values_list("pk", "content_type_id")
        .first()
    )
    if found is None:
        return None
    page_id, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    queryset = model.serving_queryset() if hasattr(model, "serving_queryset") else model.objects
    return queryset.filter(pk=page_id).first()


class ServedPageMixin:
    """For page models: ancestors fetched once, with whether a view restriction applies, and
    the versions that key the page's cached fragments (`cache_versions.page_tree` changes when
    any page is published, unpublished, moved or deleted; `.pages` also when forum posts or
    events change; `.forums` when forum posts change)."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cache_versions"] = request_cache_versions(request)
        return context

    @cached_property
    def ancestors_and_self(self) -> list[Page]:
        restriction = PageViewRestriction.objects.filter(
            page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk"))
        )
        return list(
            Page.objects.ancestor_of(self, inclusive=True)
            .annotate(has_view_restriction=Exists(restriction))
            .order_by("path")
        )

    @property
    def breadcrumb_pages(self) -> list[Page]:
        """The ancestors a reader can visit, from the home page down to the parent."""
        return self.ancestors_and_self[1:-1]

    @property
    def parent_page(self) -> Page | None:
        ancestors = self.ancestors_and_self
        return ancestors[-2] if len(ancestors) > 1 else None

    def get_view_restrictions(self):
        if any(page.has_view_restriction for page in self.ancestors_and_self):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()


class ServedSiteMiddleware:
    """For the requests Wagtail serves, the site with its root page (as its own model, with
    its ancestors) from the cache under the page tree's version instead of two queries;
    publishing a page or changing a site retires it (portal.pagecache.signals)."""

    def __init__(self, get_response):
        from wagtail.views import serve  # needs the models loaded

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not self.wagtail_serve or hasattr(request, "_wagtail_site"):
            return None
        version = request_cache_versions(request)["page_tree"]
        if not version:
            return None
        host = f"{request._get_raw_host()}|{request.get_port()}"
        key = SERVED_SITE_CACHE_KEY.format(
            version=version, host_hash=hashlib.sha256(host.encode()).hexdigest()
        )
        site = cache.get(key)
        if site is None:
            try:
                site = Site.find_for_request(request)
                if site is None:
                    return None
                root_page = site.root_page.localized.specific
                if isinstance(root_page, ServedPageMixin):
                    root_page.ancestors_and_self  # noqa: B018 - loaded now, kept with the site
            except DatabaseError:
                # Left to the view, whose failure DatabaseUnavailableMiddleware turns into the
                # friendly 503 (exceptions in process_view never reach process_exception).
                return None
            site.root_page = root_page
            cache.set(key, site, SERVED_PAGE_CACHE_SECONDS)
        request._wagtail_site = site
        return None
