import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community.members.models import Profile

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a password and no email address record: what an administrator creates."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"Member {n}")


class MemberFactory(UserFactory):
    """A signed-up member: verified primary email address and a profile."""

    @factory.post_generation
    def member_records(obj, create, extracted, verified=True, **kwargs):
        if not create:
            return
        EmailAddress.objects.create(user=obj, email=obj.email, verified=verified, primary=True)
        ProfileFactory(user=obj, display_name=kwargs.get("display_name") or f"Pat {obj.username}")


def enrol_totp(user) -> str:
    """Give a staff user an authenticator app, as if they had enrolled; returns its secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def with_powers(user, *, auth_groups: tuple[str, ...] = (), moderates=None):
    """Give a user staff roles (the editorial and moderation auth groups) and/or make them a
    moderator of a support group, with the second factor those powers need."""
    from django.contrib.auth.models import Group

    user.groups.add(*Group.objects.filter(name__in=auth_groups))
    if moderates is not None:
        moderates.moderators.add(user)
    enrol_totp(user)
    return user
