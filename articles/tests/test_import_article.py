import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from articles.importing import (
    BINARY_FILE,
    EMPTY_FILE,
    NO_HEADINGS,
    NO_TITLE,
    UNDECODABLE_FILE,
)
from articles.models import ArticlePage

DATA = Path(__file__).parent / "data"
OWN_ARTICLE = DATA / "living_well_with_osteoporosis.md"
SEED_ARTICLE = Path(__file__).resolve().parents[3] / "shared/seed/bone-density-back-pain.txt"
SEED_SECTIONS = [
    "The Link Between Osteoporosis and Pain",
    "How Bone Density Affects the Spine",
    "Identifying Osteoporosis-Related Back Aches",
    "Preventative Care for Bone Health",
    "Treatment Approaches for Osteoporosis Back Pain",
    "The Role of Nutrition in Spinal Strength",
    "Exercise and Mobility Support",
    "How Stress Impacts Bone and Spine Health",
    "Medical Imaging and Diagnostic Advances",
    "Living With Osteoporosis and Back Pain",
]

pytestmark = pytest.mark.django_db


def run_import(*args) -> None:
    call_command("import_article", *map(str, args))


def import_error(*args) -> CommandError:
    with pytest.raises(CommandError) as error:
        run_import(*args)
    return error.value


def paragraphs_after(page: ArticlePage, heading: str) -> list[str]:
    blocks = [(block.block_type, block.value) for block in page.body]
    start = blocks.index(("heading", heading)) + 1
    texts = []
    for kind, value in blocks[start:]:
        if kind == "heading":
            break
        texts.append(value.source)
    return texts


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared seed is only beside CI's clone")
def test_seed_article_becomes_a_page_with_its_ten_sections_in_order(article_index):
    run_import(SEED_ARTICLE, "--parent", "/articles/", "--publish")

    page = ArticlePage.objects.get()
    lines = SEED_ARTICLE.read_text(encoding="utf-8").splitlines()
    assert page.title == lines[0]
    assert page.live
    assert page.get_parent().specific == article_index
    headings = [block.value for block in page.body if block.block_type == "heading"]
    assert headings == SEED_SECTIONS
    for heading in SEED_SECTIONS:
        section_text = lines[lines.index(heading) + 2]
        assert paragraphs_after(page, heading) == [f"<p>{section_text}</p>".replace("&", "&amp;")]


def test_markdown_article_becomes_a_page_with_sections_and_text(article_index):
    run_import(OWN_ARTICLE, "--publish")

    page = ArticlePage.objects.get()
    assert page.title == "Living well with fragile bones: a practical guide"
    assert [block.value for block in page.body if block.block_type == "heading"] == [
        "What osteoporosis means for your spine",
        "Noticing a change in height",
        "Keeping active safely",
        "Eating for strong bones",
        "Getting support",
    ]
    assert paragraphs_after(page, "Keeping active safely")[1] == (
        "<ul><li>Walk most days</li><li>Practise standing on one leg near a kitchen worktop</li>"
        "<li>Lift things close to your body</li></ul>"
    )
    assert page.summary.startswith("Osteoporosis thins the inner honeycomb")
    assert page.live


def test_importing_the_same_file_again_adds_a_revision_not_a_page(article_index, tmp_path):
    source = tmp_path / "article.txt"
    source.write_text("Bones and balance\n\nBalance\n\nFirst version of the text.\n")
    run_import(source, "--publish")
    source.write_text("Bones and balance\n\nBalance\n\nSecond version of the text.\n")

    run_import(source, "--publish")

    page = ArticlePage.objects.get()
    assert page.revisions.count() == 2
    assert paragraphs_after(page, "Balance") == ["<p>Second version of the text.</p>"]


def test_without_publish_the_page_stays_a_draft(article_index):
    call_command("import_article", str(OWN_ARTICLE))

    page = ArticlePage.objects.get()
    assert not page.live
    assert page.has_unpublished_changes


def test_reimport_without_publish_keeps_live_version_and_adds_draft(article_index, tmp_path):
    source = tmp_path / "article.txt"
    source.write_text("Bones and balance\n\nBalance\n\nLive text.\n")
    run_import(source, "--publish")
    source.write_text("Bones and balance\n\nBalance\n\nDraft text.\n")

    run_import(source)

    page = ArticlePage.objects.get()
    assert paragraphs_after(page, "Balance") == ["<p>Live text.</p>"]
    draft = page.get_latest_revision_as_object()
    assert paragraphs_after(draft, "Balance") == ["<p>Draft text.</p>"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", EMPTY_FILE),
        (b"This opening line is a full sentence rather than a title.\n\nText.", NO_TITLE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BINARY_FILE),
        ("Ostéoporose\n\nUn texte en latin-1.".encode("latin-1"), UNDECODABLE_FILE),
        (b"Title\n\nOne paragraph of text and nothing else, so no sections at all.", NO_HEADINGS),
        (
            b"\xff\xfe" + "Broken\n\ntext\ud800".encode("utf-16-le", "surrogatepass")[:-1],
            UNDECODABLE_FILE,
        ),
    ],
    ids=["empty", "no-title", "binary", "undecodable", "no-headings", "broken-utf-16"],
)
def test_bad_file_gets_one_line_error_exit_1_and_creates_nothing(
    article_index, tmp_path, content, message
):
    source = tmp_path / "bad.txt"
    source.write_bytes(content)
    pages_before = Page.objects.count()

    error = import_error(source)

    assert str(error) == f"Cannot import {source}: {message}"
    assert error.returncode == 1
    assert Page.objects.count() == pages_before


def test_unknown_parent_gets_one_line_error_exit_1_and_creates_nothing(article_index):
    pages_before = Page.objects.count()

    error = import_error(OWN_ARTICLE, "--parent", "/no-such-section/")

    assert str(error) == f"Cannot import {OWN_ARTICLE}: no article index at '/no-such-section/'"
    assert error.returncode == 1
    assert Page.objects.count() == pages_before


def test_missing_file_gets_one_line_error(article_index, tmp_path):
    assert str(import_error(tmp_path / "absent.txt")).startswith("Cannot read")


def test_manage_py_prints_the_error_on_one_line_and_exits_1(tmp_path):
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")

    finished = subprocess.run(  # noqa: S603 - our own manage.py with a path we made
        [sys.executable, "manage.py", "import_article", str(source)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert finished.returncode == 1
    assert finished.stderr.strip() == f"CommandError: Cannot import {source}: {EMPTY_FILE}"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_with_byte_order_mark_is_imported(article_index, tmp_path, encoding):
    source = tmp_path / "utf16.txt"
    text = OWN_ARTICLE.read_text(encoding="utf-8")
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    source.write_bytes((bom + text).encode(encoding))

    run_import(source)

    page = ArticlePage.objects.get()
    assert page.title == text.splitlines()[0].lstrip("# ").strip()
    assert any(block.block_type == "heading" for block in page.body)
