from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Revision, WorkflowPage, WorkflowState

from portal.ratelimit import client_key, hit

from .importing import ParsedArticle
from .models import ArticleFeedback, ArticleIndexPage, ArticlePage, ReviewReminder
from .selectors import articles_needing_review_reminder, medical_review_workflow


@transaction.atomic
def article_index_require_review(*, index: ArticleIndexPage) -> WorkflowPage | None:
    """Every article index carries the Medical review workflow, so each article under it is
    submitted to review (Wagtail's admin offers that only where a WorkflowPage exists). A
    workflow an administrator already assigned to the index is kept."""
    workflow = medical_review_workflow()
    if workflow is None:
        return None
    workflow_page, _ = WorkflowPage.objects.get_or_create(
        page=index, defaults={"workflow": workflow}
    )
    return workflow_page


@transaction.atomic
def article_revision_record_review(*, revision: Revision, reviewed_on: date) -> Revision:
    """Stamp an approved revision with its review date and the date the next review falls due,
    so the version that goes live carries them."""
    revision.content["last_reviewed"] = reviewed_on.isoformat()
    revision.content["next_review_due"] = (reviewed_on + settings.ARTICLE_REVIEW_PERIOD).isoformat()
    revision.save(update_fields=["content"])
    return revision


@transaction.atomic
def article_import(
    *, parent: ArticleIndexPage, article: ParsedArticle, publish: bool, user=None
) -> tuple[ArticlePage, bool]:
    """Create the article under `parent`, or save a new revision of the one already there with
    the same slug, so importing a file twice never duplicates it."""

    slug = slugify(article.title)[:255]
    page = ArticlePage.objects.child_of(parent).filter(slug=slug).first()
    created = page is None
    if created:
        page = ArticlePage(title=article.title, slug=slug, live=False)
    else:
        page = page.get_latest_revision_as_object()
    page.title = article.title
    page.summary = article.summary
    page.body = list(article.body)
    if created:
        parent.add_child(instance=page)
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    return page, created


class ReviewNotAllowed(Exception):
    pass


NOT_A_REVIEWER = "only a medical reviewer may approve this article"
NOTHING_TO_REVIEW = "the article is not waiting for medical review"


@transaction.atomic
def article_submit_for_review(*, article: ArticlePage, user) -> WorkflowState:
    """Submit the latest revision to the article's workflow, as "Submit to Medical review"
    does in the admin; a review already under way is cancelled and started afresh."""
    state = article.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    return article.get_workflow().start(article, user)


@transaction.atomic
def article_approve_review(*, article: ArticlePage, reviewer) -> WorkflowState:
    """Approve the review under way, as the reviewer's "Approve" does in the admin: only with
    the action on offer to that user."""
    state = article.current_workflow_state
    if state is None:
        raise ReviewNotAllowed(NOTHING_TO_REVIEW)
    task_state = state.current_task_state
    task = task_state.task.specific
    if "approve" not in [name for name, *_ in task.get_actions(article, reviewer)]:
        raise ReviewNotAllowed(NOT_A_REVIEWER)
    task.on_action(task_state, reviewer, "approve")
    state.refresh_from_db()
    return state


MEDICAL_REVIEWERS_GROUP = "Medical reviewers"


@transaction.atomic
def review_reminders_send(*, today: date) -> int:
    """Email every medical reviewer the articles whose review is overdue or falls due within
    ARTICLE_REVIEW_DUE_SOON, each article once per review period: it is recorded before the
    email is queued, in one transaction, so a second run (or two at once) sends nothing more.
    Returns how many emails were queued."""
    from django.contrib.auth import get_user_model
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    from portal.mail import enqueue_email

    announced = []
    for article in articles_needing_review_reminder(today=today).select_for_update(of=("self",)):
        _, created = ReviewReminder.objects.get_or_create(
            article=article, due_on=article.next_review_due
        )
        if created:
            announced.append(article)
    if not announced:
        return 0
    reviewers = (
        get_user_model()
        .objects.filter(groups__name=MEDICAL_REVIEWERS_GROUP, is_active=True)
        .exclude(email="")
    )
    context = {
        "overdue": [a for a in announced if a.next_review_due < today],
        "due_soon": [a for a in announced if a.next_review_due >= today],
        "site_name": settings.SITE_NAME,
        "admin_url": settings.WAGTAILADMIN_BASE_URL,
    }
    body = render_to_string("articles/emails/review_reminder.txt", context)
    subject = f"[{settings.SITE_NAME}] {len(announced)} article(s) due for medical review"
    for reviewer in reviewers:
        enqueue_email(EmailMultiAlternatives(subject, body, None, [reviewer.email]))
    return reviewers.count()


# Was this helpful? ---------------------------------------------------------------------------

FEEDBACK_RATE_LIMITED = (
    "Thank you: we have had several answers from you in a short time. Please try again in an "
    "hour; your comment is kept below."
)
FEEDBACK_COMMENT_TOO_LONG = (
    "Please keep your comment to {limit} characters (it has {length}); it is kept below so you "
    "can shorten it."
)
FEEDBACK_CHOICE_MISSING = "Please choose “Yes” or “No”."


class FeedbackRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def article_feedback_create(
    *, article: "ArticlePage", helpful: bool, comment: str, client: str
) -> "ArticleFeedback":
    limit, window = getattr(settings, "ARTICLE_FEEDBACK_RATE_LIMIT", (10, 3600))
    if not hit(key=client_key("article-feedback", client), limit=limit, window_seconds=window):
        raise FeedbackRefused(FEEDBACK_RATE_LIMITED)
    from .models import ArticleFeedback

    return ArticleFeedback.objects.create(article=article, helpful=helpful, comment=comment)
