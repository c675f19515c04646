"""schema.org structured data, built as plain dicts and rendered as a script element by
`script_element` (the `jsonld` tag)."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from portal.links import absolute_url

# The characters that could end the script element or start markup, as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_element(data) -> SafeString:
    """A JSON-LD script element. The JSON is escaped so no value, member text included, can
    close the element (the escaping of Django's json_script, which only makes
    application/json)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    escaped = payload.translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{escaped}</script>')  # noqa: S308


def breadcrumb_list(items: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(url),
            }
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


def person(person_snippet) -> dict:
    data = {"@type": "Person", "name": person_snippet.name}
    if person_snippet.credentials:
        data["honorificSuffix"] = person_snippet.credentials
    if person_snippet.role:
        data["jobTitle"] = person_snippet.role
    return data


def medical_web_page(article) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.search_description or article.summary,
        "url": absolute_url(article.url),
        "inLanguage": "en-GB",
        "publisher": {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
        "about": [{"@type": "Thing", "name": topic.name} for topic in article.topics.all()],
    }
    if article.is_medically_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
        data["reviewedBy"] = person(article.medical_reviewer)
    if article.author:
        data["author"] = person(article.author)
    if article.first_published_at:
        data["datePublished"] = article.first_published_at.isoformat()
    if article.last_published_at:
        data["dateModified"] = article.last_published_at.isoformat()
    return data


def discussion_forum_posting(thread, posts) -> dict:
    def author(post):
        profile = getattr(post.author, "profile", None) if post.author else None
        return {"@type": "Person", "name": profile.display_name if profile else "Former member"}

    opening = thread.first_post
    data = {
        "@context": "https://schema.org",
        "@type": "DiscussionForumPosting",
        "headline": thread.title,
        "url": absolute_url(thread.get_absolute_url()),
        "datePublished": thread.created_at.isoformat(),
        "author": author(opening) if opening else {"@type": "Person", "name": "Former member"},
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": thread.reply_count,
        },
        "comment": [
            {
                "@type": "Comment",
                "text": post.body_markdown[:500],
                "datePublished": post.created_at.isoformat(),
                "author": author(post),
                "url": absolute_url(post.get_absolute_url()),
            }
            for post in posts
            if post.is_public and post.pk != thread.first_post_id
        ],
    }
    if opening and opening.is_public:
        data["text"] = opening.body_markdown[:2000]
    return data
