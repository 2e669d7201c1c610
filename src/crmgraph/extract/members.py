"""Lists of an organisation's member states: "• SCO: Kazakhstan, Kyrgyzstan and Uzbekistan are members".

Fact sheets and explainers list members in a few fixed forms that no relation rule reads, since the
organisation stands apart from the verb:

- a label before a colon at the start of a line, the list after it: "• Eurasian Economic Union (EAEU):
  Kazakhstan and Kyrgyzstan are members", "CSTO: members include Kazakhstan and Tajikistan";
- the organisation opening the sentence: "The EAEU has five members: Russia, Belarus, …", "The members of
  the CSTO are …".

The words that say a list is one of members are data (``member_lists`` in ``lexicon/cues.yaml``). A list
must stand right where the form puts it: "Kazakhstan and Kyrgyzstan are members" opens the text after the
label, and nothing but states joined by commas and "and" make it up. Observers, partners and former members
are not in these forms ("Turkmenistan and Hungary are observers", "Uzbekistan left in 2012").
"""

from __future__ import annotations

import re
from typing import Final

from crmgraph.extract.gazetteer import derived
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import Mention, Recognition
from crmgraph.extract.relations import phrase_pattern

#: what may open a line before its label: a bullet or a number, and Markdown's bold
_LINE_LEAD: Final = re.compile(r"[ \t]*(?:(?:[-•*·–]|\d{1,2}[.)])[ \t]+)?(?:\*\*)?")
#: from the label's organisation to the text after the colon ("Shanghai Cooperation Organisation (SCO): ")
_LABEL_END: Final = re.compile(r"(?:\*\*)?\s*(?:\([^()\n]{1,20}\))?\s*(?:\*\*)?\s*:(?:\*\*)?[ \t]+")
#: from the organisation opening a sentence to the words before its list: "has five " ("The EAEU has five members:"),
#: a space ("SCO members: …"; "The SCO’s members are" is the relation rule members-are's)
_OPENING_GAP: Final = re.compile(r"\s*(?:\([^()\n]{1,20}\))?\s+(?:(?:now\s+|currently\s+)?(?:has|had)\s+(?:\w+\s+)?)?")
#: "The members of (the) X are": from "members" to the organisation, the words before them, and after it
_MEMBERS_OF: Final = re.compile(r"(?:members|member\s+states)\s+of\s+(?:the\s+)?")
_MEMBERS_OF_LEAD: Final = re.compile(r"(?:^|(?<=[\s(]))(?:[Tt]he\s+)?(?:(?:current|full|founding)\s+)?$")
_MEMBERS_OF_VERB: Final = re.compile(r"\s*(?:\([^()\n]{1,20}\))?\s+(?:are|include|were)\s*:?\s+(?:the\s+)?")
#: how far from "member" a phrase of the lexicon may begin or end
_AROUND: Final = 40
#: between two states of a list; a date may stand in it ("Pakistan and, since July 2023, Iran")
_LIST_GAP: Final = re.compile(r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)(?:,?\s+(?:since|from|as\s+of)\s+[^,;:\n]{1,20},)?\s+(?:the\s+)?")
#: a list of members after its phrase ends the clause, or goes on to say since when or alongside whom
_PHRASE_END: Final = re.compile(r"(?=[.;,:)\n]|\s*$|\s+(?:alongside|together\s+with|as\s+well\s+as|since|too|now|today)\b)")

#: what opens a sentence before the organisation that opens it: a full stop, a colon or a line's bullet, and "The"
_SENTENCE_LEAD: Final = re.compile(r"(?:[.!?:;]\s+|\n[ \t]*(?:[-•*·–][ \t]*)?(?:\*\*)?)(?:[Tt]he\s+)?$")
_SPACE_ARTICLE: Final = re.compile(r"\s*(?:the\s+)?")
_COMMA_SPACE: Final = re.compile(r",?\s+")

_STATES: Final = frozenset({"State"})
_ORGANISATIONS: Final = frozenset({"IntergovernmentalOrganisation", "FinancialInstitution"})
_RULE: Final = "member-list"
_CONFIDENCE: Final = 0.8


