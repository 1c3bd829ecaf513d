"""The loader on a small valid data set, and how it reports a defect."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros import yamlio
from macros.archive import Archive, normalise
from macros.errors import DataErrors
from macros.load import load_site, walk_citations
from macros.models import EventMeta

from .conftest import FIXTURE


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    return tmp_path


def test_fixture_loads_and_verifies(data: Path, archive: Path) -> None:
    site = load_site(data, Archive(archive))
    assert site.verified
    assert [e.id for e in site.events] == ["2020-02-15-munich-meeting", "2021-05-05-chung-motegi-london"]
    assert set(site.disputes) == {"forced-labour", "comfort-women", "export-controls", "fukushima-water", "gsomia"}
    assert len(site.citations) >= 10
    assert site.archive_hashes["hankyoreh-2021-05-06"] == site.sources["hankyoreh-2021-05-06"].sha256


def test_event_citations_are_all_found_with_their_lines(data: Path, archive: Path) -> None:
    """The loader reads an event's citations from `sources` alone: the generic walk over every field
    must find the same ones, at the same lines, so a citation added to another field is not missed."""
    assert [n for n, f in EventMeta.model_fields.items() if "Citation" in str(f.annotation)] == ["sources"]
    site = load_site(data, Archive(archive))
    for event in site.events:
        raw = yamlio.load(yamlio.split_front_matter((data / site.files[f"event:{event.id}"]).read_text())[0])
        walked = [(".".join(map(str, loc)), c, yamlio.line_of(raw, (*loc, "quote")), yamlio.line_of(raw, (*loc, "source")))
                  for name in EventMeta.model_fields for loc, c in walk_citations(getattr(event, name), (name,))]
        read = [(c.field, c.citation, c.line, c.source_line) for c in site.citations if c.owner == f"event:{event.id}"]
        assert read == walked and walked


def test_yaml_keeps_lines_through_aliases_and_refuses_recursion_and_collection_keys() -> None:
    data = yamlio.load('a: &x [one, two]\nb: *x\nc: "a * in text"\nd: 2019-05-23\n', first_line=2)
    assert data == {"a": ["one", "two"], "b": ["one", "two"], "c": "a * in text", "d": "2019-05-23"}
    assert data.lines == {"a": 2, "b": 3, "c": 4, "d": 5}
    assert yamlio.load("plain: a * b\n") == {"plain": "a * b"}
    with pytest.raises(yamlio.YAMLProblem, match="recursive alias"):
        yamlio.load("a: &x [*x]\n")
    with pytest.raises(yamlio.YAMLProblem, match="must be plain text") as e:
        yamlio.load("ok: 1\n? [a, b]\n: value\n")
    assert e.value.line == 2


def test_without_archive_it_loads_unverified(data: Path, tmp_path: Path) -> None:
    site = load_site(data, Archive(tmp_path / "no-archive"))
    assert not site.verified


def test_quote_matching_ignores_only_whitespace_quote_style_and_captured_links() -> None:
    assert normalise("the  “top court”\nruling") == normalise('the "top court" ruling')
    assert normalise("Japan’s") == normalise("Japan's")
    assert normalise("Japan's") != normalise("Japans")
    assert normalise("who was [inaugurated as president](#) in May") == normalise("who was inaugurated as president in May")
    assert normalise("[such as regional security]") == "[such as regional security]"


def test_words_are_the_same_on_the_ascii_path_and_the_pattern_path() -> None:
    import re
    import string

    from macros.archive import tokens

    ascii_text = "Moon's \"future-oriented\" talks_2019 (1965); a|b\tc\x0bd\x1fe!" + string.punctuation + string.digits
    assert tokens(ascii_text) == re.findall(r"[\w']+", ascii_text.lower())
    assert tokens(ascii_text + " \u00e9t\u00e9 \u2019tis") == [*tokens(ascii_text), "\u00e9t\u00e9", "'tis"]


@pytest.mark.parametrize("found", ["<a", "< b", "</i", "<!--", "<?x", "{{", "{%", "{#", "%}", "}}", "[", "]", "{", "}", "\n   # Heading"])
def test_the_quick_look_for_markup_never_passes_over_what_the_full_search_refuses(found: str) -> None:
    """Bodies and text fields are searched for markup only when they hold a character every match holds."""
    from macros import load, models

    text = f"Plain words {found} more words"
    assert load._BODY_FORBIDDEN.search(text) and load._BODY_SUSPECT.search(text)
    if models._MARKUP.search(text):
        with pytest.raises(ValueError, match="plain text"):
            models._no_markup(text)


def test_every_problem_is_reported_with_file_line_and_field(data: Path, archive: Path) -> None:
    event = data / "data" / "events" / "2021-05-05-chung-motegi-london.md"
    text = event.read_text().replace("disputes: [forced-labour, fukushima-water]", "disputes: [forced-labor]")
    text = text.replace("amid an awkward mood Wednesday.", "amid a cheerful mood Wednesday.")
    event.write_text(text)
    with pytest.raises(DataErrors) as caught:
        load_site(data, Archive(archive))
    lines = [str(p) for p in caught.value.problems]
    path = "data/events/2021-05-05-chung-motegi-london.md"
    assert f"{path}:4: disputes.0: unknown id 'forced-labor'; expected one of comfort-women, export-controls, forced-labour, fukushima-water, gsomia" in lines
    assert any(line.startswith(f"{path}:10: sources.0.quote: not found verbatim in the archived text of hankyoreh-2021-05-06") for line in lines)
    assert len(lines) == 2


def test_changed_archive_text_is_detected(data: Path, archive: Path, tmp_path: Path) -> None:
    changed = tmp_path / "archive"
    shutil.copytree(archive, changed)
    target = changed / "hankyoreh-2021-05-06.txt"
    target.write_text(target.read_text() + "\nAn appended line.\n")
    with pytest.raises(DataErrors) as caught:
        load_site(data, Archive(changed))
    (problem,) = caught.value.problems
    assert problem.path == "data/sources.yml" and problem.field == "hankyoreh-2021-05-06.sha256"
    assert "the text changed" in problem.message
