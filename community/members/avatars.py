"""Avatar uploads: only real JPEG, PNG or WebP images, resized to fit 512px and re-encoded, so
no EXIF, GPS, comment or other metadata from the member's camera is ever stored."""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 25_000_000
AVATAR_MAX_SIDE = 512
AVATAR_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

AVATAR_TOO_LARGE = "Your picture is larger than 5 MB. Please choose a smaller file."
AVATAR_NOT_AN_IMAGE = "That file is not a picture we can read. Please upload a JPEG, PNG or WebP."
AVATAR_WRONG_FORMAT = "Please upload a JPEG, PNG or WebP picture."
AVATAR_TOO_MANY_PIXELS = "That picture has too many pixels to process. Please choose a smaller one."


def process_avatar(upload) -> ContentFile:
    if upload.size > AVATAR_MAX_BYTES:
        raise ValidationError(AVATAR_TOO_LARGE, code="too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in AVATAR_FORMATS:
                raise ValidationError(AVATAR_WRONG_FORMAT, code="format")
            if image.width * image.height > AVATAR_MAX_PIXELS:
                raise ValidationError(AVATAR_TOO_MANY_PIXELS, code="too_many_pixels")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(AVATAR_TOO_MANY_PIXELS, code="too_many_pixels") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(AVATAR_NOT_AN_IMAGE, code="not_an_image") from error

    source_format = image.format
    image = ImageOps.exif_transpose(image)
    image.thumbnail((AVATAR_MAX_SIDE, AVATAR_MAX_SIDE))
    if source_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Pillow writes back what it read into `info` (a JPEG comment, ICC profile, XMP):
    # the stored file carries pixels only.
    image.info = {}
    buffer = io.BytesIO()
    image.save(buffer, format=source_format, quality=85)
    return ContentFile(buffer.getvalue(), name=f"avatar.{AVATAR_FORMATS[source_format]}")