class _MemberWords:
    """The phrases of ``member_lists`` in ``lexicon/cues.yaml``, compiled once per lexicon."""

    def __init__(self, lex) -> None:
        words = lex.cues.get("member_lists") or {}
        # (whole phrases, in any case, a space for any run of spaces)
        self.after: re.Pattern[str] | None = phrase_pattern([str(w) for w in words.get("after") or []])
        self.before: re.Pattern[str] | None = phrase_pattern([str(w) for w in words.get("before") or []])
        self.continued: re.Pattern[str] | None = phrase_pattern([str(w) for w in words.get("continued") or []])


def _name_at(rec: Recognition, start: int, end: int, types: frozenset[str]) -> Mention | None:
    """The name of one of ``types`` that begins at ``start`` (or, with ``end``, ends there)."""
    lo, hi = (start, start + 1) if end < 0 else (end - 1, end)
    found = [m for m in rec.overlapping(lo, hi) if not m.nested and (m.start == start if end < 0 else m.end == end)]
    if len(found) != 1 or found[0].type not in types:
        return None  # none, or a name of another kind (or two readings of the words)
    return found[0]


def _list_from(rec: Recognition, start: int) -> list[Mention]:
    """The states listed from ``start`` on, joined by commas and "and"."""
    text = rec.text
    first = _name_at(rec, start, -1, _STATES)
    listed = [first] if first is not None else []
    while listed:
        gap = _LIST_GAP.match(text, listed[-1].end)
        nxt = _name_at(rec, gap.end(), -1, _STATES) if gap is not None else None
        if nxt is None:
            break
        listed.append(nxt)
    return listed


def _list_to(rec: Recognition, end: int, start: int) -> list[Mention]:
    """The states listed from exactly ``start`` to exactly ``end``, or none."""
    text = rec.text
    last = _name_at(rec, -1, end, _STATES)
    listed = [last] if last is not None else []
    while listed and listed[0].start > start:
        before = [m for m in rec.overlapping(max(start, listed[0].start - 60), listed[0].start)
                  if not m.nested and m.end <= listed[0].start and m.type == "State"]
        if not before or not _LIST_GAP.fullmatch(text, before[-1].end, listed[0].start):
            return []
        listed.insert(0, before[-1])
    return listed if listed and listed[0].start == start else []


def _label_at(rec: Recognition, colon_end: int) -> Mention | None:
    """The organisation of the label that ends at ``colon_end`` (the text after "X:" begins there), if the
    label opens its line."""
    text = rec.text
    line_start = text.rfind("\n", 0, colon_end) + 1
    for m in rec.overlapping(line_start, colon_end):
        if m.nested or m.type not in _ORGANISATIONS:
            continue
        lead = _LINE_LEAD.match(text, line_start)
        if lead is not None and lead.end() == m.start and _LABEL_END.fullmatch(text, m.end, colon_end):
            return m
        break  # only the line's first name may be its label
    return None


def _opening_organisation(rec: Recognition, phrase_start: int) -> Mention | None:
    """The organisation that opens the words before a list's phrase: "The EAEU has five (members:)", "SCO
    (members:)"; or the label the phrase follows ("CSTO: (members include)")."""
    text = rec.text
    lo = max(0, text.rfind("\n", 0, phrase_start) + 1, phrase_start - 80)
    before = [m for m in rec.overlapping(lo, phrase_start) if not m.nested and m.end <= phrase_start]
    if not before:
        return None
    org = before[-1]
    if org.type not in _ORGANISATIONS:
        return None
    if _OPENING_GAP.fullmatch(text, org.end, phrase_start):
        opens = _SENTENCE_LEAD.search(text, max(0, org.start - 16), org.start) is not None \
            or text[:org.start].strip() in ("", "The", "the")
        return org if opens else None
    return _label_at(rec, phrase_start)


