"""Turn bench/.raw-*.json into bench/results.md (a table) and bench/results.png (a chart)."""

import argparse
import json
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
PAGES = [
    "bare view",
    "home",
    "article index",
    "article",
    "group",
    "thread",
    "event list",
    "search",
    "home (member)",
    "article (member)",
    "group (member)",
    "thread (member)",
    "search (member)",
]
ALL_RUNS = ["10k-cached", "10k-uncached", "1M-cached", "1M-uncached"]
RUNS = ALL_RUNS


def load() -> dict:
    """The runs measured (a 10k-only run has no 1M files)."""
    global RUNS
    raw = {
        run: json.loads((HERE / f".raw-{run}.json").read_text())
        for run in ALL_RUNS
        if (HERE / f".raw-{run}.json").exists()
    }
    RUNS = list(raw)
    return raw


def table(raw: dict) -> list[str]:
    lines = [
        "| Page | " + " | ".join(f"{run} req/s · p50 · p99 (ms)" for run in RUNS) + " |",
        "| --- |" + " --- |" * len(RUNS),
    ]
    for page in PAGES:
        cells = []
        for run in RUNS:
            r = raw[run]["pages"].get(page)
            cells.append(f"{r['rps']:.0f} · {r['p50_ms']:.1f} · {r['p99_ms']:.1f}" if r else "—")
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return lines


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


# (page, run kind, least share of the same run's bare view req/s) from issue #17.
RATIO_TARGETS = [
    ("article", "cached", 0.60),
    ("article", "uncached", 0.06),
    ("home", "uncached", 0.03),
    ("article index", "uncached", 0.03),
    ("thread (member)", "uncached", 0.10),
    ("group (member)", "uncached", 0.10),
    ("search", "uncached", 0.03),
]
P99_TARGETS = [("thread (member)", 100.0), ("group (member)", 100.0)]
SEARCH_P95_TARGET_MS = 300.0
NOTHING_COMPLETED = "no request completed within wrk's 2 s timeout: NOT met."


def verdicts(raw: dict) -> list[str]:
    """Every target of issue #17, each against the bare view of the same run (the machine is
    shared, so only ratios within one run compare)."""
    lines = []
    for size in ("10k", "1M"):
        for page, kind, target in RATIO_TARGETS:
            run = raw.get(f"{size}-{kind}")
            if not run or page not in run["pages"]:
                continue
            bare = run["pages"]["bare view"]["rps"]
            rps = run["pages"][page]["rps"]
            lines.append(
                f"- {size} {kind} {page}: {rps:.0f} req/s = {rps / bare:.3f} of the bare view's "
                f"{bare:.0f} (target ≥ {target}): {_met(rps >= target * bare)}."
            )
        run = raw.get(f"{size}-uncached")
        if not run:
            continue
        for page, target in P99_TARGETS:
            if page in run["pages"] and run["pages"][page]["rps"] == 0:
                lines.append(f"- {size} {page}: {NOTHING_COMPLETED}")
            elif page in run["pages"]:
                p99 = run["pages"][page]["p99_ms"]
                lines.append(
                    f"- {size} {page} p99, 8 clients: {p99:.1f} ms (target < {target:.0f} ms "
                    f"at 1M): {_met(p99 < target)}."
                )
        for query, result in run.get("search", {}).items():
            if result["rps"] == 0:
                lines.append(f"- {size} search “{query}”: {NOTHING_COMPLETED}")
            elif result.get("p95_ms") is not None:
                lines.append(
                    f"- {size} search “{query}” p95, 4 clients: {result['p95_ms']:.1f} ms "
                    f"(target < {SEARCH_P95_TARGET_MS:.0f} ms at 1M): "
                    f"{_met(result['p95_ms'] < SEARCH_P95_TARGET_MS)}."
                )
    return lines


def search_lines(raw: dict) -> list[str]:
    lines = [
        "| Query (discussions, 1M posts, 4 clients) | req/s | p50 ms | p95 ms | p99 ms |",
        "| --- | --- | --- | --- | --- |",
    ]
    largest = "1M-uncached" if "1M-uncached" in raw else "10k-uncached"
    lines[0] = lines[0].replace("1M posts", "1M posts" if largest.startswith("1M") else "10k posts")
    for query, r in raw[largest]["search"].items():
        p95 = f"{r['p95_ms']:.1f}" if r.get("p95_ms") is not None else "n/a"
        lines.append(
            f"| {query} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {p95} | {r['p99_ms']:.1f} |"
        )
    return lines


def chart(raw: dict) -> None:
    width, height, left, bottom = 1500, 520, 120, 80
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    colours = {
        "10k-cached": "#7fb3c8",
        "1M-cached": "#11495e",
        "10k-uncached": "#e3b778",
        "1M-uncached": "#8a5a00",
    }
    top = max(raw[run]["pages"][p]["rps"] for run in RUNS for p in PAGES if p in raw[run]["pages"])
    group_width = (width - left - 40) / len(PAGES)
    bar = group_width / (len(RUNS) + 1)
    draw.text(
        (left, 15),
        "Requests per second (higher is better), 2 gunicorn workers, 8 clients",
        fill="black",
    )
    for index, page in enumerate(PAGES):
        x0 = left + index * group_width
        for offset, run in enumerate(RUNS):
            value = raw[run]["pages"].get(page, {}).get("rps", 0)
            bar_height = (height - bottom - 50) * value / top
            x = x0 + offset * bar
            draw.rectangle(
                [x, height - bottom - bar_height, x + bar - 2, height - bottom], fill=colours[run]
            )
        draw.text((x0, height - bottom + 10 + 12 * (index % 2)), page, fill="black")
    for offset, run in enumerate(RUNS):
        draw.rectangle(
            [left + offset * 200, height - 35, left + offset * 200 + 14, height - 21],
            fill=colours[run],
        )
        draw.text((left + offset * 200 + 20, height - 35), run, fill="black")
    draw.line([left - 5, height - bottom, width - 20, height - bottom], fill="black")
    draw.text((10, 50), f"{top:.0f} req/s", fill="black")
    image.save(HERE / "results.png")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=1_000_000)
    args = parser.parse_args()
    raw = load()
    sizes = (
        f"10k and {args.posts:,} forum posts"
        if "1M-uncached" in raw
        else "10k forum posts only (BENCH_LARGE=0: the 1M stage was not run)"
    )
    text = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` on this 2-core machine: gunicorn with 2 workers and the "
        f"production settings on loopback, wrk with 8 connections, at {sizes}. "
        '"cached" runs have the anonymous page cache on; "uncached" runs turn it off '
        '(`PAGE_CACHE_ENABLED=false`) to measure the pages being built; "(member)" rows are '
        "a signed-in member's pages (session cookie, never cached). The machine is shared "
        "while measuring, so compare ratios within one run rather than req/s between runs.",
        "",
        *table(raw),
        "",
        "## Targets",
        "",
        *verdicts(raw),
        "",
        "## Search",
        "",
        *search_lines(raw),
        "",
        "![Requests per second](results.png)",
        "",
    ]
    (HERE / "results.md").write_text("\n".join(text))
    chart(raw)
    section = "\n".join(text[2:]).replace("\n## ", "\n### ")
    update_readme(section.replace("](results.png)", "](bench/results.png)"))


def update_readme(section: str) -> None:
    readme = HERE.parent / "README.md"
    text = readme.read_text()
    start, end = "<!-- bench:start -->", "<!-- bench:end -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        readme.write_text(f"{before}{start}\n{section}\n{end}{after}")


if __name__ == "__main__":
    main()
