"""Speed and size of the site, printed as numbers (run with `make bench`; not a pass/fail test).

Measures: the data check and the strict build (median of several runs), the
built site's size, each page's weight and load time in Debian's headless
Chromium, and, when the `lighthouse` npm package is installed in .bench/,
Lighthouse performance and accessibility scores for the main pages.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3
PAGES = ["", "disputes/forced-labour/", "disputes/gsomia/", "timeline/", "people/", "glossary/", "sources/"]
LIGHTHOUSE = ROOT / ".bench" / "node_modules" / ".bin" / "lighthouse"


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kw)
    return time.perf_counter() - start


def main() -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    out = Path(tempfile.mkdtemp(prefix="bench-site-"))
    check = [timed([sys.executable, "-m", "macros", "check"], cwd=ROOT, env=env) for _ in range(RUNS)]
    builds = [timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT, env=env)
              for _ in range(RUNS)]
    print(f"data check:    median {statistics.median(check):.2f} s over {RUNS} runs")
    print(f"strict build:  median {statistics.median(builds):.2f} s over {RUNS} runs (min {min(builds):.2f} s)")

    files = [p for p in out.rglob("*") if p.is_file()]
    html_files = [p for p in files if p.suffix == ".html"]
    print(f"site:          {len(html_files)} HTML pages, {len(files)} files, "
          f"{sum(p.stat().st_size for p in files) / 1e6:.2f} MB in all, "
          f"{sum(p.stat().st_size for p in html_files) / 1e3:.0f} kB of HTML")

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}), directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        browser_timings(base)
        lighthouse(base)
    finally:
        server.shutdown()
        shutil.rmtree(out, ignore_errors=True)


def browser_timings(base: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        print("page                          weight   DOM ready   load   (weight: HTML + every resource, uncompressed)")
        for path in PAGES:
            loads, doms = [], []
            for _ in range(RUNS):
                page.goto(base + path, wait_until="load")
                nav = page.evaluate("JSON.stringify(performance.getEntriesByType('navigation')[0])")
                nav = json.loads(nav)
                res = page.evaluate("performance.getEntriesByType('resource').reduce((s, r) => s + r.decodedBodySize, 0)")
                loads.append(nav["loadEventEnd"])
                doms.append(nav["domContentLoadedEventEnd"])
            weight = (nav["decodedBodySize"] + res) / 1e3
            print(f"/{path:27} {weight:6.0f} kB  {statistics.median(doms):7.0f} ms  {statistics.median(loads):5.0f} ms")
        browser.close()


def lighthouse(base: str) -> None:
    if not LIGHTHOUSE.exists():
        print("lighthouse:    not installed (npm install --prefix .bench lighthouse@12), skipped")
        return
    print("lighthouse                performance  accessibility  best-practices")
    for path in PAGES[:4]:
        result = subprocess.run(
            [str(LIGHTHOUSE), base + path, "--quiet", "--output=json", "--only-categories=performance,accessibility,best-practices",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking", "--preset=desktop"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"}, timeout=240,
        )
        if result.returncode != 0:
            print(f"/{path:13} failed: {result.stderr.strip().splitlines()[-1:]}")
            continue
        cats = json.loads(result.stdout)["categories"]
        print(f"/{path:24} {cats['performance']['score'] * 100:11.0f}  {cats['accessibility']['score'] * 100:13.0f}  "
              f"{cats['best-practices']['score'] * 100:14.0f}")


if __name__ == "__main__":
    main()
