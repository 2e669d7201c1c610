"""Names the gazetteer lacks, told by the words around them, and the home states of organisations.

Rules are data (``lexicon/cues.yaml``):

* a cue before a capitalised name says its class: "the geological company
  Kazgeology", "the state-owned producer Navoiyuran", "holds 51% of KATCO";
* a cue after it: "the Zeravshan gold mining joint venture";
* an apposition that says what it is: "Kazzinc, a subsidiary of Glencore";
* an organisation named after a state's possessive ("Canada’s Cameco") or after a
  state's demonym and a few descriptive words ("the Kazakh geological company
  Kazgeology") is based in that state.

Examples
--------
>>> from crmgraph.corpus import Document
>>> from crmgraph.extract import extract
>>> doc = Document.from_text("memo", "Cameco holds 40% of JV Inkai, a uranium mine in Kazakhstan.")
>>> [(e.id, e.type) for e in extract(doc).entities if e.type == "Company"]
[('cameco', 'Company'), ('jv-inkai', 'Company')]
"""

from __future__ import annotations

import re
import string
from typing import Final

from crmgraph.extract.gazetteer import derived, slugify
from crmgraph.extract.proposal import Proposal
from crmgraph.extract.recognise import (
    POSSESSIVE_GAPS,
    TOKEN,
    Mention,
    Recognition,
    _abbreviation_after,
    first_letters,
    leading_words,
)

__all__ = ["cued_names", "home_states"]

_NAME: Final = re.compile(r"(?:[A-Z][\w’'&-]*)(?:[ ](?:[A-Z][\w’'&-]*|of|and|for|de))*")
_CAPITALS: Final = frozenset(string.ascii_uppercase)
#: two capitalised words joined by "and"
_TWO_WORDS: Final = re.compile(r"([A-Z][\w’'-]*) and ([A-Z][\w’'-]*)")
#: after a name: a lower-case word, which a verb of its own may be
_VERB_AFTER: Final = re.compile(r"\s+[a-z]")
_HOME_TYPES: Final = {"Company", "GovernmentBody", "FinancialInstitution", "ResearchInstitute", "MediaOutlet"}


def _words_of_pattern(pattern: str) -> frozenset[str]:
    r"""The lower-case words written in a cue's regular expression, escapes left out.

    >>> sorted(_words_of_pattern(r"(?:holds|held)\s(?:a\s)?\d+\s?%\s(?:of|in)(?:\sthe)?"))
    ['a', 'held', 'holds', 'in', 'of', 'the']
    """
    return frozenset(re.findall(r"[a-z]+", re.sub(r"\\[a-zA-Z]", " ", pattern)))


class _Cues:
    """The cue rules of the lexicon, compiled once per lexicon."""

    def __init__(self, lex) -> None:
        cues = lex.cues or {}
        before_items = [item for item in cues.get("before") or [] if item.get("cue") and item.get("type")]
        # every cue ends in a word of its own text: only a capitalised word after one of those can follow a cue, and
        # only the cues with that word can end right before it
        sources = [r"\b(?:" + item["cue"] + r")\s+(?:the\s+)?$" for item in before_items]
        self.before = [(re.compile(source, re.IGNORECASE), str(item["type"]), _words_of_pattern(source))
                       for source, item in zip(sources, before_items)]
        self.cue_words = frozenset().union(*(words for _, _, words in self.before))
        after_cues = [item for item in cues.get("after") or [] if item.get("cue")]
        self.after = [(re.compile(first_letters([item["cue"]]) + r"\b" + re.escape(item["cue"]) + r"\b", re.IGNORECASE),
                       leading_words([item["cue"]]), str(item["type"]), frozenset(item.get("between") or []),
                       bool(item.get("with_cue")))
                      for item in after_cues]
        # all the cues after a name in one pattern: a text where it finds nothing (most texts) has none of them, and
        # the pass of each cue is left out
        cue_texts = [item["cue"] for item in after_cues]
        self.any_after = re.compile(first_letters(cue_texts) + r"\b(?:" + "|".join(map(re.escape, cue_texts)) + r")\b",
                                    re.IGNORECASE) if cue_texts else None
        self.after_words = leading_words(cue_texts)
        # noun -> (the words that must follow it, the class it gives), for one pass over the text's tokens
        self.apposition: dict[str, tuple[re.Pattern, str]] = {}
        for item in cues.get("apposition") or []:
            if item.get("nouns") and item.get("type"):
                after = re.compile(r"\s*[,.;]|\s+(?:" + "|".join(map(re.escape, item.get("after") or [])) + r")\b")
                for noun in item["nouns"]:
                    self.apposition.setdefault(str(noun), (after, str(item["type"])))
        self.apposition_nouns = frozenset(self.apposition)
        self.home_max_words = int(cues.get("home_max_words") or 3)
        self.home_heads = frozenset(str(w) for w in cues.get("home_heads") or [])
        self.home_not = frozenset(str(w) for w in cues.get("home_not") or [])
        self.prepositions = frozenset(cues.get("prepositions") or [])


