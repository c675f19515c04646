from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from portal.client_ip import client_rate_limit_key

from . import selectors, services
from .forms import ContactForm

MESSAGE_SENT = (
    "Thank you. Your message has reached our team; we aim to answer within three working days."
)


@require_http_methods(["GET", "POST"])
def contact(request):
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_message_send(
                **{key: form.cleaned_data[key] for key in ("name", "email", "subject", "message")},
                client=client_rate_limit_key(request),
            )
        except services.ContactRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, MESSAGE_SENT)
            return redirect("pages:contact")
    context = {"form": form, "page": selectors.standing_page("contact")}
    return render(request, "pages/contact.html", context)
