import factory
from django.utils import timezone

from community.forums import services
from community.forums.models import SupportGroup
from community.members.tests.factories import MemberFactory


class SupportGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Support group {n}")
    slug = factory.Sequence(lambda n: f"support-group-{n}")
    description = "A place to share experiences."


class ExperiencedMemberFactory(MemberFactory):
    """A verified member past the new-member limits."""

    date_joined = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=400))


def make_thread(*, group=None, author=None, title="Living with a spinal fracture", body=None):
    """A thread created through the service, as a member would."""
    return services.thread_create(
        group=group or SupportGroupFactory(),
        author=author or ExperiencedMemberFactory(),
        title=title,
        body=body or "I was diagnosed last spring. How do you manage the pain at night?",
    )


def make_reply(*, thread, author=None, body="Gentle heat and a firm pillow helped me."):
    return services.post_create(
        thread=thread, author=author or ExperiencedMemberFactory(), body=body
    )
