from django.urls import path

from portal import converters  # noqa: F401  (registers <id:...>)

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event-list"),
    path("past/", views.event_list_past, name="event-list-past"),
    path("all.ics", views.all_feed, name="feed-all"),
    path("group/<slug:slug>.ics", views.group_feed, name="feed-group"),
    path("<id:pk>.ics", views.event_ics, name="event-ics"),
    path("<id:pk>/", views.event_detail, name="event-detail-short"),
    path("<id:pk>/rsvp/", views.rsvp_create, name="rsvp-create"),
    path("<id:pk>/rsvp/series/", views.series_rsvp_create, name="series-rsvp-create"),
    path("<id:pk>/attendees/", views.attendees, name="event-attendees"),
    path("<id:pk>/attendees.csv", views.attendees_csv, name="event-attendees-csv"),
    path("<id:pk>/<slug:slug>/", views.event_detail, name="event-detail"),
    path("rsvps/<id:pk>/cancel/", views.rsvp_cancel, name="rsvp-cancel"),
]
