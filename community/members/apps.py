from django.apps import AppConfig


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.members"
    label = "members"
    verbose_name = "Members"

    def ready(self):
        from .registry import register_unsubscribe_handler
        from .services import email_unsubscribe

        register_unsubscribe_handler("email", email_unsubscribe)
