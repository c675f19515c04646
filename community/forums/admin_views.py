"""The moderation queue in the Wagtail admin: reported posts and posts held for approval."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import selectors, services
from .errors import ForumError
from .forms import PostModerationForm
from .models import Post
from .permissions import can_moderate, can_moderate_anywhere

ACTION_DONE = "Done: {action} post #{position} in “{thread}”."
MESSAGE_SENT = (
    "Your message is on its way to the member. Their reply will come to the moderators' mailbox."
)


def _require_moderator(request) -> None:
    if not can_moderate_anywhere(request.user):
        raise PermissionDenied


def moderation_queue(request):
    _require_moderator(request)
    queue = Paginator(selectors.moderation_queue(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    context = {"queue": queue, "page_title": "Moderation queue", "header_icon": "warning"}
    return render(request, "forums/admin/moderation_queue.html", context)


@require_POST
def moderate_post(request, pk: int):
    _require_moderator(request)
    post = get_object_or_404(Post.objects.select_related("thread__group", "author"), pk=pk)
    if not can_moderate(request.user, post.thread.group):
        raise PermissionDenied
    form = PostModerationForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("forums_moderation_queue")
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "delete":
            services.post_delete(post=post, user=request.user, reason=reason)
        elif action == "warn":
            services.member_warn(
                member=post.author, moderator=request.user, reason=reason, post=post
            )
        elif action == "suspend":
            services.member_suspend(
                member=post.author,
                moderator=request.user,
                days=form.cleaned_data["days"],
                reason=reason,
                post=post,
            )
        else:
            services.post_moderate(post=post, moderator=request.user, action=action, reason=reason)
    except ForumError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ACTION_DONE.format(
                action=dict(form.fields["action"].choices)[action],
                position=post.position,
                thread=post.thread.title,
            ),
        )
    return redirect("forums_moderation_queue")


def moderation_log(request):
    _require_moderator(request)
    actions = Paginator(selectors.moderation_log(user=request.user), 50).get_page(
        request.GET.get("page")
    )
    context = {"actions": actions, "page_title": "Moderation log", "header_icon": "list-ul"}
    return render(request, "forums/admin/moderation_log.html", context)


@require_POST
def contact_member(request, pk: int):
    _require_moderator(request)
    post = get_object_or_404(Post.objects.select_related("thread__group", "author"), pk=pk)
    if not can_moderate(request.user, post.thread.group):
        raise PermissionDenied
    message = request.POST.get("message", "")
    try:
        services.member_contact_privately(post=post, moderator=request.user, message=message)
    except ForumError as error:
        context = {"post": post, "draft": message, "error": error.message}
        context |= {"page_title": "Contact member privately", "header_icon": "mail"}
        return render(request, "forums/admin/contact_member.html", context, status=400)
    messages.success(request, MESSAGE_SENT)
    return redirect("forums_moderation_queue")