def member_lists(rec: Recognition) -> list[Proposal]:
    """``memberOf`` from the lists of an organisation's members in ``rec.text`` (see the module).

    Examples
    --------
    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> from crmgraph.extract.recognise import Recognition, scan_gazetteer, token_list
    >>> rec = Recognition("• Eurasian Economic Union: Kazakhstan and Kyrgyzstan are members.", load_gazetteer(), load_lexicon())
    >>> scan_gazetteer(rec, token_list(rec.text))
    >>> sorted((p.subject, p.object) for p in member_lists(rec))
    [('kazakhstan', 'eaeu'), ('kyrgyzstan', 'eaeu')]
    """
    text = rec.text
    # every form has "member": look only around its occurrences (most texts have none, or few)
    spots, i = [], text.find("ember")
    while i != -1:
        spots.append(i)
        i = text.find("ember", i + 5)
    if not spots:
        return []
    words = derived(rec.lex, _MemberWords)
    # organisation, members, where the evidence ends and begins
    found: list[tuple[Mention, list[Mention], int, int]] = []
    seen: set[tuple[str, int]] = set()
    for spot in spots:
        lo, hi = max(0, spot - _AROUND), min(len(text), spot + _AROUND)
        for phrase in words.after.finditer(text, lo, hi) if words.after is not None else ():
            if ("after", phrase.start()) in seen:
                continue
            seen.add(("after", phrase.start()))
            list_end = phrase.start()
            while list_end > 0 and text[list_end - 1].isspace():
                list_end -= 1
            if list_end == phrase.start() or _PHRASE_END.match(text, phrase.end()) is None:
                continue
            # the list ends right before the phrase and begins right after a label's colon
            line_start = text.rfind("\n", 0, list_end) + 1
            for colon in _colons(text, line_start, list_end):
                label = _label_at(rec, colon)
                listed = _list_to(rec, list_end, colon) if label is not None else []
                if label is not None and listed:
                    listed += _continued(rec, words, phrase.end())
                    found.append((label, listed, phrase.end(), label.start))
                    break
        for phrase in words.before.finditer(text, lo, hi) if words.before is not None else ():
            if ("before", phrase.start()) in seen:
                continue
            seen.add(("before", phrase.start()))
            org = _opening_organisation(rec, phrase.start())
            listed = _list_from(rec, _list_start(text, phrase.end())) if org is not None else []
            if org is not None and listed:
                found.append((org, listed, listed[-1].end, org.start))
        # "The members of the CSTO are …"
        of = _MEMBERS_OF.match(text, spot - 1) if spot >= 1 else None
        org = _name_at(rec, of.end(), -1, _ORGANISATIONS) if of is not None else None
        verb = _MEMBERS_OF_VERB.match(text, org.end) if org is not None else None
        listed = _list_from(rec, verb.end()) if verb is not None else []
        if org is not None and listed:
            lead = _MEMBERS_OF_LEAD.search(text, max(0, spot - 30), spot - 1)
            found.append((org, listed, listed[-1].end, lead.start() if lead is not None else spot - 1))
    out: list[Proposal] = []
    for org, listed, quote_end, quote_start in found:
        for state in listed:
            out.append(Proposal(state.entity, "memberOf", org.entity, quote_start, max(quote_end, state.end), _RULE,
                                _CONFIDENCE))
    return out


def _colons(text: str, start: int, end: int) -> list[int]:
    """Where the text after each colon of ``[start, end)`` begins (past its spaces)."""
    out, i = [], text.find(":", start, end)
    while i != -1:
        j = i + 1
        while j < end and text[j] in " \t*":
            j += 1
        out.append(j)
        i = text.find(":", i + 1, end)
    return out


def _continued(rec: Recognition, words: _MemberWords, at: int) -> list[Mention]:
    """A second list after "are members": ", alongside China, Russia and India"."""
    if words.continued is None:
        return []
    lead = _COMMA_SPACE.match(rec.text, at)
    phrase = words.continued.match(rec.text, lead.end()) if lead is not None else None
    if phrase is None:
        return []
    return _list_from(rec, _list_start(rec.text, phrase.end()))


def _list_start(text: str, at: int) -> int:
    """Where a list begins after a phrase that ends at ``at``: past spaces and "the"."""
    article = _SPACE_ARTICLE.match(text, at)
    return article.end() if article is not None else at
