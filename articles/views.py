from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import services
from .forms import ArticleFeedbackForm
from .models import ArticlePage


# Anonymous readers answer from cached article pages, which carry no CSRF token (a token would
# stop the page being cached). A forged answer could do no more than anyone may do directly,
# and the per-address limit still applies.
@csrf_exempt
@require_POST
def article_feedback(request, page_id: int):
    article = get_object_or_404(ArticlePage.objects.live().public(), pk=page_id)
    form = ArticleFeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.article_feedback_create(
                article=article, client=request.META.get("REMOTE_ADDR", ""), **form.cleaned_data
            )
        except services.FeedbackRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            return redirect(f"{article.url}?helpful=thanks#helpful")
    context = {"page": article, "feedback_form": form}
    return render(request, "articles/article_feedback.html", context, status=400)
