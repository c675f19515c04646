from django.core.exceptions import ValidationError
from wagtail.images.forms import BaseImageForm

from .permissions import can_change_what_live_articles_show
from .selectors import live_articles_showing

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
