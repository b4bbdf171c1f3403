"""Check the rendered report in headless Chromium: screenshots, and the direction of Arabic blocks.

Run `python -m sahel_analysis.report.check [REPORT_DIR]`. It needs Debian's
`chromium`; everything stays offline (the pages are local files).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)
# Injected into a copy of each page: records the computed direction of every block holding Arabic.
PROBE = """<script>
window.addEventListener('load', () => {
  const arabic = /[\\u0600-\\u06ff]/;
  const out = [];
  for (const el of document.querySelectorAll('p, li, h1, h2, h3, td, th, div[dir]')) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('');
    if (!arabic.test(own)) continue;
    const letters = own.replace(/[^\\u0600-\\u06ffA-Za-z]/g, '');
    const share = (letters.match(/[\\u0600-\\u06ff]/g) || []).length / Math.max(1, letters.length);
    out.push({tag: el.tagName.toLowerCase(), direction: getComputedStyle(el).direction, arabic_share: share,
              text: own.trim().slice(0, 40)});
  }
  const pre = document.createElement('pre'); pre.id = 'direction-probe';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
});
</script>"""


@dataclass(frozen=True)
class PageCheck:
    """What the browser computed for one page's Arabic blocks."""

    page: str
    arabic_blocks: int
    rtl_blocks: int
    wrong: tuple[str, ...]  # mostly-Arabic prose blocks laid out left to right

    @property
    def ok(self) -> bool:
        return not self.wrong


def find_chromium() -> str | None:
    """Path of a Chromium binary, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _run(browser: str, args: list[str]) -> str:
    with tempfile.TemporaryDirectory() as profile:
        out = subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
    return out.stdout


def check_page(page: Path, browser: str, screenshot: Path | None = None) -> PageCheck:
    """Load one page, read the computed direction of its Arabic blocks, optionally screenshot it."""
    source = page.read_text(encoding="utf-8")
    probed = page.with_name(f".probe-{page.name}")
    probed.write_text(source.replace("</body>", PROBE + "</body>", 1), encoding="utf-8")
    try:
        dom = _run(browser, ["--virtual-time-budget=5000", "--dump-dom", probed.as_uri()])
    finally:
        probed.unlink()
    m = re.search(r'<pre id="direction-probe"[^>]*>(.*?)</pre>', dom, re.S)  # themes may add attributes
    blocks = json.loads(html.unescape(m.group(1))) if m else []
    # prose that is mostly Arabic must run right to left; code, tables of mixed text may not
    prose = [
        b for b in blocks if b["tag"] in ("p", "li", "h1", "h2", "h3", "div") and b["arabic_share"] > 0.6
    ]
    wrong = tuple(b["text"] for b in prose if b["direction"] != "rtl")
    if screenshot is not None:
        _run(browser, ["--window-size=1200,3000", f"--screenshot={screenshot}", page.as_uri()])
    return PageCheck(page.name, len(blocks), sum(b["direction"] == "rtl" for b in blocks), wrong)


def check_report(report_dir: Path, screenshots: Path | None = None) -> list[PageCheck]:
    """Check every page of the report; write one screenshot per page if a folder is given."""
    browser = find_chromium()
    if browser is None:
        raise RuntimeError("chromium not found: apt-get install chromium")
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    checks = []
    for page in sorted(Path(report_dir).resolve().glob("*.html")):
        shot = screenshots / f"{page.stem}.png" if screenshots is not None else None
        checks.append(check_page(page, browser, shot))
    return checks


def main(argv: list[str]) -> int:
    report_dir = (Path(argv[0]) if argv else Path("report")).resolve()
    checks = check_report(report_dir, report_dir / "screenshots")
    for c in checks:
        status = "ok" if c.ok else f"LTR Arabic prose: {c.wrong[:3]}"
        print(f"{c.page:40} {c.rtl_blocks:4}/{c.arabic_blocks:<4} Arabic blocks RTL  {status}")
    return 0 if all(c.ok for c in checks) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
