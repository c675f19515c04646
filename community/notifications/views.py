from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from community.members.selectors import notification_deliveries
from community.members.services import notification_preferences_set
from portal.ratelimit import hit

from .forms import NotificationSettingsForm
from .selectors import mention_suggestions, notification_page
from .services import notification_open, notifications_mark_all_read

SETTINGS_SAVED = "Your notification settings have been saved."
ALL_MARKED_READ = "All your notifications are marked as read."
SUGGESTIONS_RATE_LIMITED = "Too many look-ups. Please wait a minute, or type the name in full."


@login_required
def notification_list(request):
    page = notification_page(user=request.user, page=request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page_obj": page})


@login_required
def notification_detail(request, pk: int):
    """Opening a notification marks it read and goes to what it is about."""
    try:
        notification = notification_open(user=request.user, pk=pk)
    except LookupError as error:
        raise Http404("No such notification") from error
    return redirect(notification.target_url() or "notifications:notification-list")


@login_required
@require_POST
def mark_all_read(request):
    notifications_mark_all_read(user=request.user)
    messages.success(request, ALL_MARKED_READ)
    return redirect("notifications:notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    form = NotificationSettingsForm(
        request.POST or None, deliveries=notification_deliveries(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        notification_preferences_set(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, SETTINGS_SAVED)
        return redirect("notifications:notification-settings")
    return render(request, "notifications/notification_settings.html", {"form": form})


@login_required
def mention_suggestions_view(request):
    """JSON for the composer's @ menu: members only, a few names, rate-limited per member."""
    limit, window = settings.MENTION_SUGGESTIONS_RATE_LIMIT
    if not hit(key=f"mention-suggestions:{request.user.pk}", limit=limit, window_seconds=window):
        return JsonResponse({"error": SUGGESTIONS_RATE_LIMITED}, status=429)
    names = mention_suggestions(prefix=request.GET.get("q", "")[:30])
    return JsonResponse({"names": names})
