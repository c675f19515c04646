"""Measure pages with wrk against a running server: req/s, p50 and p99 for each page.

    python bench/load.py --base http://127.0.0.1:8765 --label 10k --out bench/raw-10k.json

Run with the same settings as the server (it reads the database to find a busy thread, a
busy group and an article, and signs a generated member in: the member's pages are measured
with that session cookie, so they are built on every request, read state and all)."""

import argparse
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()


from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.utils.module_loading import import_string  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage  # noqa: E402
from community.forums.models import SupportGroup, Thread  # noqa: E402

SEARCH_QUERIES = ["fracture pain", "tai chi", "calcium vitamin d", "kyphoplasty recovery"]
LATENCY = re.compile(r"^\s+(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def pages() -> dict[str, str]:
    group = SupportGroup.objects.filter(visibility="public").order_by("-thread_count").first()
    thread = (
        Thread.objects.filter(group__visibility="public", post_count__gte=20)
        .order_by("post_count")
        .first()
        or Thread.objects.filter(group__visibility="public").order_by("-post_count").first()
    )
    article = ArticlePage.objects.live().order_by("pk").first()
    return {
        "bare view": "/healthz/live",
        "home": "/",
        "article index": ArticleIndexPage.objects.live().first().url,
        "article": article.url,
        "group": group.get_absolute_url(),
        "thread": thread.get_absolute_url(),
        "event list": "/events/",
        "search": "/search/?q=fracture+pain",
    }


MEMBER_PAGES = ("home", "article", "group", "thread", "search")


def member_session_cookie() -> str:
    """A Cookie header for a signed-in generated member (not staff, so no second factor)."""
    member = (
        get_user_model()
        .objects.filter(is_staff=False, is_superuser=False, forum_posts__isnull=False)
        .order_by("pk")
        .first()
    )
    session = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    session[SESSION_KEY] = str(member.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = member.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


PERCENTILES = str(Path(__file__).resolve().parent / "percentiles.lua")


def run_wrk(url: str, *, seconds: int, connections: int, cookie: str = "") -> dict:
    output = subprocess.run(  # noqa: S603 - wrk against our own loopback server
        [
            "/usr/bin/wrk",
            *(["-H", f"Cookie: {cookie}"] if cookie else []),
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            PERCENTILES,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latencies = {p: float(v) * UNIT[u] for p, v, u in LATENCY.findall(output)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    p95 = re.search(r"p95_us: (\d+)", output)
    return {
        "rps": rps,
        "p50_ms": latencies.get("50"),
        "p95_ms": int(p95.group(1)) / 1000 if p95 else None,
        "p99_ms": latencies.get("99"),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    results = {"label": args.label, "pages": {}, "search": {}}
    for name, path in pages().items():
        run_wrk(args.base + path, seconds=2, connections=args.connections)  # warm up
        results["pages"][name] = {
            "path": path,
            **run_wrk(args.base + path, seconds=args.seconds, connections=args.connections),
        }
        print(f"{args.label:>14} {name:<11} {results['pages'][name]}", flush=True)
    if os.environ.get("BENCH_MEMBERS", "1") == "1":
        cookie = member_session_cookie()
        for name in MEMBER_PAGES:
            url = args.base + results["pages"][name]["path"]
            run_wrk(url, seconds=2, connections=args.connections, cookie=cookie)  # warm up
            results["pages"][f"{name} (member)"] = {
                "path": results["pages"][name]["path"],
                **run_wrk(url, seconds=args.seconds, connections=args.connections, cookie=cookie),
            }
            print(f"{args.label:>14} {name} (member) {results['pages'][f'{name} (member)']}")
    if os.environ.get("BENCH_SEARCH", "1") == "1":
        for query in SEARCH_QUERIES:
            url = f"{args.base}/search/?q={query.replace(' ', '+')}&type=discussions"
            # One request first, waited for: the query's ranking is then in the shared cache,
            # as it is for any query searched in the last five minutes
            # (portal/search/selectors.py). A common word's first ranking takes seconds at 1M
            # posts; a one-second wrk run would leave it unfinished, and the measured requests
            # would wait for it.
            with urllib.request.urlopen(url, timeout=120) as warm_up:  # noqa: S310 - loopback
                warm_up.read()
            results["search"][query] = run_wrk(url, seconds=5, connections=4)
    Path(args.out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
