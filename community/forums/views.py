from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from . import errors, fragments, selectors, services
from .errors import ForumError
from .forms import (
    EditForm,
    PostVisibilityForm,
    ReplyForm,
    ReportForm,
    ThreadForm,
    ThreadModerationForm,
)
from .markup import (
    NEW_MEMBER_BODY_HELP,
    contains_image,
    contains_link,
    quote_markdown,
    render_post,
)
from .models import Post, SupportGroup
from .permissions import can_mark_answer, can_moderate, can_reply, can_report_post

CRISIS_SUPPORT = "crisis"
REPORT_THANKS = "Thank you for telling us. A moderator will look at this post."
POST_DELETED = "The post has been removed."
FOLLOW_LEVEL_CHOICES = {
    "thread": [
        ("watching", "Watching", "Email me about new replies"),
        ("normal", "Normal", "No emails"),
        ("muted", "Muted", "No emails, even if I watch the group"),
    ],
    "group": [
        ("watching", "Watching", "Email me about every new post"),
        ("following", "Following", "Email me about new threads only"),
        ("normal", "Normal", "No emails"),
        ("muted", "Muted", "No emails from this group"),
    ],
}
FOLLOW_LEVEL_DONE = {
    "thread": {
        "watching": "You are watching “{name}”: we will email you about new replies.",
        "normal": "Back to normal for “{name}”: no emails about it.",
        "muted": "“{name}” is muted: no emails about it, even if you watch its group.",
    },
    "group": {
        "watching": "You are watching {name}: we will email you about every new post.",
        "following": "You are following {name}: we will email you about new threads.",
        "normal": "Back to normal for {name}: no emails about it.",
        "muted": "{name} is muted: no emails from this group.",
    },
}
THREAD_ACTION_DONE = {
    "lock": "Thread locked: members can no longer reply. Unlock it below at any time.",
    "unlock": "Thread unlocked: members can reply again.",
    "pin": "Thread pinned to the top of the group.",
    "unpin": "Thread unpinned.",
    "move": "Thread moved to {group}.",
}
POST_ACTION_DONE = {
    "hide": "Post #{position} is hidden from members. Its author has been told by email.",
    "restore": "Post #{position} is visible again. Its author has been told by email.",
}


def _author_name(post: Post) -> str:
    profile = getattr(post.author, "profile", None) if post.author else None
    return profile.display_name if profile else "Former member"


def _after_posting(request, post: Post):
    if post.status == Post.Status.PENDING:
        messages.info(request, errors.HELD_FOR_APPROVAL)
    if post.is_urgent:
        messages.warning(request, "We are here for you.", extra_tags=CRISIS_SUPPORT)
    return redirect(post.get_absolute_url())


@dataclass
class Preview:
    html: str
    warning: str = ""


def _explain_member_limits(form, user) -> None:
    """New members cannot post links yet: the help text says so before they try."""
    if user.is_authenticated and services.is_new_member(user):
        form.fields["body"].help_text = NEW_MEMBER_BODY_HELP


def _preview_or_create(request, form, create):
    """Every form that writes a post: Preview renders the text without saving (and warns of
    what posting would refuse); otherwise the service runs, and a refusal is shown on the
    form, which keeps what was typed. Returns (response, preview)."""
    _explain_member_limits(form, request.user)
    if request.method != "POST" or not form.is_valid():
        return None, None
    if "preview" in request.POST:
        body = form.cleaned_data["body"]
        warning = ""
        if services.is_new_member(request.user) and (contains_link(body) or contains_image(body)):
            warning = errors.NEW_MEMBER_NO_LINKS
        return None, Preview(html=render_post(body)[0], warning=warning)
    try:
        post = create(form.cleaned_data)
    except ForumError as error:
        form.add_error(None, error.message)
        return None, None
    return _after_posting(request, post), None


def _preview_or_create_thread(request, form, *, group, article=None):
    def create(data):
        thread = services.thread_create(
            group=group,
            author=request.user,
            title=data["title"],
            body=data["body"],
            submission_token=data["submission_token"],
            article=article,
        )
        return thread.first_post

    return _preview_or_create(request, form, create)


