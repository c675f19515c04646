from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        from community.members.registry import register_deletion_handler, register_export_section

        from .services import export_notifications, notifications_forget_actor

        register_deletion_handler(notifications_forget_actor)
        register_export_section("notifications", export_notifications)
