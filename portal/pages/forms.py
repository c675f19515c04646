from django import forms

HONEYPOT_TRIGGERED = "Your message could not be sent. Please try again."


class ContactForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=100)
    email = forms.EmailField(
        label="Your email address",
        help_text="So that we can answer you. We use it for nothing else.",
    )
    subject = forms.CharField(max_length=150)
    message = forms.CharField(max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    # Hidden from people by CSS and from screen readers; bots fill it in.
    website = forms.CharField(
        required=False,
        label="Leave this empty",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise forms.ValidationError(HONEYPOT_TRIGGERED)
        return cleaned