def _patterns(lex) -> _Cues:
    return derived(lex, _Cues)


def acceptable_name(rec: Recognition, name: str) -> bool:
    """Whether capitalised words the gazetteer lacks may be a body's name: not head words alone ("the Company"), not
    opening with a stopword, a title or a connector, not a gazetteer name."""
    words = name.split()
    first = words[0]
    lex = rec.lex
    # "holds 75% of the Company": a head word alone is how a text refers to a body ("the Company", "the Group",
    # "the Bank"), not a name
    if all(w in lex.heads or w in lex.leading for w in words):
        return False
    return not (first in lex.stopwords or first in lex.titles or first in lex.connectors or
                any(n.tokens == tuple(words) for n in rec.gaz.index.get(first, ())))


def _trim(rec: Recognition, start: int, name: str) -> str:
    """The name up to the first word that another mention takes, without trailing connectors."""
    words, pos = name.split(" "), start
    out: list[str] = []
    for word in words:
        if rec.overlapping(pos, pos + len(word)) or (out and word in rec.lex.stopwords):
            break
        out.append(word)
        pos += len(word) + 1
    while out and out[-1] in rec.lex.connectors:
        out.pop()
    return " ".join(out)


def _add(rec: Recognition, start: int, name: str, type_: str, rule: str) -> None:
    entity_id = slugify(name)
    entry = rec.gaz.get(entity_id)
    if entry is not None and entry.type != type_:
        return
    end = start + len(name)
    rec.add(Mention(start, end, entity_id, type_, rule, 0.7), label=name, gazetteer=entry is not None)
    # named again later ("Kazzinc, a subsidiary of Glencore, … Kazzinc supplies …"): the same body
    rec.local.setdefault(tuple(TOKEN.findall(name)), (entity_id, "name"))
    _abbreviation_after(rec, end, entity_id, type_)


def _before_capitals(rec: Recognition, words: frozenset[str]) -> list[tuple[int, str]]:
    r"""Where a capital follows one of ``words`` and one space, and the word.

    The matches of ``\b([a-z]+) (?=[A-Z])`` whose word is one of ``words``: those are runs of [a-z] between word
    boundaries, so whole tokens, and looking at those tokens alone is faster than a pass of that pattern.
    """
    text = rec.text
    return [(end + 1, word) for _, end, word in rec.tokens_among(words)
            if text[end:end + 1] == " " and text[end + 1:end + 2] in _CAPITALS]


