"""Shareholder lists: a line that names a venture, a dash, and who holds what share of it.

Annual reports and fact sheets list the owners of their ventures without a verb::

    • JV Inkai – Kazatomprom 60%, Cameco (Canada) 40%.
    • Karatau and Akbastau – Kazatomprom 50% each

Each owner ``owns`` each venture, where a word on the line or on the line that opens
its list says these are shareholdings (``stake_cues`` in ``lexicon/cues.yaml``: "joint
ventures", "shareholders" …), and no word of it names a measure ("Revenue Growth 12%";
``not_company_words``). A venture the text names only here becomes a
company (the line says it has shareholders); an owner must be an organisation:
a recognised name, or an unknown name of two or more capitalised words, or an
acronym. "Free Float 25%" and the like (``not_owners`` in ``lexicon/cues.yaml``) are
passed over, and a state is no owner: "REE – China 70%, Myanmar 11%" is a share of
world output, not of a company. The shares of one venture must not add up to more
than 100%.

Examples
--------
>>> from crmgraph.corpus import Document
>>> from crmgraph.extract import extract
>>> doc = Document.from_text("memo", "Joint ventures:\\n• Appak – Kazatomprom 65%, Sumitomo Corporation (Japan) 25%, "
...                          "Kansai Electric Power 10%.\\n")
>>> sorted((r.subject, r.object) for r in extract(doc).relations if r.predicate == "owns")
[('kansai-electric-power', 'appak'), ('kazatomprom', 'appak'), ('sumitomo-corporation', 'appak')]
"""

from __future__ import annotations

import re
from typing import Final

from crmgraph.extract.cues import acceptable_name
from crmgraph.extract.gazetteer import derived, slugify
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import Mention, Recognition

__all__ = ["stake_lists", "relative_stakes", "shares_before_the_venture", "shares_of_the_same"]

#: who may hold a share of a venture (a state's holdings are named by its body or fund)
_OWNER_TYPES: Final = frozenset({"Company", "FinancialInstitution", "GovernmentBody"})
_COMPANY: Final = frozenset({"Company"})
_NAME: Final = r"[A-Z][\w’'&.-]*(?:[ ][A-Z0-9][\w’'&.-]*){0,4}"
_SHARE: Final = r"\d{1,3}(?:\.\d+)?[ ]?%"
#: a share in prose: "49%", "49 per cent", "49 percent"
_PROSE_SHARE: Final = r"\d{1,3}(?:\.\d+)?(?:[ ]?%|[ ](?:per[ ]?cent|percent))"
_SHARE_IN_WORDS: Final = re.compile(_PROSE_SHARE)
#: what a share may be called after it: "a 40% stake"
_STAKE_NOUN: Final = r"(?:[ ]+(?:stake|share|interest))?"
_OWNER: Final = rf"({_NAME})(?:[ ]\([^()\n]{{1,60}}\))?[ ]({_SHARE})"
#: bullet, ventures, dash, owners with their shares, "each", end of the item
_LINE: Final = re.compile(rf"^[ \t]*(?:[•·‣*-][ \t]+|\d{{1,2}}[.)][ \t]+)?(?P<ventures>{_NAME}(?:[ ]and[ ]{_NAME})?)"
                          rf"[ ][–—-][ ](?P<owners>{_OWNER}(?:,[ ]{_OWNER})*)(?P<each>[ ]each)?[ \t]*(?:[.;]|$)", re.M)
_OWNER_ITEM: Final = re.compile(_OWNER)
_ACRONYM: Final = re.compile(r"[A-Z][A-Z0-9&-]+")


