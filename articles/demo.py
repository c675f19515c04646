"""Demo content for a newcomer's portal: pages, topics, people and generated images. Every
function is idempotent: it finds what an earlier run made before it makes anything."""

import io
import random
from datetime import timedelta

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from . import demo_content
from .importing import decode_article, parse_article
from .models import ArticleIndexPage, ArticlePage, ArticleReference, HomePage, Person, Topic
from .services import (
    article_approve_review,
    article_import,
    article_index_require_review,
    article_submit_for_review,
)

HOME_TITLE = "Bone & Spine Health"
HOME_INTRO = (
    "Clear, medically reviewed information about osteoporosis, bone density and back pain, "
    "and a community of people who understand."
)
INDEX_INTRO = "<p>Every article is written for readers and checked by a medical reviewer.</p>"
DEMO_ACCOUNTS_REFUSED = (
    "Demo accounts are switched off by the DEMO_ACCOUNTS_ENABLED setting (it is off in production)."
)


def generated_image(*, title: str, colour: str, seed: int, size=(1200, 675)):
    """A Wagtail image drawn locally: soft overlapping circles on the given colour."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    canvas = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(canvas, "RGBA")
    for _ in range(9):
        radius = rng.randint(size[1] // 8, size[1] // 2)
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        shade = rng.randint(200, 255)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(shade, shade, rng.randint(180, 240), rng.randint(40, 90)),
        )
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    filename = f"demo-{seed}.png"
    return image_model.objects.create(
        title=title, file=ImageFile(buffer, name=filename), description=title
    )


def ensure_home_and_index() -> tuple[HomePage, ArticleIndexPage]:
    home = HomePage.objects.first()
    site = Site.objects.filter(is_default_site=True).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="portal", intro=HOME_INTRO))
        home.save_revision().publish()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    if site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.save()
        if previous_root.specific_class is Page and not previous_root.get_children().exists():
            previous_root.delete()
    index = ArticleIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ArticleIndexPage(title="Articles", slug="articles", intro=INDEX_INTRO)
        )
        index.save_revision().publish()
    article_index_require_review(index=index)
    return home, index


def ensure_topics() -> dict[str, Topic]:
    topics = {}
    for data in demo_content.TOPICS:
        topics[data["slug"]], _ = Topic.objects.get_or_create(
            slug=data["slug"], defaults={"name": data["name"], "description": data["description"]}
        )
    return topics


def ensure_people() -> dict[str, Person]:
    people = {}
    for position, data in enumerate(demo_content.PEOPLE):
        person = Person.objects.filter(name=data["name"]).first()
        if person is None:
            person = Person.objects.create(
                name=data["name"],
                credentials=data["credentials"],
                role=data["role"],
                bio=data["bio"],
                photo=generated_image(
                    title=f"Portrait placeholder: {data['name']}",
                    colour="#5b7083",
                    seed=1000 + position,
                    size=(400, 400),
                ),
            )
        people[data["key"]] = person
    return people


def ensure_article(*, index, data, position, topics, people) -> tuple[ArticlePage, bool]:
    existing = ArticlePage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    reviewed = timezone.localdate() - timedelta(days=data["reviewed_days_ago"])
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        hero_image=generated_image(
            title=f"Hero: {data['title']}", colour=data["hero_colour"], seed=position
        ),
        hero_image_alt=data["hero_alt"],
        body=list(data["body"]),
        author=people[data["author"]],
        medical_reviewer=people[data["reviewer"]],
        last_reviewed=reviewed,
        next_review_due=reviewed + settings.ARTICLE_REVIEW_PERIOD,
    )
    article.topics = [topics[slug] for slug in data["topics"]]
    article.tags.add(*data["tags"])
    article.references = [
        ArticleReference(sort_order=order, **reference)
        for order, reference in enumerate(data["references"])
    ]
    index.add_child(instance=article)
    article.save_revision().publish()
    return article, True


@transaction.atomic
def load_articles() -> dict[str, int]:
    home, index = ensure_home_and_index()
    topics = ensure_topics()
    people = ensure_people()
    created = 0
    for position, data in enumerate(demo_content.ARTICLES):
        _, was_created = ensure_article(
            index=index, data=data, position=position, topics=topics, people=people
        )
        created += was_created
    return {"articles_created": created, "articles": ArticlePage.objects.count()}


@transaction.atomic
def load_seed_article(*, raw: bytes, editor=None, reviewer=None) -> ArticlePage:
    """Import an article file as the demo editor's draft, fill in its author, reviewer, topics
    and references, submit it to Medical review and have the demo reviewer approve it: the
    journey a real article takes. Without demo accounts it stays a draft."""
    _, index = ensure_home_and_index()
    parsed = parse_article(decode_article(raw))
    existing = ArticlePage.objects.child_of(index).filter(slug=slugify(parsed.title)[:255]).first()
    if existing is not None and existing.live:
        return existing
    topics, people = ensure_topics(), ensure_people()
    seed = demo_content.SEED_ARTICLE
    page, _ = article_import(parent=index, article=parsed, publish=False, user=editor)
    draft = page.get_latest_revision_as_object()
    draft.author = people[seed["author"]]
    draft.medical_reviewer = people[seed["reviewer"]]
    draft.topics = [topics[slug] for slug in seed["topics"]]
    draft.references = [
        ArticleReference(sort_order=order, **reference)
        for order, reference in enumerate(seed["references"])
    ]
    draft.save_revision(user=editor, log_action=True)
    if editor is not None and reviewer is not None:
        article_submit_for_review(article=page, user=editor)
        article_approve_review(article=page, reviewer=reviewer)
    page.refresh_from_db()
    return page
