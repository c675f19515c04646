"""Assign the Medical review workflow to every article index, so Wagtail's admin (which asks
`page.has_workflow`, i.e. looks for a WorkflowPage on the page or an ancestor) offers
"Submit to Medical review" on every article. New article indexes get it from
articles.services.article_index_require_review."""

from django.db import migrations


def forwards(apps, schema_editor):
    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    workflow = Workflow.objects.filter(name="Medical review", active=True).first()
    if workflow is None:
        return
    for index_id in ArticleIndexPage.objects.values_list("pk", flat=True):
        if not WorkflowPage.objects.filter(page_id=index_id).exists():
            WorkflowPage.objects.create(page_id=index_id, workflow=workflow)


def backwards(apps, schema_editor):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
    WorkflowPage.objects.filter(
        workflow__name="Medical review",
        page_id__in=ArticleIndexPage.objects.values_list("pk", flat=True),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_editorial_groups_and_medical_review"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
