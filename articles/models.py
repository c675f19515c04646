from datetime import date
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import strip_tags
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from .blocks import ArticleStreamBlock
from .panels import PlainLanguagePanel
from .serving import (
    ServedPageMixin,
    live_page_at_url_path,
    request_cache_versions,
    without_view_restrictions,
)

WORDS_READ_PER_MINUTE = 200
# Raw body values that readers never read as text: choices, image ids, table layout flags.
NON_TEXT_BLOCK_KEYS = frozenset(
    {
        "kind",
        "image",
        "alt_text",
        "first_row_is_table_header",
        "first_col_is_header",
        "table_header_choice",
        "cell",
        "mergeCells",
    }
)
ARTICLES_PER_PAGE = 12
RELATED_ARTICLES_SHOWN = 3
# The rendered body is cached per published revision (a new revision gets a new key); the
# rest of an article (header, hero, related articles, head tags) also per page-tree version.
ARTICLE_BODY_CACHE_SECONDS = 24 * 60 * 60
# The discussion box and the home page's listings change with forum posts and events; they
# are kept no longer than the anonymous page cache keeps the forums and the events.
DISCUSSION_CACHE_SECONDS = 60
HOME_LISTINGS_CACHE_SECONDS = 300
ARTICLE_INDEX_CACHE_SECONDS = 10 * 60
HERO_ALT_REQUIRED = "Describe the hero image for readers who cannot see it."


class Topic(index.Indexed, models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="Qualifications, e.g. MBBS, FRCP."
    )
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Consultant rheumatologist")
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


def body_text(raw_value) -> list[str]:
    """The words readers see in a body's raw stream data, without rendering any block."""
    if isinstance(raw_value, str):
        return strip_tags(raw_value).split()
    if isinstance(raw_value, dict):
        if "type" in raw_value and "value" in raw_value:
            return body_text(raw_value["value"])
        return [
            word
            for key, value in raw_value.items()
            if key not in NON_TEXT_BLOCK_KEYS
            for word in body_text(value)
        ]
    if isinstance(raw_value, list):
        return [word for value in raw_value for word in body_text(value)]
    return []


def fragment_seconds(request, seconds: int) -> int:
    """How long a page's fragments are kept: not at all in a preview (a draft is never stored,
    and its keys, which name the preview, never meet a live page's)."""
    return 0 if getattr(request, "is_preview", False) else seconds


