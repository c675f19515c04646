"""What the crisis check costs a member's post: the first check in a process (model load and,
with an empty shared cache, embedding every example sentence) and then a normal post.

    DJANGO_SETTINGS_MODULE=portal.settings.test DATABASE_URL=... python bench/crisis_check.py

Run against a migrated database (the example sentences come from migrations 0012 and 0014)."""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402

django.setup()

from community.forums import crisis_semantic  # noqa: E402
from community.forums.crisis import active_rules, find_crisis  # noqa: E402

POST = (
    "Had my DEXA scan results today. The consultant says osteopenia in the hip. "
    "I'm starting alendronate next week and trying more walking. Any tips for the "
    "heartburn people mention?"
)


def main() -> None:
    rules = active_rules()
    started = time.perf_counter()
    find_crisis(POST, rules)
    print(f"first check in this process: {(time.perf_counter() - started) * 1000:.0f} ms")
    timings = []
    for _ in range(20):
        crisis_semantic._recent.clear()  # the post's sentences embedded again each time
        started = time.perf_counter()
        find_crisis(POST, rules)
        timings.append((time.perf_counter() - started) * 1000)
    print(
        f"a normal post, 20 checks: median {statistics.median(timings):.0f} ms, "
        f"max {max(timings):.0f} ms"
    )


if __name__ == "__main__":
    main()
