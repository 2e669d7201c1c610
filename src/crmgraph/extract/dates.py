"""Dates as a sentence gives them: ``7 November 2022``, ``May 2024``, ``June 12``, ``(2023)``, ``in 2022``.

Dates are normalised to ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as precise as the
text is, and never more precise.
"""

from __future__ import annotations

import re
from functools import lru_cache

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9

#: A month's English name or abbreviation, as a regular expression without groups (for other modules' patterns too).
MONTH_NAME = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
              r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_MONTH = r"(?P<month>" + MONTH_NAME + r")\.?"
_DAY_MONTH_YEAR = re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
_YEAR_MONTH_DAY = re.compile(r"\((?P<year>(?:19|20)\d\d),\s+" + _MONTH + r"(?:\s+(?P<day>[0-3]?\d))?\)")
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b")
_YEAR = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)(?![\d/-])")
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
#: Every date pattern contains a year, 19xx or 20xx: text without one has no date.
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
#: What every match of _MONTH begins with (it is case-sensitive): text without one has no date with a month.
_ANY_MONTH = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_DIGIT = re.compile(r"\d")


def _fmt(year: str, month: str | None = None, day: str | None = None) -> str | None:
    if month is None:
        return year
    number = MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return year
    if day is None:
        return f"{year}-{number:02d}"
    d = int(day)
    if not 1 <= d <= 31:
        return f"{year}-{number:02d}"
    return f"{year}-{number:02d}-{d:02d}"


def find_date(text: str) -> str | None:
    """The most precise date in ``text``, or None.

    Examples
    --------
    >>> find_date("signed in Sharm el-Sheikh on 7 November 2022")
    '2022-11-07'
    >>> find_date("met in New York in September 2023")
    '2023-09'
    >>> find_date("(Goethals, 2024)")
    '2024'
    >>> find_date("no date here") is None
    True
    """
    return _find_date(text)


@lru_cache(maxsize=4096)
def _find_date(text: str) -> str | None:
    """:func:`find_date`, remembered: the passes ask again for the date of the same sentence."""
    first_year = _ANY_YEAR.search(text)
    if first_year is None:
        return None
    # A pattern's matches begin with a year, a day's number or a month's name: its search starts at the first of
    # these in the text (dates come late in most sentences). The patterns still see the text before that
    # position (\b and look-behinds do), so they find what a search of the whole text finds.
    if "-" in text:  # an ISO date has hyphens
        m = _ISO.search(text, first_year.start())
        if m and 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31:
            return m.group(0)
    first_month = _ANY_MONTH.search(text)
    if first_month:  # the patterns with a month name, only where one may be
        digit = _DIGIT.search(text)  # there is one: the year's
        first_digit = digit.start() if digit else 0
        for pattern, start in ((_DAY_MONTH_YEAR, first_digit), (_MONTH_DAY_YEAR, first_month.start()),
                               (_YEAR_MONTH_DAY, 0)):
            m = pattern.search(text, start)
            if m:
                return _fmt(m.group("year"), m.group("month"), m.group("day"))
        m = _MONTH_YEAR.search(text, first_month.start())
        if m:
            return _fmt(m.group("year"), m.group("month"))
    m = _YEAR.search(text, first_year.start())
    return m.group("year") if m else None


def find_year(text: str) -> str | None:
    """The first four-digit year in ``text``."""
    m = _YEAR.search(text)
    return m.group("year") if m else None


def last_year(text: str) -> str | None:
    """The last four-digit year in ``text``.

    >>> last_year("In May 2023 the first summit met; the second, in 2025.")
    '2025'
    """
    years = _YEAR.findall(text)
    return years[-1] if years else None
