"""The private archive of source texts, and verbatim quote checking against it.

The archive is never committed (the articles are copyrighted); its folder comes
from SOURCES_ARCHIVE. A quote matches when it occurs in the text ignoring only
whitespace, straight-versus-curly quote marks, and the markup of in-text links
that web captures leave behind (`[words](#)` reads as `words`).
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})
_CAPTURED_LINK = re.compile(r"\[([^\[\]]*)\]\(#?\)")
_WORD = re.compile(r"\S+")
_SHINGLE = 8  # characters: long enough that most shingles occur once in an article
_TOKEN = re.compile(r"[\w']+")
_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c in "_'")})


def _straight(text: str) -> str:
    """Curly quote marks made straight; they are not ASCII, so most texts need no translating."""
    return text if text.isascii() else text.translate(_QUOTES)


def normalise(text: str) -> str:
    text = _straight(text)
    if "[" in text:
        text = _CAPTURED_LINK.sub(r"\1", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """Lowercased words without punctuation, for comparing prose with an article. ASCII text (most of it)
    is split at its other characters, made spaces: the same words as the pattern finds, in two-thirds the time."""
    text = _straight(text).lower()
    return text.translate(_NOT_WORD).split() if text.isascii() else _TOKEN.findall(text)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def archive_dir(root: Path) -> Path:
    """SOURCES_ARCHIVE if set (relative to the repository root), else root/archive."""
    configured = os.environ.get("SOURCES_ARCHIVE")
    return (root / configured).resolve() if configured else root / "archive"


class Article:
    """An archived text split into words, for locating quotes by word."""

    def __init__(self, raw: str):
        self.paragraph_starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for para in (normalise(p) for p in raw.splitlines()):
            if para:
                self.paragraph_starts.append(offset)
                parts.append(para)
                offset += len(para) + 1
        self.text = " ".join(parts)
        self.word_starts = [m.start() for m in _WORD.finditer(self.text)]
        self.word_ends = [m.end() for m in _WORD.finditer(self.text)]
        self.tokens = tokens(self.text)
        self._grams: dict[int, set[tuple[str, ...]]] = {}
        self._found: dict[str, list[int]] = {}
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._index: dict[str, list[int]] | None = None

    def grams(self, n: int) -> set[tuple[str, ...]]:
        if n not in self._grams:
            self._grams[n] = {tuple(self.tokens[i:i + n]) for i in range(len(self.tokens) - n + 1)}
        return self._grams[n]

    def occurrences(self, quote: str) -> list[int]:
        """Where the normalised quote starts in the text: an index of short shingles finds the candidates,
        so the cost follows the quote's few candidate places, not the article's length."""
        found = self._found.get(quote)
        if found is None:
            if len(quote) < _SHINGLE:
                found, at = [], self.text.find(quote) if quote else -1
                while at >= 0:
                    found.append(at)
                    at = self.text.find(quote, at + 1)
            else:
                found = [i for i in self._shingles().get(quote[:_SHINGLE], ()) if self.text.startswith(quote, i)]
            self._found[quote] = found
        return found

    def _shingles(self) -> dict[str, list[int]]:
        if self._index is None:
            self._index = {}
            for i in range(len(self.text) - _SHINGLE + 1):
                self._index.setdefault(self.text[i:i + _SHINGLE], []).append(i)
        return self._index

    def spans(self, quote: str) -> list[tuple[int, int]]:
        """Every occurrence of the quote, as (first word, last word) indices. Remembered by the quote as
        written: the check of each citation and the ceilings' count both ask."""
        out = self._spans.get(quote)
        if out is None:
            q = normalise(quote)
            out = []
            for at in self.occurrences(q):
                first = bisect.bisect_right(self.word_starts, at) - 1
                last = bisect.bisect_left(self.word_ends, at + len(q))
                out.append((max(first, 0), min(last, len(self.word_starts) - 1)))
            self._spans[quote] = out
        return out

    def paragraph_of(self, word: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, self.word_starts[word])



@dataclass
class Archive:
    """The archived texts that exist, read once per build."""

    folder: Path
    texts: dict[str, str] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
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
            self.articles[source_id] = Article(data.decode("utf-8"))
            self.texts[source_id] = self.articles[source_id].text
        return self.texts[source_id]

    def article(self, source_id: str) -> Article:
        self.read(source_id)
        return self.articles[source_id]

    def contains(self, source_id: str, quote: str) -> bool:
        self.read(source_id)
        return bool(self.articles[source_id].spans(quote))
