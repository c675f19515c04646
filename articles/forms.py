from django import forms
from django.core.exceptions import ValidationError
from wagtail.images.forms import BaseImageForm

from .models import ArticleFeedback
from .permissions import can_change_what_live_articles_show
from .selectors import live_articles_showing
from .services import FEEDBACK_CHOICE_MISSING, FEEDBACK_COMMENT_TOO_LONG

LIVE_IMAGE_REPLACEMENT_REFUSED = (
    "This image appears on live articles ({titles}), so a new file would change them without "
    "medical review. Upload the new file as a new image and choose it in each article instead: "
    "the article then goes through Medical review. A medical reviewer can replace the file here."
)


class ReviewedImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), refusing a new file for an image
    that live articles show unless the editor may change live articles directly."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.editing_user = user

    def clean(self):
        cleaned_data = super().clean()
        if (
            self.instance.pk
            and "file" in self.changed_data
            and self.editing_user is not None
            and not can_change_what_live_articles_show(self.editing_user)
        ):
            articles = list(live_articles_showing(self.instance).values_list("title", flat=True))
            if articles:
                self.add_error(
                    "file",
                    ValidationError(
                        LIVE_IMAGE_REPLACEMENT_REFUSED.format(titles=", ".join(articles)),
                        code="live_image_replacement",
                    ),
                )
        return cleaned_data


class ArticleFeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        error_messages={
            "required": FEEDBACK_CHOICE_MISSING,
            "invalid_choice": FEEDBACK_CHOICE_MISSING,
        },
    )
    comment = forms.CharField(
        label="Anything we could do better? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "We read every comment but cannot reply. Please don't include your name, contact "
            "details or health details."
        ),
    )

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        limit = ArticleFeedback.COMMENT_MAX_LENGTH
        if len(comment) > limit:
            raise forms.ValidationError(
                FEEDBACK_COMMENT_TOO_LONG.format(limit=limit, length=len(comment))
            )
        return comment
