from django import forms

from community.members.models import DEFAULT_DELIVERY, Delivery, NotificationKind


class NotificationSettingsForm(forms.Form):
    """One choice per kind of notification: on the site, by email too, or off."""

    def __init__(self, *args, deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in DEFAULT_DELIVERY:
            self.fields[kind] = forms.ChoiceField(
                label=NotificationKind(kind).label,
                choices=Delivery.choices,
                initial=deliveries[kind],
                widget=forms.RadioSelect,
            )