def stake_lists(rec: Recognition) -> list[Proposal]:
    """``owns`` from the shareholder lists of ``rec.text``, adding the ventures they name (see the module).

    Examples
    --------
    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> from crmgraph.extract.recognise import Recognition, scan_gazetteer, token_list
    >>> rec = Recognition("Joint ventures:\\n• KATCO – Orano (France) 51%, Kazatomprom 49%.", load_gazetteer(), load_lexicon())
    >>> scan_gazetteer(rec, token_list(rec.text))
    >>> sorted((p.subject, p.object) for p in stake_lists(rec))
    [('kazatomprom', 'katco'), ('orano', 'katco')]
    """
    text = rec.text
    if "%" not in text:
        return []
    lexicon = derived(rec.lex, _StakeWords)
    cue = lexicon.cue
    out: list[Proposal] = []
    for line in _LINE.finditer(text):
        if cue is None or not (cue.search(text, line.start(), line.end()) or cue.search(text, *_list_opening(text, line.start()))):
            continue  # "Market Share – Kazatomprom 23%, Cameco 15%": nothing says these are shareholders
        words = set(_WORD.findall(text[line.start("ventures"):line.end("owners")].lower()))
        if not words.isdisjoint(lexicon.not_company_words):
            continue  # "Kazatomprom – Revenue Growth 12%, Net Margin 30%"
        owners: list[tuple[int, int, str | None]] = []
        total = 0.0
        for item in _OWNER_ITEM.finditer(text, line.start("owners"), line.end("owners")):
            total += float(item.group(2).rstrip("% "))
            if item.group(1).lower() in lexicon.not_owners:
                continue  # "Free Float 25%": a share, but no organisation holds it
            owner = _owner(rec, item.start(1), item.end(1))
            if owner is None:
                owners = []
                break
            owners.append(owner)
        if not owners or total > 100.5:
            continue
        ventures = _ventures(rec, line.start("ventures"), line.end("ventures"))
        if not ventures or (len(ventures) > 1 and not line.group("each")):
            continue  # "A and B – X 50%": a share of which? Only "50% each" says
        # the whole line reads as a list of shareholders: only now are its unknown names companies
        owner_ids = [_named(rec, *owner) for owner in owners]
        venture_ids = [_named(rec, *venture) for venture in ventures]
        if len(set(owner_ids)) < len(owner_ids):
            continue
        start, end = line.start("ventures"), line.end("owners")
        for venture_id in venture_ids:
            for owner_id in owner_ids:
                if owner_id != venture_id:
                    out.append(Proposal(owner_id, "owns", venture_id, start, end, "stake-list", 0.8))
    return out


_WORD: Final = re.compile(r"[^\W\d_]+|\w+")

#: after a venture's name: the relative clause that tells who holds what share of it
_IN_WHICH: Final = ", in which "
#: one holder and its share in that clause: "Orano holds 51%", "the government of Kazakhstan holds a 40% stake", "the
#: sovereign wealth fund Samruk-Kazyna holds 75%"
_HOLDER: Final = re.compile(rf"(?:the[ ]+)?(?:government[ ]+of[ ]+|(?:[a-z][a-z-]*[ ]+){{1,4}})?(?P<name>{_NAME})[ ]+(?:also[ ]+)?(?:holds|owns|controls|"
                            rf"has)[ ]+(?:a[ ]+|an[ ]+)?(?:(?:about|around|roughly|nearly|some)[ ]+)?(?P<share>{_SHARE})"
                            + _STAKE_NOUN)
#: a holder after the first, its verb left out: "… and Kazatomprom 49%"
_GAPPED_HOLDER: Final = re.compile(rf"(?:the[ ]+)?(?:government[ ]+of[ ]+)?(?P<name>{_NAME})[ ]+(?P<share>{_SHARE})"
                                   + _STAKE_NOUN)
#: between two holders of the clause, and where it ends
_NEXT_HOLDER: Final = re.compile(r",?[ ]+and[ ]+|,[ ]+(?=the[ ]|[A-Z])")
_CLAUSE_END: Final = re.compile(r"[ ]*(?:[,.;:)]|$)", re.M)
#: who may hold a share named in prose: an organisation, or a state ("in which the government of Kazakhstan holds …")
_HOLDER_TYPES: Final = _OWNER_TYPES | {"State"}


