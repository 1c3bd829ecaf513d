import pytest

from macros.dates import DateError, parse


@pytest.mark.parametrize(
    ("text", "shown", "precision"),
    [
        ("2018", "2018", "year"),
        ("2018-10", "October 2018", "month"),
        ("2018-10-30", "30 October 2018", "day"),
        ("2014-09~", "c. September 2014", "month"),
        ("2019-05?", "May 2019 (uncertain)", "month"),
        ("2019-05-27/2019-06-30", "between 27 May and 30 June 2019", "day"),
        ("2020-11/2021-02", "between November 2020 and February 2021", "month"),
    ],
)
def test_display_keeps_the_source_precision(text: str, shown: str, precision: str) -> None:
    d = parse(text)
    assert d.display() == shown
    assert d.precision == precision
    assert str(d) == text


def test_yaml_bare_year_is_accepted() -> None:
    assert parse(2018).display() == "2018"


@pytest.mark.parametrize("bad", ["2019-02-30", "2019-02-29~", "2020-02-30/2020-03", "2019-13", "23/05/2019", "2019-05-23T10:00", "", "May 2019", "2021/2019", True, 3.5, None])
def test_invalid_dates_are_refused(bad: object) -> None:
    with pytest.raises(DateError):
        parse(bad)


def test_sorting_puts_coarser_dates_first_within_their_period() -> None:
    dates = ["2018-10-30", "2018", "2019", "2018-10", "2017-08", "2018-11-06"]
    ordered = sorted(dates, key=lambda t: parse(t).sort_key())
    assert ordered == ["2017-08", "2018", "2018-10", "2018-10-30", "2018-11-06", "2019"]


def test_iso_hint_is_only_the_known_part() -> None:
    assert parse("2014-09~").iso_hint() == "2014-09"
    assert parse("2018").iso_hint() == "2018"
