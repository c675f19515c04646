from django.apps import AppConfig


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.members"
    label = "members"
    verbose_name = "Members"
