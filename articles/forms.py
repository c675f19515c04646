from django import forms

from .models import ArticleFeedback
from .services import FEEDBACK_CHOICE_MISSING, FEEDBACK_COMMENT_TOO_LONG


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