class HomePage(ServedPageMixin, Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["articles.ArticleIndexPage", "pages.StandingPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        """A page below the home page is found by its whole path in one query; sub-URLs of
        routable pages, and anything not found so, go through Wagtail's walk down the tree."""
        if path_components:
            page = live_page_at_url_path(
                f"{self.url_path}{'/'.join(path_components)}/",
                tree_version=request_cache_versions(request)["page_tree"],
            )
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = (
            without_view_restrictions(ArticlePage.objects.live())
            .filter(medical_reviewer__isnull=False, last_reviewed__isnull=False)
            .select_related("hero_image", "medical_reviewer")
            .order_by("-last_reviewed", "-first_published_at")[:6]
        )
        context["topics"] = Topic.objects.all()
        context["article_index"] = SimpleLazyObject(
            lambda: ArticleIndexPage.objects.live().order_by("path").first()
        )
        context["fragment_seconds"] = fragment_seconds(request, HOME_LISTINGS_CACHE_SECONDS)
        return context


class ArticleIndexPage(ServedPageMixin, RoutablePageMixin, Page):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]
    parent_page_types = ["articles.HomePage"]

    def articles(self):
        return (
            without_view_restrictions(ArticlePage.objects.live())
            .descendant_of(self)
            .select_related("hero_image", "author", "medical_reviewer")
            .order_by("-first_published_at")
        )

    def filtered_articles(self, *, topic_slug: str = "", tag: str = ""):
        articles = self.articles()
        if topic_slug:
            articles = articles.filter(topics__slug=topic_slug)
        if tag:
            articles = articles.filter(tags__slug=tag)
        return articles.distinct()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        topic_slug = request.GET.get("topic", "")
        tag = request.GET.get("tag", "")
        page_number = request.GET.get("page")
        paginator = Paginator(
            self.filtered_articles(topic_slug=topic_slug, tag=tag), ARTICLES_PER_PAGE
        )
        # Read only when the listing is not in the cache.
        context["articles"] = SimpleLazyObject(lambda: paginator.get_page(page_number))
        context["topics"] = Topic.objects.all()
        context["selected_topic"] = SimpleLazyObject(
            lambda: Topic.objects.filter(slug=topic_slug).first() if topic_slug else None
        )
        context["listing_filters"] = (topic_slug, tag, page_number or "")
        context["fragment_seconds"] = fragment_seconds(request, ARTICLE_INDEX_CACHE_SECONDS)
        context["selected_tag"] = tag
        active_filters = {
            key: value for key, value in (("topic", topic_slug), ("tag", tag)) if value
        }
        context["filter_query"] = f"{urlencode(active_filters)}&" if active_filters else ""
        return context

    def topic_url(self, topic: Topic) -> str:
        return self.url + self.reverse_subpage("topic", args=[topic.slug])

    @path("topics/<slug:slug>/", name="topic")
    def topic(self, request, slug: str):
        """A topic's articles; the project's discovery tags add its discussions and events."""
        topic = get_object_or_404(Topic, slug=slug)
        context = {
            "article_index": self,
            "topic": topic,
            "articles": self.articles().filter(topics=topic),
        }
        return TemplateResponse(request, "articles/topic_page.html", context)


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "articles.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(ServedPageMixin, Page):
    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown in listings and search results."
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Required with a hero image: what the image shows.",
    )
    body = StreamField(ArticleStreamBlock())
    topics = ParentalManyToManyField("articles.Topic", blank=True, related_name="articles")
    tags = ClusterTaggableManager(through=ArticleTag, blank=True)
    author = models.ForeignKey(
        "articles.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    medical_reviewer = models.ForeignKey(
        "articles.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reviewed = models.DateField(null=True, blank=True)
    next_review_due = models.DateField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], "Hero image"),
        FieldPanel("body"),
        InlinePanel("references", label="References"),
        PlainLanguagePanel(heading="Plain-language check"),
    ]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel([FieldPanel("topics"), FieldPanel("tags")], "Topics and tags"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("medical_reviewer"),
                FieldPanel("last_reviewed", read_only=True),
                FieldPanel("next_review_due"),
            ],
            "Authorship and medical review",
        ),
        *Page.settings_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.RelatedFields("topics", [index.SearchField("name", boost=2)]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []

    @classmethod
    def serving_queryset(cls):
        return cls.objects.select_related(
            "author", "medical_reviewer", "hero_image"
        ).prefetch_related("topics")

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt.strip():
            raise ValidationError({"hero_image_alt": HERO_ALT_REQUIRED})

    @cached_property
    def heading_anchors(self) -> list[str | None]:
        """For each body block, the anchor its heading gets (None for other blocks), read from
        the raw stream data so neither the blocks nor their images are loaded. Anchors are
        unique within the page so the table of contents always points at the right section."""
        seen: set[str] = set()
        anchors: list[str | None] = []
        for block in self.body.raw_data:
            anchor = None
            if block["type"] == "heading":
                base = slugify(block["value"]) or "section"
                anchor, suffix = base, 2
                while anchor in seen:
                    anchor, suffix = f"{base}-{suffix}", suffix + 1
                seen.add(anchor)
            anchors.append(anchor)
        return anchors

    @property
    def body_with_anchors(self) -> list[tuple]:
        return list(zip(self.body, self.heading_anchors, strict=True))

    @property
    def table_of_contents(self) -> list[dict]:
        return [
            {"title": block["value"], "anchor": anchor}
            for block, anchor in zip(self.body.raw_data, self.heading_anchors, strict=True)
            if anchor is not None
        ]

    @cached_property
    def reading_time_minutes(self) -> int:
        words = len(body_text(list(self.body.raw_data))) + len(self.summary.split())
        return max(1, round(words / WORDS_READ_PER_MINUTE))

    @property
    def is_medically_reviewed(self) -> bool:
        """Readers are told an article was medically reviewed only when it names its reviewer
        and the date of the review."""
        return self.medical_reviewer_id is not None and self.last_reviewed is not None

    @property
    def review_is_overdue(self) -> bool:
        return self.next_review_due is not None and self.next_review_due < date.today()

    def related_articles(self, *, limit: int = RELATED_ARTICLES_SHOWN):
        """Live articles sharing the most topics and tags with this one, newest first on ties,
        in one query (this article's tags are read inside it)."""
        topic_ids = [topic.pk for topic in self.topics.all()]
        tag_ids = ArticleTag.objects.filter(content_object_id=self.pk).values("tag_id")
        return (
            without_view_restrictions(ArticlePage.objects.live())
            .exclude(pk=self.pk)
            .annotate(
                shared_topics=models.Count(
                    "topics", filter=models.Q(topics__in=topic_ids), distinct=True
                ),
                shared_tags=models.Count(
                    "tagged_items", filter=models.Q(tagged_items__tag_id__in=tag_ids), distinct=True
                ),
            )
            .annotate(relatedness=models.F("shared_topics") + models.F("shared_tags"))
            .filter(relatedness__gt=0)
            .select_related("hero_image")
            .order_by("-relatedness", "-first_published_at")[:limit]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["article_topics"] = list(self.topics.all())
        context["related_articles"] = self.related_articles  # built only on a cache miss
        # Read only when the body fragment is not in the cache.
        context["article_tags"] = self.tags.all
        context["references"] = self.references.all
        context["body_cache_seconds"] = ARTICLE_BODY_CACHE_SECONDS
        context["fragment_seconds"] = fragment_seconds(request, ARTICLE_BODY_CACHE_SECONDS)
        context["discussion_cache_seconds"] = DISCUSSION_CACHE_SECONDS
        return context


class ArticleReference(Orderable):
    page = ParentalKey("articles.ArticlePage", related_name="references", on_delete=models.CASCADE)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    url = models.URLField("URL", blank=True)

    panels = [FieldPanel("title"), FieldPanel("publisher"), FieldPanel("year"), FieldPanel("url")]

    def __str__(self) -> str:
        return self.title


class ReviewReminder(models.Model):
    """A reminder sent to the medical reviewers that an article's review falls due on
    `due_on`; one per article and due date, so each review period is announced once."""

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="review_reminders"
    )
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["article", "due_on"], name="one_review_reminder_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.article} due {self.due_on}"


class ArticleFeedback(models.Model):
    """One answer to "Was this helpful?". Nothing about who answered is kept: no account, no
    address, and only the day, so an answer cannot be matched to a visit in server logs."""

    COMMENT_MAX_LENGTH = 500

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(max_length=COMMENT_MAX_LENGTH, blank=True)
    created_on = models.DateField(auto_now_add=True)

    class Meta:
        verbose_name = "article feedback"
        verbose_name_plural = "article feedback"
        indexes = [models.Index(fields=["article", "helpful"], name="feedback_article_helpful")]

    def __str__(self) -> str:
        return f"{'Helpful' if self.helpful else 'Not helpful'}: article {self.article_id}"
