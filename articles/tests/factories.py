import io

import factory
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from articles.models import ArticleIndexPage, ArticlePage, HomePage, Person, Topic
from articles.services import article_index_require_review


def png_bytes(size=(64, 48), colour="#336699") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.LazyFunction(lambda: ImageFile(io.BytesIO(png_bytes()), name="test.png"))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Faker("name")
    credentials = "MBBS, MRCP"
    role = "Consultant rheumatologist"


class PageFactory(factory.Factory):
    """Wagtail pages are created as children of `parent`, published unless live=False."""

    class Meta:
        abstract = True

    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        live = kwargs.pop("live", True)
        topics = kwargs.pop("topics", None)
        tags = kwargs.pop("tags", None)
        page = model_class(**kwargs)
        if topics is not None:
            page.topics = topics
        if tags:
            page.tags.add(*tags)
        parent = parent or Page.get_first_root_node()
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")


class ArticleIndexPageFactory(PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "Articles"
    slug = "articles"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        index = super()._create(model_class, *args, **kwargs)
        article_index_require_review(index=index)
        return index


def body_of(sections: int = 2) -> list[tuple[str, object]]:
    body: list[tuple[str, object]] = []
    for number in range(1, sections + 1):
        body.append(("heading", f"Section {number}"))
        body.append(("paragraph", f"<p>Text of section {number} about healthy bones.</p>"))
    return body


class ArticlePageFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "A short summary of what the article covers."
    body = factory.LazyFunction(body_of)


def build_site() -> tuple[HomePage, ArticleIndexPage]:
    home = HomePageFactory()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    index = ArticleIndexPageFactory(parent=home)
    return home, index
