"""Member Markdown to safe HTML, rendered once when a post is saved.

Raw HTML a member types is shown as typed: "<" and "&" are escaped before Markdown runs, so
only Markdown makes markup. The result is then cleaned by nh3 against an allowlist: no
images (Markdown image syntax is dropped, keeping nothing), headings demoted below the
page's own (h4 at most), links only to absolute http, https or mailto addresses, every link
marked rel="nofollow ugc noopener", and no style, class, id or event attributes anywhere."""

import re

import markdown
import nh3

MARKDOWN_HELP = (
    "You can use **bold**, *italic*, [links](https://…), lists, > quotes and `code`. "
    "HTML is shown as typed."
)
NEW_MEMBER_BODY_HELP = (
    "You can use **bold**, *italic*, lists, > quotes and `code`. HTML is shown as typed. "
    "Links and images can be posted once you have been a member for a little while: until "
    "then, describe where to find a page in words."
)
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code",
    "pre", "hr", "h4", "h5", "h6", "del",
}  # fmt: skip
LINK_OR_URL = re.compile(r"(https?://|www\.|mailto:|\]\()", re.IGNORECASE)
IMAGE = re.compile(r"!\[[^\]]*\]\(|<img", re.IGNORECASE)
HEADING_OPEN = re.compile(r"<(/?)h([1-3])>")


def render_markdown(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    rendered = markdown.markdown(escaped, extensions=["sane_lists"], output_format="html")
    rendered = HEADING_OPEN.sub(r"<\1h4>", rendered)
    return nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        clean_content_tags={"img"},
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        url_relative="deny",
        link_rel="nofollow ugc noopener",
    )


def contains_link(text: str) -> bool:
    """A link or web address, in Markdown or typed plainly (new members may post neither)."""
    return bool(LINK_OR_URL.search(text)) or "<a " in render_markdown(text)


def contains_image(text: str) -> bool:
    return bool(IMAGE.search(text))


def quote_markdown(*, author_name: str, text: str) -> str:
    """Another post quoted into a reply, attributed to its author."""
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.splitlines())
    return f"> **{author_name}** wrote:\n{quoted}\n\n"
