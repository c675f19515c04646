from django.contrib.auth.backends import BaseBackend


class GroupModeratorAdminAccessBackend(BaseBackend):
    """A support group's moderators may enter the Wagtail admin, where the moderation queue
    and log are (scoped to their groups), so the link in a safeguarding alert opens for them.
    Nothing else there is theirs: every other admin area checks permissions they do not have.
    Like all staff, they still need a second factor first (StaffMFARequiredMiddleware)."""

    def has_perm(self, user_obj, perm, obj=None) -> bool:
        if perm != "wagtailadmin.access_admin" or not user_obj.is_active:
            return False
        if not hasattr(user_obj, "_moderates_a_group"):
            user_obj._moderates_a_group = user_obj.moderated_groups.exists()
        return user_obj._moderates_a_group
