from django.apps import AppConfig


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.members"
    label = "members"
    verbose_name = "Members"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group, Permission
        from django.db.models.signals import m2m_changed, post_delete

        from .permissions import forget_permissions
        from .registry import register_unsubscribe_handler
        from .services import email_unsubscribe

        register_unsubscribe_handler("email", email_unsubscribe)

        user = get_user_model()
        for through in (
            user.groups.through,
            user.user_permissions.through,
            Group.permissions.through,
        ):
            m2m_changed.connect(
                forget_permissions, sender=through, dispatch_uid=f"forget-permissions-{through}"
            )
        for model in (Group, Permission):
            post_delete.connect(
                forget_permissions, sender=model, dispatch_uid=f"forget-permissions-d-{model}"
            )
