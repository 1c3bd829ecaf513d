"""The data contract, as pydantic models: one class per kind of data file entry.

These classes are the single source of truth for what editors may write: the
loader validates against them, `python -m macros schema` turns them into the
JSON Schemas editors' tools use, and the contributing guide quotes their rules.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

from .dates import ACCEPTED, EDTF, parse

MAX_QUOTE_WORDS = 25  # a brief anchor: the few words that carry a claim and locate it, never an excerpt
MAX_TEXT = 600  # characters in one sentence-sized field
MAX_BODY = 2500  # characters in an event's markdown body

_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|\{\{|\{%|\{#|%\}|\}\}")


def _no_markup(value: str) -> str:
    """Refuse HTML and template syntax: text is data, never code."""
    if ("<" in value or "{" in value or "}" in value) and _MARKUP.search(value):  # each match holds one
        raise ValueError("must be plain text: no HTML tags and no {{ }}, {% %} or {# #}")
    if value != value.strip():
        raise ValueError("must not start or end with spaces or blank lines")
    return value


def _quote(value: str) -> str:
    _no_markup(value)
    words = len(value.split())
    if words > MAX_QUOTE_WORDS:
        raise ValueError(f"quote is {words} words; quotes may be at most {MAX_QUOTE_WORDS} words")
    return value


Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80),
    Field(description="A lowercase id made of letters, digits and single hyphens."),
]
Text = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_TEXT),
    AfterValidator(_no_markup),
    Field(description=f"Plain text (no HTML, no {{{{ }}}}), at most {MAX_TEXT} characters."),
]
Quote = Annotated[
    str,
    StringConstraints(min_length=1, max_length=400),
    AfterValidator(_quote),
    Field(
        description=f"An exact passage of the source, at most {MAX_QUOTE_WORDS} words; "
        "only whitespace and straight/curly quote marks may differ."
    ),
]
Date = Annotated[
    EDTF,
    PlainValidator(parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?[~?%]?(/\d{4}(-\d{2}(-\d{2})?)?[~?%]?)?$",
            "description": f"An EDTF date at the source's precision: {ACCEPTED}.",
        }
    ),
]

Side = Literal["japan", "south-korea"]
Country = Literal["japan", "south-korea", "north-korea", "united-states", "china", "russia"]
EventKind = Literal[
    "meeting", "talks", "visit", "call", "speech", "statement", "ruling", "court-action",
    "policy", "agreement", "election", "appointment", "poll", "missile-launch", "other",
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Citation(Strict):
    """One source and the exact passage of it that supports a statement."""

    source: Slug = Field(description="An id from data/sources.yml.")
    quote: Quote


class Claim(Strict):
    """A statement in the site's own words and the passages that support it."""

    text: Text
    sources: list[Citation] = Field(min_length=1)


class Author(Strict):
    family: Text
    given: Text


class Source(Strict):
    """One archived article, described with CSL-JSON field names."""

    id: Slug
    type: Literal["article-newspaper", "article-magazine", "article", "webpage", "report"]
    title: Text = Field(description="The headline, or a supplied title in [square brackets].")
    container_title: Text = Field(alias="container-title", description="The publisher.")
    author: list[Author] = Field(default_factory=list)
    issued: Date
    URL: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)] | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] = Field(
        description="SHA-256 of the archived text file, in lowercase hex."
    )
    note: Text | None = Field(default=None, description="How the publisher, date or title were inferred.")


class OtherPosition(Strict):
    party: Text = Field(description="Who holds this position, e.g. 'The United States', 'Analysts'.")
    claims: list[Claim] = Field(min_length=1)


class Positions(Strict):
    """Each side's stated position; an empty list means the sources are silent."""

    japan: list[Claim]
    south_korea: list[Claim] = Field(alias="south-korea")


class Dispute(Strict):
    id: Slug
    title: Text
    summary: Claim = Field(description="One sentence for the home page card.")
    status: Claim = Field(description="Where the dispute stands, as of the latest source.")
    about: list[Claim] = Field(min_length=1, description="What the dispute is about, a claim per sentence.")
    positions: Positions
    other_positions: list[OtherPosition] = Field(default_factory=list)
    facts: list[Claim] = Field(default_factory=list)
    gaps: list[Text] = Field(default_factory=list, description="What the sources do not say, in the site's words.")
    related: list[Slug] = Field(default_factory=list, description="Ids of related disputes.")
    contested_terms: list[Slug] = Field(default_factory=list, description="Glossary ids of contested terms.")


class Person(Strict):
    id: Slug
    name: Text
    country: Country | None = Field(default=None, description="The state the person acted for, if any.")
    role: Claim = Field(description="Role at the time of the events, cited.")
    says: list[Citation] = Field(default_factory=list, description="Words the sources quote the person as saying.")


class Wording(Strict):
    side: Literal["japan", "south-korea", "neutral", "other"]
    wording: Text
    sources: list[Citation] = Field(min_length=1)


class Term(Strict):
    id: Slug
    term: Text
    contested: bool = False
    definition: Claim
    wordings: list[Wording] = Field(default_factory=list, description="How each side's sources word it.")
    disputes: list[Slug] = Field(default_factory=list)
    matches: list[Text] = Field(default_factory=list, description=(
        "Phrases that stand for the term in running text; the first on each page explains the term on hover and focus."))

    @model_validator(mode="after")
    def _contested_needs_wordings(self) -> Term:
        if self.contested and not self.wordings:
            raise ValueError("a contested term needs the wordings the sources use")
        return self


class Link(Strict):
    """A cause-and-effect link between two disputes, as a source states it."""

    cause: Slug
    effect: Slug
    kind: Text | None = Field(default=None, description="A few words naming the link, in the site's words, for the diagram's arrow.")
    claim: Claim


class Point(Strict):
    date: Date
    value: float
    source: Citation
    note: Text | None = Field(default=None, description="How the value or date was derived from the source.")


class Series(Strict):
    label: Text
    points: list[Point] = Field(min_length=1)


class Figure(Strict):
    id: Slug
    title: Text
    unit: Text = Field(description="e.g. 'per cent of respondents'")
    disputes: list[Slug] = Field(default_factory=list)
    series: list[Series] = Field(min_length=1)
    note: Text | None = None


class EventMeta(Strict):
    """The front matter of data/events/*.md."""

    date: Date
    title: Text
    disputes: list[Slug]
    sources: list[Citation] = Field(min_length=1)
    people: list[Slug] = Field(default_factory=list)
    kind: EventKind = "other"
    date_note: Text | None = Field(
        default=None, description="How the date was worked out, e.g. 'year inferred from the issue date'."
    )


class Event(EventMeta):
    id: Slug
    body: str


FILES: dict[str, tuple[type[Strict], bool]] = {
    "sources": (Source, True),
    "disputes": (Dispute, True),
    "people": (Person, True),
    "glossary": (Term, True),
    "links": (Link, False),
    "figures": (Figure, True),
}
"""data/<name>.yml: the model of each entry, and whether entries carry an `id`."""