def cued_names(rec: Recognition) -> None:
    """Capitalised names the gazetteer lacks, whose class a cue before or after them gives."""
    text, lex = rec.text, rec.lex
    cues = _patterns(lex)
    cue_words, before = cues.cue_words, cues.before
    for start, word in _before_capitals(rec, cue_words) if before else ():
        m = _NAME.match(text, start)
        if m is None or rec.overlapping(start, start + 1):
            continue
        lead = text[max(0, start - 80):start]
        type_ = next((t for pattern, t, words in before if word in words and pattern.search(lead)), None)
        if type_ is None:
            continue
        name = _trim(rec, start, m.group())
        if " and " in name and _VERB_AFTER.match(text, start + len(name)):
            # "owns 49% of Westinghouse and Brookfield owns the remaining 51%": "and" joins two clauses, not a name
            name = name[:name.index(" and ")]
        pair = _TWO_WORDS.fullmatch(name)
        if pair is not None and not {pair.group(1), pair.group(2)} & rec.lex.heads.keys():
            # "holds 50% stakes in Karatau and Akbastau": two names of one word each, not one name of both
            for part in (1, 2):
                if acceptable_name(rec, pair.group(part)):
                    _add(rec, start + pair.start(part), pair.group(part), type_, "name-after-cue")
        elif name and acceptable_name(rec, name):
            _add(rec, start, name, type_, "name-after-cue")
    if cues.apposition:
        _apposition_names(rec, cues)
    if cues.any_after is None or next(rec.phrase_matches(cues.any_after, cues.after_words), None) is None:
        return
    for pattern, first_words, type_, between, with_cue in cues.after:
        for cue in rec.phrase_matches(pattern, first_words):
            if with_cue:
                _name_with_cue(rec, cue, type_)
                continue
            words = list(re.finditer(r"[\w’'-]+", text[max(0, cue.start() - 80):cue.start()]))
            base = max(0, cue.start() - 80)
            k = len(words)
            while k > 0 and words[k - 1].group().islower() and (
                    words[k - 1].group() in between or _is_mineral(rec, words[k - 1].group())):
                k -= 1
            run: list[re.Match[str]] = []
            while k > 0 and words[k - 1].group()[:1].isupper() and len(run) < 3:
                k -= 1
                run.insert(0, words[k])
            if not run or k == len(words):
                continue
            start, end = base + run[0].start(), base + run[-1].end()
            name = text[start:end]
            if rec.overlapping(start, end) or not acceptable_name(rec, name):
                continue
            _add(rec, start, name, type_, "name-before-cue")


#: words that end the noun phrase of an apposition before its noun ("a city with a smelter of")
_PHRASE_BREAKS: Final = frozenset({"a", "an", "the", "and", "or", "but", "which", "that", "who"})
#: between an apposition's comma and its noun: an article and at most three words
_ARTICLE_AND_WORDS: Final = re.compile(r"(?:a|an|the|its|their)\s+(?:[\w’'%-]+\s+){0,3}")
#: before an apposition's noun: the name, a comma, an article and at most three words ("KATCO, a joint venture")
_NAME_AND_ARTICLE: Final = re.compile(r"(?P<name>(?:[A-Z][\w’'&.-]*[ ]){0,3}[A-Z][\w’'&-]*),\s+" + _ARTICLE_AND_WORDS.pattern
                                      + "$")


def _apposition_names(rec: Recognition, cues: _Cues) -> None:
    """A name an apposition says the class of: "Kazzinc, a subsidiary of Glencore" (``apposition`` in
    ``lexicon/cues.yaml``). The name is the capitalised words right before the comma that no other mention takes."""
    text, prepositions = rec.text, cues.prepositions
    for start, end, noun in rec.tokens_among(cues.apposition_nouns):
        after, type_ = cues.apposition[noun]
        if after.match(text, end) is None:
            continue
        # (the comma and the article first: most such nouns stand in no apposition)
        comma = text.rfind(", ", max(0, start - 60), start)
        if comma == -1 or _ARTICLE_AND_WORDS.fullmatch(text, comma + 2, start) is None:
            continue
        m = _NAME_AND_ARTICLE.search(text, max(0, comma - 60), start)
        if m is None or "’s " in m.group() or "'s " in m.group():
            continue  # (not "Kazzinc, Glencore's subsidiary": the possessive's own)
        gap = text[m.end("name"):start].split()[2:]  # (after the comma and the article)
        if any(w in rec.lex.connectors or w in _PHRASE_BREAKS or w in prepositions for w in gap):
            continue  # "Ust-Kamenogorsk, a city with a smelter of …": the noun is another's
        words = list(re.finditer(r"\S+", m.group("name")))
        base = m.start("name")
        # from the comma back, the words no mention takes; not a stopword or title opening them
        k = len(words)
        while k > 0 and not rec.overlapping(base + words[k - 1].start(), base + words[k - 1].end()):
            k -= 1
        while k < len(words) and (words[k].group() in rec.lex.stopwords or words[k].group() in rec.lex.titles):
            k += 1
        if k == len(words) or (k > 0 and rec.overlapping(base + words[k - 1].start(), base + words[k - 1].end())):
            continue  # (nor when a mention takes the word before: "Uranium One" is not "One")
        name_start, name_end = base + words[k].start(), base + words[-1].end()
        name = text[name_start:name_end]
        if acceptable_name(rec, name):
            _add(rec, name_start, name, type_, "name-in-apposition")