def _reply_draft_urls(thread) -> dict[str, str]:
    return {
        "draft_save_url": reverse("forums:reply-draft-save", args=[thread.pk]),
        "draft_discard_url": reverse("forums:reply-draft-discard", args=[thread.pk]),
    }


def _post_id(value: str) -> int:
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404("No such post")
    return int(value)


def group_list(request):
    groups = selectors.groups_for(request.user)
    return render(request, "forums/group_list.html", {"groups": groups})


def group_detail(request, slug: str):
    group = selectors.group_for(user=request.user, slug=slug)
    sort = request.GET.get("sort", "")
    sort = sort if sort in selectors.THREAD_SORTS else "latest"
    threads = selectors.group_threads_page(
        group=group, user=request.user, sort=sort, number=request.GET.get("page")
    )
    context = {
        "group": group,
        "threads": threads,
        "thread_rows": fragments.render_thread_rows(
            threads, viewer_signed_in=request.user.is_authenticated
        ),
        "sort": sort,
        "sorts": selectors.THREAD_SORTS,
        "is_moderator": can_moderate(request.user, group),
        "follow_level": getattr(group, "viewer_follow_level", None),
        "follow_levels": FOLLOW_LEVEL_CHOICES["group"],
    }
    return render(request, "forums/group_detail.html", context)


def new_posts(request):
    threads = Paginator(
        selectors.new_posts_threads(user=request.user), settings.FORUM_THREADS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "forums/new_posts.html", {"threads": threads})


@login_required
@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    group = selectors.group_for(user=request.user, slug=slug)
    draft = selectors.draft_for(user=request.user, group=group)
    initial = {"submission_token": services.new_submission_token()}
    if draft is not None:
        initial.update(title=draft.title, body=draft.body)
    form = ThreadForm(request.POST or None, initial=initial)
    response, preview = _preview_or_create_thread(request, form, group=group)
    if response is not None:
        return response
    context = {
        "group": group,
        "form": form,
        "preview": preview,
        "draft": draft,
        "draft_save_url": reverse("forums:thread-draft-save", args=[group.slug]),
        "draft_discard_url": reverse("forums:thread-draft-discard", args=[group.slug]),
    }
    return render(request, "forums/thread_form.html", context)


def thread_detail(request, pk: int, slug: str = ""):
    thread = selectors.thread_for_reading(user=request.user, pk=pk)
    if request.GET.get("unread") and request.user.is_authenticated:
        position = selectors.first_unread_position(user=request.user, thread=thread)
        page = selectors.page_of_position(position)
        return redirect(f"{thread.get_absolute_url()}?page={page}#post-{position}")
    try:
        number = int(request.GET.get("page", 1))
    except ValueError as error:
        raise Http404("No such page") from error
    moderator = can_moderate(request.user, thread.group)
    page = selectors.thread_page(
        thread=thread, user=request.user, number=number, moderator=moderator
    )
    signed_in = request.user.is_authenticated
    suspension = thread.viewer_suspension if signed_in else None
    draft = thread.viewer_draft if signed_in else None
    reply_form = ReplyForm(
        initial={
            "submission_token": services.new_submission_token(),
            "body": draft.body if draft else "",
        }
    )
    _explain_member_limits(reply_form, request.user)
    if signed_in and page.posts and page.posts[-1].position > (thread.viewer_last_read or 0):
        services.read_state_mark(user=request.user, thread=thread, position=page.posts[-1].position)
    may_reply = can_reply(request.user, thread, moderator=moderator) and suspension is None
    may_mark_answer = can_mark_answer(request.user, thread, moderator=moderator)
    posts_html = fragments.render_posts(
        page.posts,
        thread=thread,
        viewer_signed_in=signed_in,
        moderator=moderator,
        can_reply=may_reply,
        can_mark_answer=may_mark_answer,
        reply_url=reverse("forums:reply", args=[thread.pk]),
    )
    if signed_in:  # a visitor's page has no forms, and stays cacheable without a CSRF cookie
        csrf_token = get_token(request)
        posts_html = [fragments.with_csrf_token(html, csrf_token) for html in posts_html]
    for post, html in zip(page.posts, posts_html, strict=True):
        post.html = html
    context = {
        "thread": thread,
        "group": thread.group,
        "page_obj": page,
        "is_moderator": moderator,
        "suspension": suspension,
        "can_reply": may_reply,
        "follow_level": thread.viewer_follow_level if signed_in else None,
        "follow_levels": FOLLOW_LEVEL_CHOICES["thread"],
        "reply_form": reply_form,
        "draft": draft,
        **_reply_draft_urls(thread),
        "move_groups": SupportGroup.objects.exclude(pk=thread.group_id) if moderator else (),
    }
    return render(request, "forums/thread_detail.html", context)


