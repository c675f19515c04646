from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("profile/", views.profile_edit, name="profile-edit"),
    path("activity/", views.activity, name="activity"),
    path("export/", views.data_export, name="data-export"),
    path("delete/", views.account_delete_view, name="account-delete"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<str:display_name>/", views.profile_detail, name="profile-detail"),
]