def shares_before_the_venture(rec: Recognition) -> list[Proposal]:
    """``owns`` for two holders whose shares come before the venture they are of: "Orano holds 51% and
    Kazatomprom 49% of KATCO". The first holder is the name right before the verb, the venture a company (or an
    unknown name, now one); the shares must not add up to more than 100%.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "Orano holds 51% and Kazatomprom 49% of KATCO.")
    >>> sorted((r.subject, r.object) for r in extract(doc).relations if r.predicate == "owns")
    [('kazatomprom', 'katco'), ('orano', 'katco')]
    """
    text = rec.text
    out: list[Proposal] = []
    if "%" not in text and " per" not in text:
        return out
    for start in rec.token_starts(_SHARE_VERBS):  # (the pattern tried where its verb is, not at every position)
        found = _SHARES_THEN_VENTURE.match(text, start)
        if found is None:
            continue
        first = _names_ending_at(rec, found.start() - 1)
        if not first or not text.startswith(" ", found.start() - 1):
            continue
        holders = [_organisation_at(rec, first[0].start, first[0].end, _HOLDER_TYPES, one_word=False),
                   _organisation_at(rec, found.start("second"), found.end("second"), _HOLDER_TYPES, one_word=False)]
        venture = _organisation_at(rec, found.start("venture"), found.end("venture"), _COMPANY, one_word=True)
        numbers = [_NUMBER.match(found.group(share)) for share in ("one", "two")]
        total = sum(float(number.group()) for number in numbers if number is not None)
        if venture is None or any(h is None or h[2] is None for h in holders) or total > 100.5:
            continue
        venture_id = _named(rec, *venture)
        for holder in holders:
            if holder is not None and holder[2] is not None and holder[2] != venture_id:
                out.append(Proposal(holder[2], "owns", venture_id, first[0].start, found.end(), "shares-then-venture",
                                    0.75))
    return out


_NUMBER: Final = re.compile(r"\d+(?:\.\d+)?")
#: two shares and the venture they are of, from the first holder's verb: "holds 51% and Kazatomprom 49% of KATCO"
_SHARE_VERBS: Final = frozenset({"holds", "owns", "controls", "hold", "own", "control"})
_SHARES_THEN_VENTURE: Final = re.compile(
    rf"\b(?:{'|'.join(sorted(_SHARE_VERBS, key=len, reverse=True))})[ ]+(?:a[ ]+)?(?P<one>{_PROSE_SHARE}){_STAKE_NOUN}"
    rf",?[ ]+and[ ]+(?P<second>{_NAME})[ ]+(?:(?:holds|owns|controls)[ ]+)?(?:a[ ]+)?(?P<two>{_PROSE_SHARE})"
    rf"{_STAKE_NOUN}[ ]+(?:of|in)[ ]+(?:the[ ]+)?(?P<venture>{_NAME})(?<![.])(?=[ ]*(?:[.;,)]|$))", re.M)


def relative_stakes(rec: Recognition) -> list[Proposal]:
    """``owns`` from a relative clause after a venture's name that tells who holds what share of it: "KATCO, in
    which Orano holds 51% and Kazatomprom holds 49%, …", "ERG, in which the government of Kazakhstan holds a 40%
    stake". The venture is a company the text names (or an acronym it names only here); the clause must be
    nothing but its holders and shares, which must not add up to more than 100%.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "KATCO, in which Orano holds 51% and Kazatomprom holds 49%, mines uranium.")
    >>> sorted((r.subject, r.object) for r in extract(doc).relations if r.predicate == "owns")
    [('kazatomprom', 'katco'), ('orano', 'katco')]
    """
    text = rec.text
    out: list[Proposal] = []
    at = text.find(_IN_WHICH)
    while at != -1:
        found = _relative_stake(rec, at)
        if found is not None:
            venture, holders, end = found
            venture_id = _named(rec, *venture)
            for holder in holders:
                holder_id = _named(rec, *holder)
                if holder_id != venture_id:
                    out.append(Proposal(holder_id, "owns", venture_id, venture[0], end, "holder-in-which", 0.8))
        at = text.find(_IN_WHICH, at + 1)
    return out


_Named = tuple[int, int, "str | None"]


