import re

import markdown
import nh3

MARKDOWN_HELP = (
    "You can use **bold**, *italic*, [links](https://…), lists, > quotes and `code`. "
    "HTML is shown as typed."
)
ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h4",
    "h5",
    "h6",
    "del",
}
LINK_OR_URL = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)
IMAGE = re.compile(r"!\[[^\]]*\]\(|<img", re.IGNORECASE)


def render_markdown(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    rendered = markdown.markdown(escaped, extensions=["sane_lists"], output_format="html")
    for level in (3, 2, 1):
        rendered = rendered.replace(f"<h{level}>", "<h4>").replace(f"</h{level}>", "</h4>")
    rendered = re.sub(r"<img[^>]*>", "", rendered)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )


def contains_link(text: str) -> bool:
    return bool(LINK_OR_URL.search(text)) or "<a " in render_markdown(text)


def contains_image(text: str) -> bool:
    return bool(IMAGE.search(text))


def quote_markdown(*, author_name: str, text: str) -> str:
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    return f"> **{author_name}** wrote:\n{quoted}\n\n"
