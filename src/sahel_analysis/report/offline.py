"""Find what a built report would fetch from the network: it must fetch nothing.

A link a reader may click (`<a href="https://…">`) is fine; a resource the page
loads by itself (a script, a stylesheet, a font, an image, an import) is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# src/href on anything but <a>, CSS url(…) and @import, JS import/fetch/require of a remote URL
REMOTE_RESOURCE_RE = re.compile(
    r"""<(?!a\b)[a-z]+\b[^>]*?\b(?:src|href|data)\s*=\s*["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//"""
    r"""|@import\s+(?:url\()?\s*["']?(?:https?:)?//"""
    r"""|\b(?:import|fetch|require|importScripts)\s*\(?\s*["'](?:https?:)?//""",
    re.I,
)
CHECKED_SUFFIXES = (".html", ".css", ".js")


@dataclass(frozen=True)
class RemoteResource:
    """One reference to the network found in a built file."""

    file: str
    excerpt: str


def remote_resources(text: str) -> list[str]:
    """The excerpts of `text` that load something from the network.

    >>> remote_resources('<a href="https://example.org">a link</a>')
    []
    >>> remote_resources('<script src="https://cdn.example/x.js"></script>')
    ['<script src="https://']
    >>> remote_resources('@font-face { src: url("//fonts.example/f.woff") }')
    ['url("//']
    """
    return [m.group(0) for m in REMOTE_RESOURCE_RE.finditer(text)]


def find_remote_resources(site: Path) -> list[RemoteResource]:
    """Every remote resource any HTML, CSS or JS file under `site` would load."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in CHECKED_SUFFIXES or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [RemoteResource(str(path.relative_to(site)), ex) for ex in remote_resources(text)]
    return found