def _relative_stake(rec: Recognition, comma: int) -> tuple[_Named, list[_Named], int] | None:
    """The venture before the ", in which" at ``comma``, its holders, and where their clause ends; None unless the
    clause reads as holders and shares only."""
    text = rec.text
    # (the name may be set off by what it is: "Katco, their joint venture, in which …")
    apposed = _VENTURE_APPOSED.search(text, max(0, comma - 50), comma)
    name_end = apposed.start() if apposed is not None else comma
    before = _names_ending_at(rec, name_end)
    if before:
        venture = _organisation_at(rec, before[0].start, name_end, _COMPANY, one_word=True)
    else:
        acronym = _ACRONYM_BEFORE.search(text, max(0, name_end - 16), name_end)
        venture = _organisation_at(rec, acronym.start(), name_end, _COMPANY, one_word=True) if acronym else None
    if venture is None:
        return None
    holders: list[_Named] = []
    total, at = 0.0, comma + len(_IN_WHICH)
    while True:
        # (after the first holder, its verb may be left out: "in which Orano holds 51% and Kazatomprom 49%")
        holder = _HOLDER.match(text, at) or (_GAPPED_HOLDER.match(text, at) if holders else None)
        if holder is None:
            return None
        found = _organisation_at(rec, holder.start("name"), holder.end("name"), _HOLDER_TYPES, one_word=False)
        if found is None:
            return None
        holders.append(found)
        total += float(holder.group("share").rstrip("% "))
        at = holder.end()
        more = _NEXT_HOLDER.match(text, at)
        if more is None or (_HOLDER.match(text, more.end()) or _GAPPED_HOLDER.match(text, more.end())) is None:
            break
        at = more.end()
    if total > 100.5 or _CLAUSE_END.match(text, at) is None:
        return None
    return venture, holders, at


_ACRONYM_BEFORE: Final = re.compile(r"(?<![\w’'&.-])[A-Z][A-Z0-9&-]+$")
#: what a venture is, set off by commas after its name: ", their joint venture", ", its uranium subsidiary"
_VENTURE_APPOSED: Final = re.compile(r",[ ]+(?:their|its|the|a|an)[ ]+(?:[a-z][\w-]*[ ]+){0,2}?(?:joint[ ]+venture|"
                                     r"venture|subsidiary|company)$")


def _list_opening(text: str, start: int) -> tuple[int, int]:
    """The span of the line that opens the list whose item begins at ``start``: the nearest line above that is
    not one of its items (a heading or an introducing sentence)."""
    end = start - 1
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        if not _LINE.match(text, line_start) and text[line_start:end].strip():
            return line_start, end
        end = line_start - 1
    return 0, 0


class _StakeWords:
    """The lexicon's words for shareholder lists (``lexicon/cues.yaml``), read once per lexicon."""

    def __init__(self, lex) -> None:
        cues = sorted((str(w) for w in lex.cues.get("stake_cues") or []), key=len, reverse=True)
        self.cue = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in cues) + r")\b", re.IGNORECASE) if cues else None
        self.not_owners = frozenset(str(w).lower() for w in lex.cues.get("not_owners") or [])
        self.not_company_words = frozenset(str(w).lower() for w in lex.cues.get("not_company_words") or [])


def _names(rec: Recognition, start: int, end: int) -> list[Mention]:
    """The names (no back-references, no nested names) that overlap ``[start, end)``."""
    return [m for m in rec.overlapping(start, end) if not m.nested and m.kind not in ("backref", "pair", "definition")]


def _names_ending_at(rec: Recognition, end: int) -> list[Mention]:
    """The names that end at ``end``."""
    return [m for m in _names(rec, end - 1, end) if m.end == end]


def _organisation_at(rec: Recognition, start: int, end: int, types: frozenset[str],
                     one_word: bool) -> tuple[int, int, str | None] | None:
    """The organisation named exactly at ``[start, end)``: a recognised one of ``types`` (with its id), or an unknown
    name that may be a company's (without its id; of one word only if ``one_word``, or an acronym); ``None`` when the
    words name something else, or only part of them a name."""
    found = _names(rec, start, end)
    if found:
        m = found[0]
        ok = len(found) == 1 and (m.start, m.end) == (start, end) and m.type in types
        return (start, end, m.entity) if ok else None
    name = rec.text[start:end]
    if not (one_word or " " in name or _ACRONYM.fullmatch(name)) or not acceptable_name(rec, name) \
            or not _may_be_company(rec, name):
        return None
    return (start, end, None)


