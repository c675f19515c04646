import pytest

from articles.importing import (
    BINARY_FILE,
    EMPTY_FILE,
    NO_BODY,
    NO_TITLE,
    UNDECODABLE_FILE,
    ArticleFormatError,
    decode_article,
    parse_article,
)


def test_plain_text_title_headings_and_paragraphs_are_recognised():
    parsed = parse_article(
        "Why bones thin with age?\n\nWhat happens\n\nBone is living tissue. It renews itself.\n\n"
        "What helps\n\nMoving every day helps bone.\nSo does calcium."
    )

    assert parsed.title == "Why bones thin with age?"
    assert parsed.body == [
        ("heading", "What happens"),
        ("paragraph", "<p>Bone is living tissue. It renews itself.</p>"),
        ("heading", "What helps"),
        ("paragraph", "<p>Moving every day helps bone. So does calcium.</p>"),
    ]
    assert parsed.summary == "Bone is living tissue. It renews itself."


def test_markdown_headings_and_lists_are_recognised():
    parsed = parse_article("# A title\n\n## First part\n\nSome text.\n\n- one\n- two <b>\n")

    assert parsed.title == "A title"
    assert parsed.body == [
        ("heading", "First part"),
        ("paragraph", "<p>Some text.</p>"),
        ("paragraph", "<ul><li>one</li><li>two &lt;b&gt;</li></ul>"),
    ]


def test_long_summary_is_cut_at_a_word_boundary():
    parsed = parse_article("Title\n\nSection\n\n" + "word " * 200 + "end.")

    assert len(parsed.summary) <= 300
    assert parsed.summary.endswith("word…")


def test_html_in_the_text_is_escaped():
    parsed = parse_article("Title\n\nSection\n\nA <script>alert(1)</script> paragraph.")

    assert parsed.body == [
        ("heading", "Section"),
        ("paragraph", "<p>A &lt;script&gt;alert(1)&lt;/script&gt; paragraph.</p>"),
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", EMPTY_FILE),
        (b"   \n\n  ", EMPTY_FILE),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BINARY_FILE),
        ("Caf\u00e9 title\n\nText.".encode("latin-1"), UNDECODABLE_FILE),
    ],
)
def test_undecodable_input_is_refused(raw, message):
    with pytest.raises(ArticleFormatError, match=message):
        decode_article(raw)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("This first line is a sentence, not a title.\n\nMore text.", NO_TITLE),
        ("x" * 300 + "\n\nText.", NO_TITLE),
        ("Just a title\n\nAnd a heading", NO_BODY),
    ],
)
def test_text_without_title_or_body_is_refused(text, message):
    with pytest.raises(ArticleFormatError, match=message):
        parse_article(text)
