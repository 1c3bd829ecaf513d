"""Speed and size of the site at growing sizes, printed as numbers (`make bench`; not a pass/fail test).

For each size N (today's events, 500, 2,000, 5,000) it copies the project to a temporary
folder, adds synthetic events cloned from the real ones (real quotes, dates shifted by
multiples of four years so leap days stay valid, titles and disputes kept), and measures:

- the strict build (seconds, ms per event, peak memory), and the same rendered markdown
  built as plain pages with the macros plugin off, in turns, the median of three runs of
  each: the data layer's cost is the ratio of the two;
- loading and verifying the data alone (`python -m macros check`, the median of five runs);
- the largest HTML page, and what a reader's first search downloads;
- Lighthouse (mobile preset, Debian's chromium) on home, a dispute page and the timeline,
  served gzip-compressed as GitHub Pages serves them: the median of five runs per page (scores,
  total blocking time, transferred bytes, requests) and the range of its performance scores;
- under `mkdocs serve`, the time from saving an event file to its rebuilt page (today's
  size and 2,000 events).

Every build, check and serve verifies each quote against the source archive (SOURCES_ARCHIVE),
as a real build does: without an archive the benchmark refuses to run rather than time builds
that skip the quote checks and the copyright ceilings.

Machines here are noisy: compare the numbers of one run with each other, not across runs.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from macros.archive import archive_dir  # noqa: E402
from macros.hooks import pagefind_command  # noqa: E402 - the same indexing as the build's hook
SIZES = [0, 500, 2000, 5000]  # 0: today's data as it is
LIGHTHOUSE = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"
LH_PAGES = ["", "disputes/forced-labour/", "timeline/"]
LH_RUNS = 5  # per page: Lighthouse's docs (variability.md) find the median of 5 runs twice as stable as one
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
ARCHIVE = archive_dir(ROOT)  # resolved here, absolute: the copies it is passed to live elsewhere
# Every build, check and serve verifies each quote against the archive, as a real build does.
# Python's bytecode cache is on, as it is by default: an environment that turns it off (PYTHONDONTWRITEBYTECODE,
# set on this project's machines) would have every run compile macros/ again, about 0.025 s each.
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "SOURCES_ARCHIVE": str(ARCHIVE)}
CHECK_RUNS = 5  # the check is short, so one run on a noisy machine says little: the median of five
BUILD_RUNS = 3  # each build and its plain twin: the median of three (one run alone swung by a fifth here)
DATE = re.compile(r"^date: \"?([^\"\n]+)\"?$", re.M)
YEAR_OFFSETS = [-4 * k for k in range(1, 19)] + [4, 8]  # real events are 1910-2022: copies fall in about 1890-2030


# --- Projects --------------------------------------------------------------------


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest)
    for name in ("docs", "macros", "overrides", "data"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def shift(date: str, years: int) -> str:
    return re.sub(r"\b(\d{4})\b", lambda m: f"{int(m.group(1)) + years:04d}", date)


def add_synthetic_events(project: Path, total: int) -> int:
    """Clone the real events until there are `total`, spread over about a century and a half."""
    folder = project / "data" / "events"
    real = sorted(folder.glob("*.md"))
    made = 0
    for i in range(max(0, total - len(real))):
        base = real[i % len(real)]
        text = base.read_text(encoding="utf-8")
        years = YEAR_OFFSETS[(i // len(real)) % len(YEAR_OFFSETS)]
        old_date = DATE.search(text).group(1)
        new_date = shift(old_date, years)
        prefix = re.match(r"^\d{4}(?:-\d{2}){0,2}", base.stem).group(0)
        name = shift(prefix, years) + base.stem[len(prefix):] + f"-copy{i}.md"
        (folder / name).write_text(DATE.sub(f'date: "{new_date}"', text, count=1), encoding="utf-8")
        made += 1
    return len(real) + made


def plain_project(project: Path, markdown: Path, dest: Path) -> Path:
    """The rendered markdown of every page as plain docs, built without the macros plugin or hooks."""
    dest.mkdir(parents=True)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"\n  - macros:\n(?:      .*\n)+", "\n", config)
    config = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config)
    config = config.replace("plugins:\n\n", "plugins: []\n\n")
    config = re.sub(r"\nwatch:\n(?:  - .*\n)+", "\n", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(project / "overrides", dest / "overrides")
    shutil.copytree(project / "docs", dest / "docs")
    shutil.copytree(markdown, dest / "docs", dirs_exist_ok=True)
    return dest


# --- Measuring ---------------------------------------------------------------------


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak memory (MB) of a command, in a child that reports its own children's peak."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
             "sys.stderr.write(r.stdout[-2000:] + r.stderr[-2000:] if r.returncode else ''); sys.exit(r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, env=env or ENV, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{out.stderr}")
    seconds, kb = out.stdout.split()
    return float(seconds), int(kb) / 1024


def pagefind(site: Path) -> float:
    start = time.perf_counter()
    subprocess.run(pagefind_command(str(site)), check=True)
    return time.perf_counter() - start


class Compressed(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it, as GitHub Pages does."""

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        body = path.read_bytes()
        ctype = self.guess_type(str(path))
        packed = "gzip" in self.headers.get("Accept-Encoding", "") and (
            ctype.startswith("text/") or ctype in ("application/javascript", "application/json", "image/svg+xml"))
        if packed:
            body = gzip.compress(body, 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Compressed, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_search(base: str, query: str) -> tuple[int, int]:
    """Bytes transferred and requests made by the search page's first query (Pagefind's files)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROME_FLAGS.split()[1:])
        page = browser.new_page()
        page.goto(f"{base}search/?q={query}", wait_until="networkidle")
        page.locator(".pagefind-ui__result").first.wait_for(timeout=20000)
        page.wait_for_load_state("networkidle")
        entries = page.evaluate("performance.getEntriesByType('resource').filter(r => r.name.includes('/pagefind/'))"
                                ".map(r => r.transferSize)")
        browser.close()
    return sum(entries), len(entries)


def lighthouse(url: str, runs: int = LH_RUNS) -> dict[str, float] | None:
    """The run with the median performance score of `runs`, and the lowest and highest scores seen: one run's
    score swung by up to 14 points here for the same page."""
    results = [r for r in (_lighthouse_once(url) for _ in range(runs)) if r]
    if not results:
        return None
    results.sort(key=lambda r: r["perf"])
    return {**results[len(results) // 2], "perf_min": results[0]["perf"], "perf_max": results[-1]["perf"]}


def _lighthouse_once(url: str) -> dict[str, float] | None:
    if not LIGHTHOUSE.exists():
        return None
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--chrome-flags={CHROME_FLAGS}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        capture_output=True, text=True, env={**ENV, "CHROME_PATH": "/usr/bin/chromium"}, timeout=300,
    )
    if result.returncode != 0:
        print(f"    lighthouse failed on {url}: {result.stderr.strip().splitlines()[-1:]}")
        return None
    report = json.loads(result.stdout)
    cats = report["categories"]
    audits = report["audits"]
    return {
        "perf": cats["performance"]["score"] * 100, "a11y": cats["accessibility"]["score"] * 100,
        "bp": cats["best-practices"]["score"] * 100, "seo": cats["seo"]["score"] * 100,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "requests": len(audits["network-requests"]["details"]["items"]),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild(project: Path, runs: int = 3) -> float:
    """Median seconds from saving an event file to the rebuilt page showing the edit, under `mkdocs serve`."""
    port = free_port()
    log = project / "serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stdout=log.open("w"), stderr=subprocess.STDOUT)
    event = sorted((project / "data" / "events").glob("2021-05-05-chung-motegi-london-meeting.md"))[0]
    url = f"http://127.0.0.1:{port}/timeline/2021/"
    original = event.read_text(encoding="utf-8")
    times = []
    try:
        wait_until(url, lambda page: "Chung and Motegi" in page, 600)
        for i in range(runs):
            marker = f"Chung and Motegi meet, edit {i}"
            builds = log.read_text(encoding="utf-8").count("Reloading browsers")
            event.write_text(re.sub(r"^title: .*$", f'title: "{marker}"', original, count=1, flags=re.M), encoding="utf-8")
            start = time.perf_counter()
            wait_until(url, lambda page, m=marker: m in page, 600)
            times.append(time.perf_counter() - start)
            # Let this rebuild finish (the page shows before the rest is written) so the next edit is timed alone.
            end = time.monotonic() + 600
            while log.read_text(encoding="utf-8").count("Reloading browsers") <= builds and time.monotonic() < end:
                time.sleep(0.1)
            time.sleep(0.5)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        event.write_text(original, encoding="utf-8")
    return statistics.median(times)


def wait_until(url: str, ok, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - a local server
                if ok(r.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"timed out waiting for {url}")


# --- The run ---------------------------------------------------------------------------


def measure(n: int, work: Path, with_lighthouse: bool, with_serve: bool) -> dict[str, object]:
    project = copy_project(work / f"project-{n}")
    events = add_synthetic_events(project, n)
    site, markdown = work / f"site-{n}", work / f"markdown-{n}"
    check_s = statistics.median(run([sys.executable, "-m", "macros", "check", "--require-archive"], project)[0]
                                for _ in range(CHECK_RUNS))
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    run(build, project, {**ENV, "EXPLAINER_DUMP_MARKDOWN": str(markdown)})  # writes the markdown the plain build is made of
    if not json.loads((site / "verification.json").read_text(encoding="utf-8"))["verified"]:
        raise SystemExit(f"the build at {n} events did not verify its quotes against {ARCHIVE}")
    plain = plain_project(project, markdown, work / f"plain-{n}")
    plain_build = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(work / f"plain-site-{n}")]
    builds, plains = [], []
    for _ in range(BUILD_RUNS):  # in turns, so a slow spell of the machine falls on both
        builds.append(run(build, project))
        plains.append(run(plain_build, plain)[0] + pagefind(work / f"plain-site-{n}"))
    build_s, build_mb = statistics.median(s for s, _ in builds), max(mb for _, mb in builds)
    plain_s = statistics.median(plains)
    pages = [p for p in site.rglob("*.html")]
    largest = max(pages, key=lambda p: p.stat().st_size)
    row: dict[str, object] = {
        "events": events, "build_s": build_s, "ms_per_event": 1000 * build_s / events, "peak_mb": build_mb,
        "plain_s": plain_s, "ratio": build_s / plain_s, "check_s": check_s, "pages": len(pages),
        "largest_kb": largest.stat().st_size / 1024, "largest": str(largest.relative_to(site).parent),
    }
    server, base = serve(site)
    try:
        row["search_kb"], row["search_requests"] = first_search(base, "Kono")
        row["search_kb"] = row["search_kb"] / 1024  # type: ignore[operator]
        if with_lighthouse:
            row["lighthouse"] = {path or "/": lighthouse(base + path) for path in LH_PAGES}
    finally:
        server.shutdown()
    if with_serve:
        row["serve_s"] = serve_rebuild(project)
    return row


def report(rows: list[dict[str, object]]) -> None:
    print(f"\nMachine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; {time.strftime('%Y-%m-%d')}")
    print("| events | build s | ms/event | peak MB | plain s | data layer | check s | pages | largest page | first search | serve edit s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for r in rows:
        serve_s = f"{r['serve_s']:.2f}" if "serve_s" in r else "–"
        print(f"| {r['events']} | {r['build_s']:.1f} | {r['ms_per_event']:.1f} | {r['peak_mb']:.0f} | {r['plain_s']:.1f} | "
              f"{100 * (r['ratio'] - 1):+.0f}% | {r['check_s']:.2f} | {r['pages']} | {r['largest_kb']:.0f} kB ({r['largest']}) | "
              f"{r['search_kb']:.0f} kB in {r['search_requests']} requests | {serve_s} |")
    print(f"\nLighthouse, mobile: the median of {LH_RUNS} runs per page (performance: lowest-highest of the runs)")
    print("| events | page | performance | total blocking ms | accessibility | best practices | SEO | transferred | requests |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        for path, lh in (r.get("lighthouse") or {}).items():
            if lh:
                print(f"| {r['events']} | {path} | {lh['perf']:.0f} ({lh['perf_min']:.0f}-{lh['perf_max']:.0f}) | {lh['tbt']:.0f} | "
                      f"{lh['a11y']:.0f} | {lh['bp']:.0f} | {lh['seo']:.0f} | {lh['kb']:.0f} kB | {lh['requests']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=SIZES, help="event counts (0 = today's data)")
    args = parser.parse_args()
    if not ARCHIVE.is_dir():
        raise SystemExit(f"no source archive at {ARCHIVE}: the benchmark measures builds that verify every quote, "
                         "as real builds do; set SOURCES_ARCHIVE, e.g. SOURCES_ARCHIVE=../shared/sources make bench")
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    rows = []
    try:
        for n in args.sizes:
            print(f"measuring {n or 'today'} ...", flush=True)
            rows.append(measure(n, work, with_lighthouse=n in (0, 5000), with_serve=n in (0, 2000)))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows)


if __name__ == "__main__":
    main()
