import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from community.members.avatars import (
    AVATAR_NOT_AN_IMAGE,
    AVATAR_TOO_LARGE,
    AVATAR_TOO_MANY_PIXELS,
    AVATAR_WRONG_FORMAT,
    process_avatar,
)

GPS_IFD = 0x8825


def jpeg_with_gps(size=(1600, 1200)) -> bytes:
    image = Image.new("RGB", size, "#4a7a8c")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0132] = "2026:05:01 10:00:00"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_gps_and_camera_metadata_are_stripped_and_image_resized():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    processed = process_avatar(upload(original))

    stored = Image.open(io.BytesIO(processed.read()))
    assert stored.format == "JPEG"
    assert max(stored.size) == 512
    assert dict(stored.getexif()) == {}
    assert b"PhoneMaker" not in processed.file.getvalue()


@pytest.mark.parametrize(("fmt", "extension"), [("PNG", "png"), ("WEBP", "webp")])
def test_png_and_webp_are_accepted(fmt, extension):
    buffer = io.BytesIO()
    Image.new("RGBA", (100, 80), (10, 20, 30, 128)).save(buffer, format=fmt)

    processed = process_avatar(upload(buffer.getvalue(), name=f"a.{extension}"))

    assert processed.name == f"avatar.{extension}"
    assert Image.open(io.BytesIO(processed.read())).size == (100, 80)


def test_a_20_mb_image_is_rejected():
    big = upload(b"\xff\xd8\xff" + b"\0" * (20 * 1024 * 1024))

    with pytest.raises(ValidationError) as error:
        process_avatar(big)

    assert error.value.messages == [AVATAR_TOO_LARGE]


def test_a_text_file_renamed_jpg_is_rejected():
    with pytest.raises(ValidationError) as error:
        process_avatar(upload(b"I am not a picture, just some text.\n" * 20))

    assert error.value.messages == [AVATAR_NOT_AN_IMAGE]


def test_a_decompression_bomb_png_is_rejected():
    buffer = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 1024 * 1024

    with pytest.raises(ValidationError) as error:
        process_avatar(upload(buffer.getvalue(), name="bomb.png", content_type="image/png"))

    assert error.value.messages == [AVATAR_TOO_MANY_PIXELS]


def test_other_image_formats_are_rejected():
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")

    with pytest.raises(ValidationError) as error:
        process_avatar(upload(buffer.getvalue(), name="a.gif", content_type="image/gif"))

    assert error.value.messages == [AVATAR_WRONG_FORMAT]


def test_jpeg_comments_and_colour_profiles_are_stripped():
    image = Image.new("RGB", (64, 64), "#4a7a8c")
    buffer = io.BytesIO()
    image.save(
        buffer, format="JPEG", comment=b"Taken at 12 Elm Road by Jo Bloggs", icc_profile=b"x" * 64
    )
    original = buffer.getvalue()
    assert b"12 Elm Road" in original

    processed = process_avatar(upload(original)).read()

    assert b"12 Elm Road" not in processed
    reopened = Image.open(io.BytesIO(processed))
    assert "comment" not in reopened.info
    assert "icc_profile" not in reopened.info
