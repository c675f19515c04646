"""Medical reviewers publish articles only by approving them in the Medical review workflow
(articles.workflows publishes the approved revision): no direct "Publish" permission."""

from django.db import migrations


def forwards(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        group__name="Medical reviewers", permission__codename="publish_page"
    ).delete()


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    reviewers = Group.objects.filter(name="Medical reviewers").first()
    root = Page.objects.filter(depth=1).first()
    if reviewers is not None and root is not None:
        GroupPagePermission.objects.get_or_create(
            group=reviewers,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename="publish_page"
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_assign_medical_review_to_article_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
