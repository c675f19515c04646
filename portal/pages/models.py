from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class StandingPage(Page):
    """A page editors keep up to date that the site links to by its role: the community
    guidelines, privacy notice, accessibility statement, contact and about pages."""

    class Role(models.TextChoices):
        GUIDELINES = "guidelines", "Community guidelines"
        PRIVACY = "privacy", "Privacy notice"
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        CONTACT = "contact", "Contact us (the text above the contact form)"
        ABOUT = "about", "About us"

    role = models.CharField(
        max_length=20,
        choices=Role.choices,
        blank=True,
        help_text="Where the site links to this page: the footer, sign-up form and emails.",
    )
    intro = models.TextField(blank=True, help_text="One or two sentences shown first.")
    body = RichTextField(
        blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    promote_panels = [*Page.promote_panels, FieldPanel("role")]
    parent_page_types = ["articles.HomePage"]
    subpage_types = []
    template = "pages/standing_page.html"

    def clean(self):
        super().clean()
        taken = StandingPage.objects.filter(role=self.role).exclude(pk=self.pk)
        if self.role and taken.exists():
            raise ValidationError({"role": "Another page already has this role."})
