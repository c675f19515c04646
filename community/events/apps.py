from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        from community.members.registry import (
            ActivitySection,
            register_activity_section,
            register_deletion_handler,
            register_export_section,
            register_unsubscribe_handler,
        )

        from . import digest, member_data, selectors

        register_export_section("rsvps", member_data.export_rsvps)
        register_deletion_handler(member_data.delete_member_rsvps)
        register_activity_section(
            ActivitySection(
                slug="bookings",
                title="My bookings",
                template="members/activity_bookings.html",
                items=selectors.my_bookings,
                position=40,
            )
        )
        register_unsubscribe_handler(digest.UNSUBSCRIBE_SCOPE, digest.digest_unsubscribe)
