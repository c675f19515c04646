"""Member Markdown to safe HTML, rendered once when a post is saved.

Raw HTML a member types is shown as typed: "<" and "&" are escaped before Markdown runs, so
only Markdown makes markup. The result is then cleaned by nh3 against an allowlist: no
images (Markdown image syntax is dropped, keeping nothing), headings demoted below the
page's own (h4 at most), links only to absolute http, https or mailto addresses, every link
marked rel="nofollow ugc noopener", and no style, class, id or event attributes anywhere."""

import html
import re

import markdown
import nh3
from django.urls import reverse
from django.utils.html import escape

from community.members.models import Profile
from community.members.names import name_key

MARKDOWN_HELP = (
    "You can use **bold**, *italic*, [links](https://…), lists, > quotes and `code`. "
    "HTML is shown as typed. Mention a member with @ and their display name, e.g. @Sam Lee."
)
NEW_MEMBER_BODY_HELP = (
    "You can use **bold**, *italic*, lists, > quotes and `code`. HTML is shown as typed. "
    "Mention a member with @ and their display name, e.g. @Sam Lee. "
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


# @mentions -----------------------------------------------------------------------------------
#
# "@" then a member's display name, spaces and all ("@Sam Lee, thank you"): the longest run of
# up to five words after the "@" that is a member's name (compared as names are, by name_key)
# becomes a link to their profile. A name nobody has stays plain text. Mentions inside links and
# code are left alone; a mention inside a quote is linked but notifies nobody (the quoted post
# already did). "**Name** wrote:" at the head of a quote (quote_markdown) tells the member
# quoted.

MENTION = re.compile(r"(?<![\w@/.])@([^\W_][\w.'-]*(?: [\w.'-]+){0,4})")
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"<(/?)(\w+)")
NOT_LINKED_IN = {"a", "code", "pre"}
QUOTE_ATTRIBUTION = re.compile(r"^> \*\*(.+?)\*\* wrote:", re.MULTILINE)


def _candidates(words: str) -> list[str]:
    """The names a mention may mean, longest first: "Sam Lee, hi" gives "Sam Lee", "Sam"."""
    parts = words.split(" ")
    names = []
    for count in range(len(parts), 0, -1):
        name = " ".join(parts[:count])
        while name and not name[-1].isalnum():
            name = name[:-1]
        if len(name) >= 3 and name not in names:
            names.append(name)
    return names


def _walk(rendered: str):
    """The HTML's pieces, each with whether it is text that may hold a mention and whether it
    is inside a quote."""
    depth = {"a": 0, "code": 0, "pre": 0, "blockquote": 0}
    for piece in TAG.split(rendered):
        if piece.startswith("<"):
            match = TAG_NAME.match(piece)
            if match and match.group(2) in depth:
                depth[match.group(2)] += -1 if match.group(1) else 1
            yield piece, False, False
        else:
            linkable = not any(depth[tag] > 0 for tag in NOT_LINKED_IN)
            yield piece, linkable, depth["blockquote"] > 0


def _members_named(names: set[str]) -> dict[str, tuple[str, int]]:
    keys = {name_key(name) for name in names}
    if not keys:
        return {}
    return {
        key: (display_name, user_id)
        for key, display_name, user_id in Profile.objects.filter(
            name_key__in=keys, user__is_active=True
        ).values_list("name_key", "display_name", "user_id")
    }


def _link_mentions(rendered: str) -> tuple[str, list[int]]:
    pieces = list(_walk(rendered))
    wanted = {
        name
        for piece, linkable, _ in pieces
        if linkable and "@" in piece
        for match in MENTION.finditer(html.unescape(piece))
        for name in _candidates(match.group(1))
    }
    members = _members_named(wanted)
    if not members:
        return rendered, []
    out, mentioned = [], []
    for piece, linkable, quoted in pieces:
        if not linkable or "@" not in piece:
            out.append(piece)
            continue
        text, last = html.unescape(piece), 0
        for match in MENTION.finditer(text):
            found = next(
                (
                    (name, members[name_key(name)])
                    for name in _candidates(match.group(1))
                    if name_key(name) in members
                ),
                None,
            )
            if found is None:
                continue
            typed, (display_name, user_id) = found
            end = match.start() + 1 + len(typed)
            url = reverse("members:profile-detail", args=[display_name])
            out.append(escape(text[last : match.start()]))
            out.append(f'<a class="mention" href="{escape(url)}">@{escape(display_name)}</a>')
            last = end
            if not quoted and user_id not in mentioned:
                mentioned.append(user_id)
        out.append(escape(text[last:]))
    return "".join(out), mentioned


def render_post(text: str) -> tuple[str, list[int]]:
    """A post's HTML, with its @mentions linked, and the members it mentions or quotes (each
    once, in order of appearance) -- whom it should notify."""
    rendered, mentioned = _link_mentions(render_markdown(text))
    quoted = [
        user_id
        for _, user_id in _members_named(set(QUOTE_ATTRIBUTION.findall(text))).values()
        if user_id not in mentioned
    ]
    return rendered, mentioned + quoted
