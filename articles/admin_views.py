from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .permissions import can_read_article_feedback
from .selectors import article_feedback_report


@require_GET
def feedback_report(request):
    if not can_read_article_feedback(request.user):
        raise PermissionDenied
    articles = article_feedback_report()
    return render(request, "articles/admin/feedback_report.html", {"articles": articles})
