import re

from django import forms
from django.utils import timezone
from django.utils.html import format_html

from .avatars import process_avatar
from .models import FORMER_MEMBER, Profile
from .names import name_key
from .services import DISPLAY_NAME_TAKEN, DisplayNameTaken, profile_create
from .time_zones import UNKNOWN_TIME_ZONE, time_zone_choices

DISPLAY_NAME_PATTERN = re.compile(r"^[^\W_](?:[\w .'-]{1,28})[^\W_]$")
RESERVED_DISPLAY_NAMES = {name_key(name) for name in [FORMER_MEMBER, "Bone & Spine Health"]}
RESERVED_WORDS = {
    name_key(word) for word in ["admin", "administrator", "moderator", "staff", "support"]
}
DISPLAY_NAME_INVALID = (
    "Use 3 to 30 letters, numbers, spaces, dots, dashes or apostrophes, starting and ending "
    "with a letter or number."
)
DISPLAY_NAME_RESERVED = "That name is reserved. Please choose another."
DISPLAY_NAME_HELP = (
    "How other members will see you. Please don't use your real full name or email address."
)
GUIDELINES_NOT_ACCEPTED = "Please tick the box to agree to the community guidelines."
DELETION_CONFIRMATION_MISSING = (
    "Please tick the box to confirm that you want to delete your account."
)


def clean_display_name(value: str, *, exclude_profile: Profile | None = None) -> str:
    name = " ".join(value.split())
    if "@" in name or not DISPLAY_NAME_PATTERN.match(name):
        raise forms.ValidationError(DISPLAY_NAME_INVALID)
    key = name_key(name)
    if key in RESERVED_DISPLAY_NAMES or RESERVED_WORDS.intersection(key.split()):
        raise forms.ValidationError(DISPLAY_NAME_RESERVED)
    taken = Profile.objects.filter(name_key=key)
    if exclude_profile is not None:
        taken = taken.exclude(pk=exclude_profile.pk)
    if taken.exists():
        raise forms.ValidationError(DISPLAY_NAME_TAKEN)
    return name


class SignupExtraForm(forms.Form):
    """Added to allauth's signup form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    display_name = forms.CharField(max_length=30, help_text=DISPLAY_NAME_HELP)
    agree_guidelines = forms.BooleanField(
        label="I agree to the community guidelines",
        error_messages={"required": GUIDELINES_NOT_ACCEPTED},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from portal.pages.selectors import trust_page_url

        guidelines, privacy = trust_page_url("guidelines"), trust_page_url("privacy")
        if guidelines and privacy:
            self.fields["agree_guidelines"].help_text = format_html(
                'Please read our <a href="{}">community guidelines</a> and how we look after '
                'your information in our <a href="{}">privacy notice</a>.',
                guidelines,
                privacy,
            )

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"])

    def signup(self, request, user):
        try:
            profile_create(
                user=user,
                display_name=self.cleaned_data["display_name"],
                guidelines_accepted_at=timezone.now(),
            )
        except DisplayNameTaken as error:
            raise forms.ValidationError({"display_name": error.message}) from error


class ProfileForm(forms.ModelForm):
    avatar_upload = forms.FileField(
        label="Profile picture",
        required=False,
        help_text="JPEG, PNG or WebP, up to 5 MB. We remove location and camera details.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        help_text=(
            "Event times are shown in your time zone too. Type the first letters of your city "
            "to find it."
        ),
        error_messages={"invalid_choice": UNKNOWN_TIME_ZONE},
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "bio",
            "time_zone",
            "notify_replies",
            "notify_event_reminders",
            "weekly_digest",
        ]
        help_texts = {
            "display_name": DISPLAY_NAME_HELP,
            "bio": "A few words about yourself, if you like (500 characters at most).",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def clean_display_name(self):
        return clean_display_name(self.cleaned_data["display_name"], exclude_profile=self.instance)

    def clean_avatar_upload(self):
        upload = self.cleaned_data.get("avatar_upload")
        if not upload:
            return None
        return process_avatar(upload)


class AccountDeletionForm(forms.Form):
    KEEP = "keep"
    ERASE = "erase"
    posts = forms.ChoiceField(
        label="What should happen to your posts?",
        choices=[
            (KEEP, "Keep my posts, shown as written by “Former member”"),
            (ERASE, "Erase my posts"),
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label="I understand that my account cannot be restored.",
        error_messages={"required": DELETION_CONFIRMATION_MISSING},
    )
