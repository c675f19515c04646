from django.apps import AppConfig


class ForumsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.forums"
    label = "forums"
    verbose_name = "Support-group forums"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from community.members.permissions import forget_permissions
        from community.members.registry import (
            register_activity_section,
            register_deletion_handler,
            register_export_section,
            register_unsubscribe_handler,
        )

        from . import activity, checks, member_data  # noqa: F401  (checks registers itself)
        from .crisis import forget_rules
        from .models import CrisisExample, CrisisPhrase, CrisisWordClass, SupportGroup
        from .notifications import unsubscribe

        for model in (CrisisPhrase, CrisisWordClass, CrisisExample):
            post_save.connect(forget_rules, sender=model, dispatch_uid=f"forget-crisis-{model}")
            post_delete.connect(forget_rules, sender=model, dispatch_uid=f"forget-crisis-{model}")

        # Moderators may enter the admin (auth_backends.GroupModeratorAdminAccessBackend).
        m2m_changed.connect(
            forget_permissions,
            sender=SupportGroup.moderators.through,
            dispatch_uid="forget-permissions",
        )
        post_delete.connect(
            forget_permissions, sender=SupportGroup, dispatch_uid="forget-permissions"
        )

        register_export_section("posts", member_data.export_posts)
        register_export_section("reactions", member_data.export_reactions)
        register_export_section("reports", member_data.export_reports)
        register_export_section("subscriptions", member_data.export_subscriptions)
        register_export_section("bookmarks", member_data.export_bookmarks)
        register_export_section("drafts", member_data.export_drafts)
        register_deletion_handler(member_data.delete_member_content)
        for section in activity.SECTIONS:
            register_activity_section(section)
        register_unsubscribe_handler("thread", unsubscribe.unsubscribe_thread)
        register_unsubscribe_handler("group", unsubscribe.unsubscribe_group)
