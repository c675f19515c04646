from django import forms
from django.urls import reverse_lazy

from . import errors
from .markup import MARKDOWN_HELP
from .models import Report, SupportGroup

BODY_MAX_LENGTH = 20_000


class HoneypotMixin(forms.Form):
    """A field people never see; bots fill it in."""

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(errors.HONEYPOT_TRIGGERED)
        return cleaned


class PostBodyMixin(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
        # The composer's @ menu (static/js/mentions.js) asks this address for names.
        widget=forms.Textarea(
            attrs={"rows": 8, "data-mentions": reverse_lazy("notifications:mention-suggestions")}
        ),
        error_messages={"required": errors.EMPTY_POST},
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)


class ThreadForm(HoneypotMixin, PostBodyMixin):
    title = forms.CharField(max_length=150, label="Title")
    field_order = ["title", "body", "website", "submission_token"]


class ReplyForm(HoneypotMixin, PostBodyMixin):
    pass


class EditForm(forms.Form):
    body = PostBodyMixin.base_fields["body"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Report.Reason.choices, widget=forms.RadioSelect, label="What is wrong?"
    )
    note = forms.CharField(
        required=False,
        max_length=1000,
        label="Anything the moderators should know (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ThreadModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("lock", "Lock"),
            ("unlock", "Unlock"),
            ("pin", "Pin"),
            ("unpin", "Unpin"),
            ("move", "Move"),
        ]
    )
    to_group = forms.ModelChoiceField(queryset=SupportGroup.objects.all(), required=False)
    reason = forms.CharField(required=False, max_length=500)


class PostVisibilityForm(forms.Form):
    action = forms.ChoiceField(choices=[("hide", "Hide"), ("restore", "Restore")])
    reason = forms.CharField(required=False, max_length=1000)


class PostModerationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approve", "Approve"),
            ("dismiss", "Dismiss reports"),
            ("hide", "Hide"),
            ("delete", "Delete"),
            ("warn", "Warn the member"),
            ("suspend", "Suspend the member"),
        ]
    )
    reason = forms.CharField(
        required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    days = forms.IntegerField(required=False, min_value=1, max_value=365, initial=7)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("warn", "suspend", "hide", "delete") and not cleaned.get(
            "reason"
        ):
            self.add_error("reason", "Please give a reason: the member will be told.")
        if cleaned.get("action") == "suspend" and not cleaned.get("days"):
            self.add_error("days", "Please say for how many days.")
        return cleaned
