from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("<int:pk>/", views.notification_detail, name="notification-detail"),
    path("mark-all-read/", views.mark_all_read, name="mark-all-read"),
    path("settings/", views.notification_settings, name="notification-settings"),
    path("mention-suggestions/", views.mention_suggestions_view, name="mention-suggestions"),
]