def post_permalink(request, pk: int):
    post = selectors.post_for(user=request.user, pk=pk)
    page = selectors.page_of_position(post.position)
    return redirect(f"{post.thread.get_absolute_url()}?page={page}#post-{post.position}")


@login_required
@require_http_methods(["GET", "POST"])
def reply(request, pk: int):
    thread = selectors.thread_for(user=request.user, pk=pk)
    draft = selectors.draft_for(user=request.user, thread=thread)
    initial = {"submission_token": services.new_submission_token()}
    body = [draft.body] if draft else []
    if "quote" in request.GET:
        quoted = selectors.post_for(user=request.user, pk=_post_id(request.GET["quote"]))
        if quoted.thread_id == thread.pk and quoted.is_public:
            body.append(quote_markdown(author_name=_author_name(quoted), text=quoted.body_markdown))
    initial["body"] = "\n\n".join(body)
    form = ReplyForm(request.POST or None, initial=initial)
    response, preview = _preview_or_create(
        request,
        form,
        lambda data: services.post_create(
            thread=thread,
            author=request.user,
            body=data["body"],
            submission_token=data["submission_token"],
        ),
    )
    if response is not None:
        return response
    context = {
        "thread": thread,
        "group": thread.group,
        "form": form,
        "preview": preview,
        "draft": draft,
        **_reply_draft_urls(thread),
    }
    return render(request, "forums/reply_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = selectors.post_for_editing(user=request.user, pk=pk)
    form = EditForm(request.POST or None, initial={"body": post.body_markdown})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(post=post, editor=request.user, body=form.cleaned_data["body"])
            return redirect(post.get_absolute_url())
        except ForumError as error:
            form.add_error(None, error.message)
    return render(request, "forums/post_edit.html", {"post": post, "form": form})


@login_required
@require_POST
def post_delete(request, pk: int):
    post = selectors.post_for(user=request.user, pk=pk)
    try:
        services.post_delete(post=post, user=request.user, reason=request.POST.get("reason", ""))
        messages.success(request, POST_DELETED)
    except ForumError as error:
        messages.error(request, error.message)
    if post.thread.first_post_id == post.pk:
        return redirect(post.thread.group.get_absolute_url())
    return redirect(post.get_absolute_url())


@login_required
def post_history(request, pk: int):
    post, revisions = selectors.post_history_for(user=request.user, pk=pk)
    return render(request, "forums/post_history.html", {"post": post, "revisions": revisions})


@login_required
@require_POST
def react(request, pk: int):
    post = selectors.post_for(user=request.user, pk=pk)
    kind = request.POST.get("kind", "")
    wants_json = request.headers.get("Accept", "").startswith("application/json")
    try:
        added = services.reaction_toggle(post=post, user=request.user, kind=kind)
    except ForumError as error:
        if wants_json:
            return JsonResponse({"error": error.message}, status=403)
        messages.error(request, error.message)
        return redirect(post.get_absolute_url())
    if wants_json:
        count = post.reactions.filter(kind=kind).count()
        return JsonResponse({"kind": kind, "active": added, "count": count})
    return redirect(post.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def report(request, pk: int):
    post = selectors.post_for(user=request.user, pk=pk)
    if not can_report_post(request.user, post):
        raise Http404("No such post")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(post=post, reporter=request.user, **form.cleaned_data)
            messages.success(request, REPORT_THANKS)
            return redirect(post.get_absolute_url())
        except ForumError as error:
            form.add_error(None, error.message)
    return render(request, "forums/report_form.html", {"post": post, "form": form})


@login_required
@require_POST
def mark_answer(request, pk: int):
    post = selectors.post_for(user=request.user, pk=pk)
    unmark = request.POST.get("unmark") == "1"
    try:
        services.thread_mark_answer(
            thread=post.thread, post=None if unmark else post, user=request.user
        )
    except ForumError as error:
        messages.error(request, error.message)
    return redirect(post.get_absolute_url())


def _set_follow_level(request, *, thread=None, group=None):
    target = thread or group
    try:
        level = services.subscription_set(
            user=request.user, thread=thread, group=group, level=request.POST.get("level")
        )
    except ForumError as error:
        messages.error(request, error.message)
    else:
        kind = "thread" if thread is not None else "group"
        messages.success(request, FOLLOW_LEVEL_DONE[kind][level].format(name=str(target)))
    return redirect(target.get_absolute_url())


@login_required
@require_POST
def thread_subscribe(request, pk: int):
    thread = selectors.thread_for(user=request.user, pk=pk)
    return _set_follow_level(request, thread=thread)


@login_required
@require_POST
def group_subscribe(request, slug: str):
    group = selectors.group_for(user=request.user, slug=slug)
    return _set_follow_level(request, group=group)


@login_required
@require_POST
def thread_moderate(request, pk: int):
    thread = selectors.thread_for(user=request.user, pk=pk)
    if not can_moderate(request.user, thread.group):
        raise Http404("No such thread")
    form = ThreadModerationForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors.NOT_ALLOWED)
        return redirect(thread.get_absolute_url())
    action = form.cleaned_data["action"]
    try:
        services.thread_moderate(
            thread=thread,
            moderator=request.user,
            action=action,
            reason=form.cleaned_data["reason"],
            to_group=form.cleaned_data["to_group"],
        )
    except ForumError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, THREAD_ACTION_DONE[action].format(group=thread.group.name))
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def post_moderate(request, pk: int):
    """Hide a post, or restore one that was hidden, from the thread page."""
    post = selectors.post_for(user=request.user, pk=pk)
    if not can_moderate(request.user, post.thread.group):
        raise Http404("No such post")
    form = PostVisibilityForm(request.POST)
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            services.post_moderate(
                post=post, moderator=request.user, action=action, reason=form.cleaned_data["reason"]
            )
        except ForumError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, POST_ACTION_DONE[action].format(position=post.position))
    else:
        messages.error(request, errors.NOT_ALLOWED)
    return redirect(post.get_absolute_url())


@require_http_methods(["GET", "POST"])
def article_discussion(request, page_id: int):
    """The discussion of an article: its thread, or a form that starts it in the group chosen
    for article discussions."""
    from articles.models import ArticlePage

    article = get_object_or_404(ArticlePage.objects.live().public(), pk=page_id)
    existing = selectors.article_discussion_thread(article=article, user=request.user)
    if existing is not None:
        return redirect(existing.get_absolute_url())
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    if selectors.article_discussion_waiting(article=article):
        messages.info(request, errors.DISCUSSION_WAITING)
        return redirect(article.url)
    group = get_object_or_404(SupportGroup, slug=settings.FORUM_ARTICLE_DISCUSSION_GROUP)
    form = ThreadForm(
        request.POST or None,
        initial={
            "title": f"Discussion: {article.title}"[:150],
            "submission_token": services.new_submission_token(),
        },
    )
    response, preview = _preview_or_create_thread(request, form, group=group, article=article)
    if response is not None:
        return response
    context = {"group": group, "form": form, "article": article, "preview": preview}
    return render(request, "forums/thread_form.html", context)
