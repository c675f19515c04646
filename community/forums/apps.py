from django.apps import AppConfig


class ForumsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.forums"
    label = "forums"
    verbose_name = "Support-group forums"

    def ready(self):
        from community.members.registry import (
            register_deletion_handler,
            register_export_section,
            register_unsubscribe_handler,
        )

        from . import member_data
        from .notifications import unsubscribe

        register_export_section("posts", member_data.export_posts)
        register_export_section("reactions", member_data.export_reactions)
        register_export_section("reports", member_data.export_reports)
        register_export_section("subscriptions", member_data.export_subscriptions)
        register_deletion_handler(member_data.delete_member_content)
        register_unsubscribe_handler("thread", unsubscribe.unsubscribe_thread)
        register_unsubscribe_handler("group", unsubscribe.unsubscribe_group)
