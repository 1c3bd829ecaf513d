"""The private archive of source texts, and verbatim quote checking against it.

The archive is never committed (the articles are copyrighted); its folder comes
from SOURCES_ARCHIVE. A quote matches when it occurs in the text ignoring only
whitespace, straight-versus-curly quote marks, and the markup of in-text links
that web captures leave behind (`[words](#)` reads as `words`).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_SPACE = re.compile(r"\s+")
_CAPTURED_LINK = re.compile(r"\[([^\[\]]*)\]\(#?\)")


def normalise(text: str) -> str:
    return _SPACE.sub(" ", _CAPTURED_LINK.sub(r"\1", text.translate(_QUOTES))).strip()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_dir(root: Path) -> Path:
    """SOURCES_ARCHIVE if set (relative to the repository root), else root/archive."""
    configured = os.environ.get("SOURCES_ARCHIVE")
    return (root / configured).resolve() if configured else root / "archive"


@dataclass
class Archive:
    """The archived texts that exist, read once per build."""

    folder: Path
    texts: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)

    @property
    def present(self) -> bool:
        return self.folder.is_dir()

    def path(self, source_id: str) -> Path:
        return self.folder / f"{source_id}.txt"

    def read(self, source_id: str) -> str:
        """The normalised text; raises OSError or UnicodeDecodeError for the loader to report."""
        if source_id not in self.texts:
            data = self.path(source_id).read_bytes()
            self.hashes[source_id] = sha256(data)
            self.texts[source_id] = normalise(data.decode("utf-8"))
        return self.texts[source_id]

    def contains(self, source_id: str, quote: str) -> bool:
        return normalise(quote) in self.read(source_id)
