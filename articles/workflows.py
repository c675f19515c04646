from django.utils import timezone
from wagtail.workflows import publish_workflow_state


def publish_after_medical_review(workflow_state, user=None):
    """WAGTAIL_FINISH_WORKFLOW_ACTION: an article approved through Medical review goes live
    (or is scheduled, when it has a go-live date) with today's review date; everything else is
    published as Wagtail would.

    Wagtail imports this while its own models load, so our models are imported on call."""
    from .models import ArticlePage
    from .selectors import MEDICAL_REVIEW_WORKFLOW
    from .services import article_revision_record_review

    content = workflow_state.content_object
    if workflow_state.workflow.name == MEDICAL_REVIEW_WORKFLOW and isinstance(
        getattr(content, "specific", content), ArticlePage
    ):
        revision = article_revision_record_review(
            revision=content.get_latest_revision(), reviewed_on=timezone.localdate()
        )
        # The approval is the permission: medical reviewers have no direct "Publish", and the
        # task only offered them "Approve" because they belong to its group.
        revision.publish(user=user, skip_permission_checks=True)
        return
    publish_workflow_state(workflow_state, user=user)