_RUN_BEFORE: Final = re.compile(r"((?:[A-Z][\w’'-]*[ ]){1,3})$")


def _name_with_cue(rec: Recognition, cue, type_: str) -> None:
    """"Naryn region": capitalised words and the cue are one name (replacing a place of the same words)."""
    text = rec.text
    m = _RUN_BEFORE.search(text, max(0, cue.start() - 60), cue.start())
    if m is None or not (cue.group().islower() or cue.group().istitle()):
        return  # "Naryn region", "Karaganda Region"; not "REGION" in a heading
    start, end = m.start(1), cue.end()
    while True:  # "In Almaty region": the name begins after the stopword
        first = text[start:text.find(" ", start)]
        if first not in rec.lex.stopwords or start >= cue.start():
            break
        start += len(first) + 1
    if start >= cue.start():
        return
    name = text[start:end]
    inside = rec.overlapping(start, end)
    if any(x.type != "Place" or x.start < start or x.end > cue.start() for x in inside) or not acceptable_name(rec, name):
        return
    for x in inside:
        rec.retract(x)
    _add(rec, start, name, type_, "name-with-cue")


def _is_mineral(rec: Recognition, word: str) -> bool:
    for n in rec.gaz.index.get(word, ()):
        entry = rec.gaz.get(n.entry) if n.tokens == (word,) else None
        if entry is not None and entry.type == "Mineral":
            return True
    return False


def home_states(rec: Recognition) -> list[Proposal]:
    """``basedIn`` for organisations named after a state's possessive or demonym ("Canada’s Cameco", "the Kazakh
    geological company Kazgeology", "Kazakhstan's state uranium company Kazatomprom"), or with one in an apposition
    that says what they are ("Navoiyuran, the Uzbek state uranium producer,"; ``home_heads`` in
    ``lexicon/cues.yaml``)."""
    text, lex = rec.text, rec.lex
    cues = _patterns(lex)
    # (a mineral may stand in the words between: "the Chinese uranium company CGN")
    named = sorted((m for m in rec.mentions if m.kind not in ("backref", "pair") and not m.nested
                    and m.type not in ("Mineral", "Topic")), key=lambda m: m.start)
    out: list[Proposal] = []
    for i, org in enumerate(named):
        if org.type not in _HOME_TYPES:
            continue
        prev = named[i - 1] if i > 0 else None
        if prev is not None and prev.type == "State" and org.start - prev.end <= 60:
            gap = text[prev.end:org.start]
            if prev.kind == "name" and gap in POSSESSIVE_GAPS:
                out.append(Proposal(org.entity, "basedIn", prev.entity, prev.start, org.end, "possessive-home-state",
                                    0.8))
                continue
            if prev.kind == "name" and gap.startswith(POSSESSIVE_GAPS) and gap.endswith(" ") \
                    and _describes(cues, gap[3:].split(), possessive=True):
                out.append(Proposal(org.entity, "basedIn", prev.entity, prev.start, org.end, "possessive-home-state",
                                    0.75))
                continue
            if prev.kind == "demonym" and gap.startswith(" ") and gap.endswith(" ") \
                    and _describes(cues, gap.split(), possessive=False):
                # (not one of two joined: "the Kazakh-Chinese joint venture Semizbay-U" has partners of both, and is
                # based in one, which the words do not say; "the German-Swedish developer Svevind" neither)
                first = named[i - 2] if i > 1 else None
                if first is None or first.kind != "demonym" or text[first.end:prev.start] not in _DEMONYM_JOINS:
                    out.append(Proposal(org.entity, "basedIn", prev.entity, prev.start, org.end, "demonym-home-state",
                                        0.75))
                continue
        nxt = named[i + 1] if i + 1 < len(named) else None
        if nxt is not None and nxt.type == "State":
            described = _home_apposition(text, cues, org, nxt)
            if described is not None:
                out.append(Proposal(org.entity, "basedIn", nxt.entity, org.start, described, "apposition-home-state",
                                    0.75))
    return out


