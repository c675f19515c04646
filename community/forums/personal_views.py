"""A member's own tools in the forums: bookmarks and drafts. Nobody else ever reaches them:
each view acts on the signed-in member's own rows only."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import errors, selectors, services
from .errors import ForumError

BOOKMARKED = "Bookmarked. You will find it under My activity."
BOOKMARK_REMOVED = "Bookmark removed."
DRAFT_SAVED = "Draft saved"
DRAFT_DISCARDED = "Draft discarded."
SIGN_IN_FIRST = "Please sign in again: your session has ended. Your text is still in the box."


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def member_required(view):
    """Signed-in members only: a page is sent to the sign-in form, a script gets a 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if _wants_json(request):
                return JsonResponse({"error": SIGN_IN_FIRST}, status=403)
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _back(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@require_POST
@member_required
def post_bookmark(request, pk: int):
    """Set the bookmark of a post to the state asked for ("bookmarked" 1 or 0), so a form
    sent twice does no harm."""
    post = selectors.post_for(user=request.user, pk=pk)
    wanted = request.POST.get("bookmarked") == "1"
    try:
        if wanted:
            services.bookmark_add(member=request.user, post=post)
        else:
            services.bookmark_remove(member=request.user, post_id=post.pk)
    except ForumError as error:
        if _wants_json(request):
            return JsonResponse({"error": error.message}, status=403)
        messages.error(request, error.message)
        return redirect(post.get_absolute_url())
    if _wants_json(request):
        return JsonResponse({"bookmarked": wanted})
    messages.success(request, BOOKMARKED if wanted else BOOKMARK_REMOVED)
    return redirect(post.get_absolute_url())


@require_POST
@member_required
def bookmark_delete(request, pk: int):
    bookmark = selectors.own_bookmark(user=request.user, pk=pk)
    services.bookmark_remove(member=request.user, post_id=bookmark.post_id)
    messages.success(request, BOOKMARK_REMOVED)
    return _back(request, f"{reverse('members:activity')}?section=bookmarks")


def _draft_response(request, *, status: int, message: str, fallback: str, saved=False):
    if _wants_json(request):
        key = "message" if status < 400 else "error"
        return JsonResponse({"saved": saved, key: message}, status=status)
    (messages.success if status < 400 else messages.error)(request, message)
    return _back(request, fallback)


def _save(request, *, fallback: str, thread=None, group=None):
    try:
        draft = services.draft_save(
            member=request.user,
            thread=thread,
            group=group,
            body=request.POST.get("body", ""),
            title=request.POST.get("title", ""),
        )
    except services.DraftRateLimited as refusal:
        return _draft_response(request, status=429, message=refusal.message, fallback=fallback)
    except ForumError as refusal:
        return _draft_response(request, status=409, message=refusal.message, fallback=fallback)
    return _draft_response(
        request, status=200, message=DRAFT_SAVED, fallback=fallback, saved=draft is not None
    )


def _discard(request, *, fallback: str, thread=None, group=None):
    services.draft_discard(member=request.user, thread=thread, group=group)
    return _draft_response(request, status=200, message=DRAFT_DISCARDED, fallback=fallback)


def _draft_target(request, *, pk: int | None = None, slug: str | None = None):
    """The thread or group the draft is for, as the member may see it now; a discussion that
    went out of their sight answers 404 (with a message a script can show)."""
    try:
        if pk is not None:
            thread = selectors.thread_for(user=request.user, pk=pk)
            return {"thread": thread, "fallback": thread.get_absolute_url()}, None
        group = selectors.group_for(user=request.user, slug=slug)
        return {"group": group, "fallback": reverse("forums:thread-create", args=[slug])}, None
    except Http404:
        if not _wants_json(request):
            raise
        return None, JsonResponse({"saved": False, "error": errors.DRAFT_UNAVAILABLE}, status=404)


@require_POST
@member_required
def reply_draft_save(request, pk: int):
    target, refusal = _draft_target(request, pk=pk)
    return refusal or _save(request, **target)


@require_POST
@member_required
def reply_draft_discard(request, pk: int):
    target, refusal = _draft_target(request, pk=pk)
    return refusal or _discard(request, **target)


@require_POST
@member_required
def thread_draft_save(request, slug: str):
    target, refusal = _draft_target(request, slug=slug)
    return refusal or _save(request, **target)


@require_POST
@member_required
def thread_draft_discard(request, slug: str):
    target, refusal = _draft_target(request, slug=slug)
    return refusal or _discard(request, **target)
