import json

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from .forms import AccountDeletionForm, ProfileForm
from .registry import ordered_activity_sections
from .selectors import member_data_export, profile_by_display_name
from .services import (
    DisplayNameTaken,
    UnsubscribeLinkInvalid,
    account_delete,
    profile_ensure,
    profile_update,
    read_unsubscribe_link,
    unsubscribe_by_link,
)

ACTIVITY_PER_PAGE = 20
PROFILE_SAVED = "Your profile has been saved."
ACCOUNT_DELETED = "Your account has been deleted. Thank you for being part of the community."


def profile_detail(request, display_name: str):
    profile = profile_by_display_name(display_name=display_name)
    return render(request, "members/profile_detail.html", {"profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    profile = profile_ensure(user=request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in ProfileForm.Meta.fields}
        try:
            profile_update(
                profile=profile, data=data, new_avatar=form.cleaned_data["avatar_upload"]
            )
        except DisplayNameTaken as error:
            form.add_error("display_name", error.message)
        else:
            messages.success(request, PROFILE_SAVED)
            return redirect("members:profile-detail", display_name=profile.display_name)
    return render(request, "members/profile_edit.html", {"form": form, "profile": profile})


@login_required
def activity(request):
    """The member's own threads, replies, bookmarks and bookings, one section at a time."""
    sections = ordered_activity_sections()
    chosen = request.GET.get("section") or sections[0].slug
    section = next((section for section in sections if section.slug == chosen), None)
    if section is None:
        raise Http404("No such section")
    page = Paginator(section.items(request.user), ACTIVITY_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"sections": sections, "section": section, "page_obj": page, "items": page}
    return render(request, "members/activity.html", context)


@login_required
@reauthentication_required
def data_export(request):
    payload = json.dumps(member_data_export(user=request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    filename = f"bone-spine-health-my-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauthentication_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    form = AccountDeletionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user, keep_posts=form.cleaned_data["posts"] == form.KEEP)
        logout(request)
        messages.success(request, ACCOUNT_DELETED)
        return redirect("/")
    return render(request, "members/account_delete.html", {"form": form})


def _is_one_click_post(request) -> bool:
    """The POST a mail client sends for RFC 8058 one-click unsubscribe."""
    return request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click"


def _unsubscribe(request, token: str):
    try:
        if request.method == "POST":
            what = unsubscribe_by_link(token=token)
            return render(request, "members/unsubscribed.html", {"what": what})
        read_unsubscribe_link(token=token)
    except UnsubscribeLinkInvalid as error:
        return render(request, "members/unsubscribe.html", {"error": error.message}, status=400)
    return render(request, "members/unsubscribe.html", {"token": token})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET asks to confirm; POST unsubscribes, with no sign-in: the signed token is the
    credential. Only the RFC 8058 one-click POST from a mail client skips the CSRF check."""
    if _is_one_click_post(request):
        return _unsubscribe(request, token)
    return csrf_protect(_unsubscribe)(request, token)