def _describes(cues: _Cues, words: list[str], possessive: bool) -> bool:
    """Whether ``words`` (after a state's possessive or demonym) may describe an organisation at home there: at most
    ``home_max_words`` lower-case words, no preposition among them, the last a noun of ``home_heads`` ("the Kazakh
    geological company", not "Chinese banks have financed"); after a ``possessive``, at least one, and none of
    ``home_not``."""
    if len(words) > cues.home_max_words or not all(_LOWER_WORD.fullmatch(w) is not None and w not in cues.prepositions
                                                   for w in words):
        return False
    if words and words[-1] not in cues.home_heads:
        return False
    return not possessive or (bool(words) and cues.home_not.isdisjoint(words))


def _home_apposition(text: str, cues: _Cues, org: Mention, state: Mention) -> int | None:
    """Where an apposition after ``org`` that makes ``state`` its home ends: ", the Uzbek state uranium producer,"
    (a demonym), ", Kazakhstan's national atomic company," (a possessive), ", the national mining company of
    Kazakhstan"; its words end with a noun of ``home_heads``, and then the apposition ends. None when there is no
    such apposition ("ERG, the Luxembourg-based miner" is the rule x-based-apposition's)."""
    lead = text[org.end:state.start]
    if state.kind == "demonym" and lead in (", the ", ", a ", ", an "):
        words_start = state.end
    elif state.kind == "name" and lead == ", " and text.startswith(POSSESSIVE_GAPS, state.end):
        words_start = state.end + 2
    elif state.kind == "name":
        # ", the national mining company of Kazakhstan"
        head_of = _HEAD_OF.fullmatch(text, org.end, state.start)
        if head_of is None or text.startswith(POSSESSIVE_GAPS, state.end):
            return None  # (not "Uranium One, a subsidiary of Russia's Rosatom": Rosatom's home)
        return state.end if _describes(cues, head_of.group("words").split(), possessive=True) else None
    else:
        return None
    phrase = _HOME_PHRASE.match(text, words_start)
    words = phrase.group("words").split() if phrase is not None else []
    # (after a demonym too, the apposition must end with a noun of what the organisation is)
    if phrase is None or not words or not _describes(cues, words, possessive=state.kind == "name"):
        return None
    return phrase.end("words")


_LOWER_WORD: Final = re.compile(r"[a-z][a-z-]*")
#: between two demonyms of one organisation's homes: "German-Swedish", "Kazakh–Chinese"
_DEMONYM_JOINS: Final = ("-", "–", "/")
#: an apposition that ends with a noun of what an organisation is and "of" a state: ", the national mining company of "
_HEAD_OF: Final = re.compile(r",\s+(?:the|a|an)(?P<words>(?:\s+[a-z][a-z-]*){1,4})\s+of\s+(?:the\s+)?")
#: the words of an apposition after a demonym or possessive, up to where it ends ("the Uzbek state uranium
#: producer, on exploration", "the Canadian producer based in Saskatoon")
_HOME_PHRASE: Final = re.compile(r"(?P<words>(?:\s+[a-z][a-z-]*){1,4})(?=\s*[,.;:)]|\s*$|\s+(?:of|in|that|which|whose|"
                                 r"owned|controlled|based|headquartered|listed|and)\b)")
