"""Turns a plain-text or Markdown article into title, summary and body blocks.

The format: the title on the first line; a section heading is a short line of its own without a
final full stop (or a Markdown `#` heading); paragraphs are separated by blank lines."""

import codecs
import re
from dataclasses import dataclass, field

from django.utils.html import escape

HEADING_MAX_LENGTH = 120
TITLE_MAX_LENGTH = 255
SUMMARY_MAX_LENGTH = 300

EMPTY_FILE = "the file is empty"
BINARY_FILE = "the file is binary, not text"
UNDECODABLE_FILE = "the file is not UTF-8 or UTF-16 text"
NO_TITLE = "the file has no title: its first line must be the article's title"
NO_BODY = "the file has a title but no text under it"
NO_HEADINGS = (
    "the file has no section headings: put each heading on a short line of its own, "
    "without a full stop"
)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
SENTENCE_END = (".", "!", ";", ",")


class ArticleFormatError(ValueError):
    pass


@dataclass
class ParsedArticle:
    title: str
    summary: str
    body: list[tuple[str, str]] = field(default_factory=list)


def decode_article(raw: bytes) -> str:
    """UTF-8 (with or without a byte order mark), or UTF-16 with its byte order mark, as
    Windows editors save "Unicode" text."""
    if raw.startswith(UTF16_BOMS):
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as error:
            raise ArticleFormatError(UNDECODABLE_FILE) from error
    if not raw.strip():
        raise ArticleFormatError(EMPTY_FILE)
    if b"\x00" in raw:
        raise ArticleFormatError(BINARY_FILE)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleFormatError(UNDECODABLE_FILE) from error


def _is_heading(chunk: list[str]) -> bool:
    if len(chunk) != 1:
        return False
    line = chunk[0]
    if MARKDOWN_HEADING.match(line):
        return True
    return len(line) <= HEADING_MAX_LENGTH and not line.endswith(SENTENCE_END)


def _paragraph_html(chunk: list[str]) -> str:
    if all(LIST_ITEM.match(line) for line in chunk):
        tag = "ol" if chunk[0].lstrip()[0].isdigit() else "ul"
        items = "".join(f"<li>{escape(LIST_ITEM.sub('', line))}</li>" for line in chunk)
        return f"<{tag}>{items}</{tag}>"
    return f"<p>{escape(' '.join(chunk))}</p>"


def _summary_from(text: str) -> str:
    if len(text) <= SUMMARY_MAX_LENGTH:
        return text
    cut = text[: SUMMARY_MAX_LENGTH - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def parse_article(text: str) -> ParsedArticle:
    lines = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    chunks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)
    if not chunks:
        raise ArticleFormatError(EMPTY_FILE)

    title_line, rest_of_first = chunks[0][0], chunks[0][1:]
    title = MARKDOWN_HEADING.sub("", title_line).strip()
    if not title or len(title) > TITLE_MAX_LENGTH or title.endswith("."):
        raise ArticleFormatError(NO_TITLE)
    remaining = ([rest_of_first] if rest_of_first else []) + chunks[1:]

    body: list[tuple[str, str]] = []
    first_paragraph = ""
    for chunk in remaining:
        if _is_heading(chunk):
            body.append(("heading", MARKDOWN_HEADING.sub("", chunk[0]).strip()))
        else:
            body.append(("paragraph", _paragraph_html(chunk)))
            first_paragraph = first_paragraph or " ".join(chunk)
    if not first_paragraph:
        raise ArticleFormatError(NO_BODY)
    if not any(kind == "heading" for kind, _ in body):
        raise ArticleFormatError(NO_HEADINGS)
    return ParsedArticle(title=title, summary=_summary_from(first_paragraph), body=body)
