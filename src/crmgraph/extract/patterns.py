"""Regular expressions compiled to be searched for faster, with the same matches.

Python's regular-expression search skips ahead quickly only to where a pattern's first element can match, when
that element is a character, a set of characters, or alternatives that each begin with a character (and, where
case is ignored, one without case). A pattern that opens with a word boundary, a look-behind or an optional part
is instead tried as a whole match at every position of the text. The extractor's patterns of words mostly open
so (``\b(?:signed|...)``), and most of its searches run over one sentence: :func:`gated_pattern` gives them an
opening the search can skip ahead to.
"""

from __future__ import annotations

import re


def phrase_alternation(phrases, between: str = r"\s+") -> str:
    r"""``phrases`` as the alternatives of a regular expression, the longest first (so that a phrase that begins
    with another is tried before it), each escaped, its spaces matching ``between``.

    >>> phrase_alternation(["said", "according to"])
    'according\\s+to|said'
    """
    return "|".join(re.escape(p).replace(r"\ ", between) for p in sorted(phrases, key=len, reverse=True))


def phrase_tokens(phrases) -> frozenset[str] | None:
    r"""The longest run of word characters (``\w+``) of each phrase, lower-cased (the last of those as long): a token
    of every text in which a pattern of the phrases matches, in any case, as a whole word or phrase. None if a
    phrase has no such run.

    >>> sorted(phrase_tokens(["last month", "this year", "people familiar with"]))
    ['familiar', 'month', 'year']
    """
    runs = [re.findall(r"\w+", str(phrase).lower()) for phrase in phrases]
    return frozenset(max(reversed(r), key=len) for r in runs) if all(runs) else None


def gated_pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""``pattern`` compiled to be searched for faster: the group ``found`` of each match is a match of ``pattern``,
    the same that ``re.compile(pattern, flags).search`` finds from the same position, and the match starts where
    it does (``m.start()`` is ``m.start("found")``; the match ends one character after).

    The pattern returned opens with the characters a match of ``pattern`` may begin with (when case is ignored,
    with every character that matches one of them so: both cases, and for ASCII letters :data:`CASE_VARIANTS`), and
    runs ``pattern`` in a look-ahead from there: the search skips every other position. A pattern whose matches may
    begin with any character (or be empty), or, ignoring case, with a letter outside ASCII, is compiled as it is,
    in the group.

    >>> m = gated_pattern(r"\b(?:trad(?:e|ing) partner)\b", re.IGNORECASE).search("a main Trading Partner of")
    >>> m.span("found"), m.group("found")
    ((7, 22), 'Trading Partner')
    """
    first = _first_characters(pattern, flags)
    ignoring_case = bool(flags & re.IGNORECASE)
    if first is None or (ignoring_case and any(not c.isascii() and c.lower() != c.upper() for c in first)):
        return re.compile(r"(?P<found>" + pattern + ")", flags)
    if ignoring_case:
        first = {c for ch in first for c in (ch, ch.lower(), ch.upper(), *CASE_VARIANTS.get(ch.lower(), ""))}
    gate = "[" + "".join(re.escape(c) for c in sorted(first)) + "]"
    # the gate takes the first character; the look-behind steps back over it and the look-ahead matches from there
    return re.compile(r"(?-i:" + gate + r")(?<=(?=(?P<found>" + pattern + r"))[\s\S])", flags)


#: the characters outside ASCII that Python's regular expressions match to an ASCII letter when case is ignored
#: (a test checks, over every character, that there are no others)
CASE_VARIANTS: dict[str, str] = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
#: those characters, in one string
CASE_VARIANT_CHARACTERS: str = "".join(CASE_VARIANTS.values())


def _first_characters(pattern: str, flags: int) -> set[str] | None:
    """The characters a match of ``pattern`` may begin with (before case is ignored), or None when it may begin
    with any (or be empty)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]  # the parser of the re module (Python 3.11+)
    except ImportError:  # pragma: no cover
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        first, may_be_empty = _first(list(parser.parse(pattern, flags)),
                                     parser if hasattr(parser, "LITERAL") else parser._constants)
    except Exception:  # an unusual construct: the pattern as it is
        return None
    return None if first is None or may_be_empty else first


def _first(items, c) -> tuple[set[str] | None, bool]:
    """What a match of the parsed sequence ``items`` may begin with (None: any character) and whether it may be
    empty."""
    out: set[str] = set()
    for op, av in items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # no character of its own
        if op is c.LITERAL:
            return out | {chr(av)}, False
        if op is c.IN:
            chars: set[str] = set()
            for kind, value in av:
                if kind is c.LITERAL:
                    chars.add(chr(value))
                elif kind is c.RANGE and value[1] - value[0] < 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:  # a category, a negated set, a wide range: any character, as far as a gate goes
                    return None, False
            return out | chars, False
        if op is c.SUBPATTERN:
            first, empty = _first(av[-1], c)
        elif op is c.BRANCH:
            first, empty = set(), False
            for alternative in av[1]:
                branch_first, branch_empty = _first(alternative, c)
                if branch_first is None:
                    return None, False
                first |= branch_first
                empty = empty or branch_empty
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            first, empty = _first(av[2], c)
            empty = empty or av[0] == 0
        else:
            return None, False
        if first is None:
            return None, False
        out |= first
        if not empty:
            return out, False
    return out, True


def line_start_matches(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    r"""What ``pattern.finditer(text)`` finds, for a pattern that matches only at the start of a line (it opens with
    ``^`` under ``re.MULTILINE``) and never matches the empty string: the pattern is tried at each line's start
    (after the last match), not at every position of the text, as a search does.

    >>> heading = re.compile(r"^[ \t]*#+[ \t]*(\w+)", re.M)
    >>> [m.group(1) for m in line_start_matches(heading, "# One\ntext\n  ## Two")]
    ['One', 'Two']
    """
    found = []
    at = 0
    while True:
        m = pattern.match(text, at)
        if m is not None:
            found.append(m)
            at = m.end()
            if at > 0 and text[at - 1] == "\n":
                continue  # (the match ends at a line's start)
        newline = text.find("\n", at)
        if newline == -1:
            return found
        at = newline + 1
