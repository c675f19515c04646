from html.parser import HTMLParser
from pathlib import Path

import pytest

from community.forums.markup import (
    contains_image,
    contains_link,
    quote_markdown,
    render_markdown,
)

CORPUS = Path(__file__).parent / "data" / "xss_inputs.txt"
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code",
    "pre", "hr", "h4", "h5", "h6", "del",
}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:")
CONTROL = {chr(code): "" for code in range(33)} | {"\u200b": "", "\u200d": "", "\u202e": ""}


def load_corpus() -> list[tuple[int, str]]:
    entries = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("# "):
            continue
        text = line.replace("\\n", "\n").replace("\\t", "\t").replace("\\0", "\0")
        entries.append(
            (
                number,
                text.encode("utf-8").decode("unicode_escape", "ignore") if "\\u" in text else text,
            )
        )
    return entries


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


CORPUS_ENTRIES = load_corpus()


def test_the_corpus_has_at_least_a_hundred_hostile_inputs():
    assert len(CORPUS_ENTRIES) >= 100


@pytest.mark.parametrize(
    ("number", "text"), CORPUS_ENTRIES, ids=[f"line{n}" for n, _ in CORPUS_ENTRIES]
)
def test_hostile_input_renders_nothing_executable(number, text):
    rendered = render_markdown(text)
    collector = TagCollector()
    collector.feed(rendered)

    for tag, attrs in collector.tags:
        assert tag in ALLOWED_TAGS, (tag, rendered)
        for name, value in attrs.items():
            assert not name.startswith("on"), (name, rendered)
            assert name not in {"style", "class", "id", "srcdoc", "formaction", "src", "target"}
            if name == "href":
                # The parser has decoded character references once, as a browser would.
                cleaned = (value or "").translate(str.maketrans(CONTROL)).lower()
                assert cleaned.startswith(SAFE_SCHEMES), (value, rendered)
        if tag == "a":
            assert attrs.get("rel") == "nofollow ugc noopener", rendered


def test_markdown_formatting_renders():
    rendered = render_markdown(
        "**bold** *italic* [NHS](https://www.nhs.uk)\n\n- one\n- two\n\n> quoted\n\n`code`"
    )

    assert "<strong>bold</strong>" in rendered
    assert "<em>italic</em>" in rendered
    assert '<a href="https://www.nhs.uk" rel="nofollow ugc noopener">NHS</a>' in rendered
    assert "<ul>" in rendered and "<li>one</li>" in rendered
    assert "<blockquote>" in rendered
    assert "<code>code</code>" in rendered


def test_raw_html_is_shown_as_typed():
    assert "&lt;b&gt;hi&lt;/b&gt;" in render_markdown("<b>hi</b>")


def test_headings_are_smaller_than_the_pages_own():
    assert render_markdown("# Big") == "<h4>Big</h4>"
    assert render_markdown("### Three") == "<h4>Three</h4>"


def test_javascript_links_lose_their_href():
    rendered = render_markdown("[x](javascript:alert(1))")

    assert "javascript" not in rendered.lower().split(">")[0]
    assert "href" not in rendered


def test_quote_markdown_renders_a_blockquote_naming_the_author():
    quoted = quote_markdown(author_name="Quiet River", text="Line one\nLine two")

    rendered = render_markdown(quoted + "My answer")

    assert rendered.startswith("<blockquote>")
    assert "<strong>Quiet River</strong> wrote:" in rendered
    assert "My answer" in rendered


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://x.org", True),
        ("www.example.com", True),
        ("[a](https://x.org)", True),
        ("no links here", False),
    ],
)
def test_contains_link(text, expected):
    assert contains_link(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("![a](https://x.org/a.png)", True), ("<img src=x>", True), ("a picture of my dog", False)],
)
def test_contains_image(text, expected):
    assert contains_image(text) is expected