def _owner(rec: Recognition, start: int, end: int) -> tuple[int, int, str | None] | None:
    """The holder named at ``[start, end)`` (an unknown one of two or more words, or an acronym)."""
    return _organisation_at(rec, start, end, _OWNER_TYPES, one_word=False)


def _ventures(rec: Recognition, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """The ventures a line names before its dash (one name, or two joined by "and"), as :func:`_owner` gives them."""
    cut = rec.text.find(" and ", start, end)
    spans = [(start, end)] if cut == -1 else [(start, cut), (cut + 5, end)]
    out: list[tuple[int, int, str | None]] = []
    for a, b in spans:
        venture = _organisation_at(rec, a, b, _COMPANY, one_word=True)
        if venture is None:
            return []  # a state, a mineral, a person … or a name that covers part of the words: no venture
        out.append(venture)
    return out


def _may_be_company(rec: Recognition, name: str) -> bool:
    entity_id = slugify(name)
    entry = rec.gaz.get(entity_id) if entity_id else None
    return bool(entity_id) and (entry is None or entry.type == "Company")


def _named(rec: Recognition, start: int, end: int, entity_id: str | None) -> str:
    """The id of a recognised name, or of an unknown one, now added as a company."""
    if entity_id is not None:
        return entity_id
    name = rec.text[start:end]
    entity_id = slugify(name)
    entry = rec.gaz.get(entity_id)
    rec.add(Mention(start, end, entity_id, "Company", "name-in-stake-list", 0.7), label=name, gazetteer=entry is not None)
    return entity_id


#: a holder whose share is of the venture a share before it was of: "…; Kazatomprom holds the remaining 49 per cent",
#: "Cameco owns 60 per cent of JV Inkai, with Kazatomprom holding 40 per cent" (the clause ends after the share; the
#: pattern opens with one character, which the search skips ahead to)
_SHARE_OF_THE_SAME: Final = re.compile(
    rf"[;.,](?:(?<=[;.])[ ]+|(?<=,)[ ]+with[ ]+)(?P<name>{_NAME})[ ]+(?:(?:also[ ]+)?(?:holds|owns|controls|has)[ ]+the[ ]+"
    rf"(?:remaining|other|rest[ ]of[ ]the|balance[ ]of[ ]the)[ ]+(?P<rest>{_PROSE_SHARE})|holding[ ]+(?:the[ ]+"
    rf"(?:remaining|other)[ ]+)?(?P<with>{_PROSE_SHARE})){_STAKE_NOUN}(?=[ ]*(?:[.;,)]|$))", re.M)


#: the next holder's share with the verb left out, right after a share of a venture: "Orano owns 51% of KATCO and
#: Kazatomprom 49%", "KATCO is 51% owned by Orano and 49% (owned) by Kazatomprom"; or the same holder's share of
#: the next venture: "Uranium One holds 50% in Karatau and 50% in Akbastau"
_GAPPED_SHARE: Final = re.compile(
    rf",?[ ]+and[ ]+(?:(?P<name>{_NAME})[ ]+{_PROSE_SHARE}|{_PROSE_SHARE}[ ]+(?:owned[ ]+)?by[ ]+(?P<by>{_NAME})(?<![.])"
    rf"|{_PROSE_SHARE}[ ]+(?:of|in)[ ]+(?P<venture>{_NAME})(?<![.]))"
    rf"{_STAKE_NOUN}(?=[ ]*(?:[.;,)]|$))", re.M)
#: where the sentence of a share fact ends, for :data:`_GAPPED_SHARE`'s search
_SENTENCE_END: Final = re.compile(r"[.;!?](?=\s|$)|\n")


def shares_of_the_same(rec: Recognition, proposals: list[Proposal]) -> list[Proposal]:
    """``owns`` for a holder whose share the text tells right after another holder's share of a venture, without
    naming the venture again: "France's Orano, which owns 51 per cent of KATCO, …; Kazatomprom holds the remaining
    49 per cent", "Cameco owns 60 per cent of JV Inkai, with Kazatomprom holding 40 per cent". The share before is
    the last ``owns`` fact (of ``proposals``) whose words hold a share and begin before it, in its paragraph; the
    holder is an organisation the text names, and not that fact's owner or venture.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "Cameco owns 60 per cent of JV Inkai, with Kazatomprom holding 40 per cent.")
    >>> sorted((r.subject, r.object) for r in extract(doc).relations if r.predicate == "owns")
    [('cameco', 'jv-inkai'), ('kazatomprom', 'jv-inkai')]
    """
    text = rec.text
    out: list[Proposal] = []
    shares = None
    if any(word in text for word in ("holding", "remaining", "other", "rest", "balance")):
        # (a test of the pattern's words is cheaper than its search, in a text without them)
        for found in _SHARE_OF_THE_SAME.finditer(text):
            if shares is None:
                shares = _share_facts(text, proposals)
            out += _share_of_the_same(rec, found, shares)
    if "%" in text or " per" in text:
        # (looked for only in the sentences of the share facts: the pattern opens with no word to skip ahead to)
        if shares is None:
            shares = _share_facts(text, proposals)
        searched: set[int] = set()
        for fact in shares:
            end = _SENTENCE_END.search(text, fact.start)
            stop = end.start() if end is not None else len(text)
            if stop in searched:
                continue
            searched.add(stop)
            for found in _GAPPED_SHARE.finditer(text, fact.start, stop):
                out += _gapped_share(rec, found, shares)
    return out


def _share_facts(text: str, proposals: list[Proposal]) -> list[Proposal]:
    """The ``owns`` facts whose words hold a share, in text order."""
    return sorted((p for p in proposals if p.predicate == "owns" and _SHARE_IN_WORDS.search(text, p.start, p.end)),
                  key=lambda p: p.start)


def _gapped_share(rec: Recognition, found: re.Match, shares: list[Proposal]) -> list[Proposal]:
    """``owns`` for the holder of a share whose verb is left out (see :data:`_GAPPED_SHARE`): the last share fact
    before it ends in the venture's name ("of KATCO") or, in the passive, its owner's ("owned by Orano"), right
    before the "and"; or for that fact's owner, of a venture named after the share ("… and 50% in Akbastau")."""
    before = [p for p in shares if p.start < found.start()]
    if not before:
        return []
    last = before[-1]
    ends_before = {m.entity for m in rec.overlapping(found.start() - 1, found.start()) if m.end == found.start()}
    if found.group("venture") is not None:
        venture = _organisation_at(rec, found.start("venture"), found.end("venture"), _COMPANY, one_word=True)
        if venture is None or last.object not in ends_before:
            return []
        venture_id = _named(rec, *venture)
        if venture_id in (last.subject, last.object):
            return []
        return [Proposal(last.subject, "owns", venture_id, last.start, found.end(), "share-gapped", 0.75)]
    passive = found.group("by") is not None
    name = "by" if passive else "name"
    holder = _organisation_at(rec, found.start(name), found.end(name), _HOLDER_TYPES, one_word=False)
    if holder is None or holder[2] is None:
        return []
    if (last.subject if passive else last.object) not in ends_before or holder[2] in (last.subject, last.object):
        return []
    return [Proposal(holder[2], "owns", last.object, last.start, found.end(), "share-gapped", 0.75)]


def _share_of_the_same(rec: Recognition, found: re.Match, shares: list[Proposal]) -> list[Proposal]:
    """``owns`` for the holder of :data:`_SHARE_OF_THE_SAME`'s match ``found``, of the last share's venture."""
    text = rec.text
    holder = _organisation_at(rec, found.start("name"), found.end("name"), _HOLDER_TYPES, one_word=False)
    paragraph = text.rfind("\n", 0, found.start()) + 1
    # (a fact's words may be its whole sentence, the holder's words too)
    before = [p for p in shares if paragraph <= p.start < found.start("name")]
    if holder is None or holder[2] is None or not before:
        return []
    last = before[-1]
    if holder[2] in (last.subject, last.object):
        return []
    rule = "share-remaining" if found.group("rest") else "share-with-holding"
    return [Proposal(holder[2], "owns", last.object, min(last.start, found.start("name")), found.end(), rule, 0.75)]
