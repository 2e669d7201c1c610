"""Entity recognition and linking: gazetteer names first, then names recognised from their context.

The recogniser walks the tokens of a text once and looks each token up in the
gazetteer's first-token index, keeping the longest name that matches (an
Aho-Corasick-like scan over words; see ``benchmarks/bench_extract.py`` for how it
compares with one regular expression per name). Then it adds the names the
gazetteer lacks, from their context:

* capitalised names ending in an organisation, event or agreement head
  (``Maqsut Narikbayev University``, ``Tashkent Investors Forum``) or beginning
  with a leading head (``Law on Subsoil``);
* abbreviations introduced in parentheses (``Belt and Road Initiative (BRI)``),
  which then name the same entity wherever they recur;
* persons after a title (``Prime Minister Alikhan Smailov``), before a role
  (``Aigerim Sadykova, a researcher at …``), beside a speech verb, or listed as
  the document's authors; their surnames then name them too;
* back-references (``the bank``, ``the two sides``, ``He``) to entities named
  before, which serve as arguments of relations but never define an entity.

One entity, one id: an id is the gazetteer's, or the slug of the name.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import Collection, Final, Iterable, Iterator

from crmgraph.extract.dates import FOUNDING_PARTICIPLES, MONTHS, dated_by_document, find_year, last_told_year
from crmgraph.extract.gazetteer import GROUPS, TOKEN, Gazetteer, Lexicon, derived, slugify
from crmgraph.extract.patterns import line_start_matches

EVENT_TYPES: Final = {"Forum", "Summit", "Speech", "Visit"}
#: how a possessive ends a name ("Kazakhstan’s", "Kazakhstan's"), and the same with the space after it
POSSESSIVE_ENDINGS: Final = ("’s", "'s")
POSSESSIVE_GAPS: Final = ("’s ", "'s ")
#: Context names of these classes take the year of their paragraph (or document) into their id: each is of one time.
DATED_TYPES: Final = EVENT_TYPES | {"JointStatement"}


@dataclass(slots=True)
class Mention:
    """One place where the text names (or refers back to) an entity."""

    start: int
    end: int
    entity: str
    type: str
    rule: str
    confidence: float
    kind: str = "name"  # name | demonym | symbol | abbreviation | surname | backref | pair
    nested: bool = False
    members: tuple[str, ...] = ()

    # written out, not generated: compiled, this __init__ is native code; the generated one stays interpreted
    def __init__(self, start: int, end: int, entity: str, type: str, rule: str, confidence: float, kind: str = "name",
                 nested: bool = False, members: tuple[str, ...] = ()) -> None:
        self.start, self.end, self.entity, self.type, self.rule = start, end, entity, type, rule
        self.confidence, self.kind, self.nested, self.members = confidence, kind, nested, members


@dataclass(slots=True)
class Known:
    """An entity the document names, with what the extractor knows of it."""

    id: str
    type: str
    label: str
    rule: str
    confidence: float
    first: Mention
    aliases: list[str] = field(default_factory=list)
    gazetteer: bool = False
    date: str | None = None
    url: str | None = None
    quote_span: tuple[int, int] | None = None  # when the quote is not the first mention

    # written out, not generated: compiled, this __init__ is native code; the generated one stays interpreted
    def __init__(self, id: str, type: str, label: str, rule: str, confidence: float, first: Mention,
                 aliases: list[str] | None = None, gazetteer: bool = False, date: str | None = None,
                 url: str | None = None, quote_span: tuple[int, int] | None = None) -> None:
        self.id, self.type, self.label, self.rule, self.confidence, self.first = id, type, label, rule, confidence, first
        self.aliases = [] if aliases is None else aliases
        self.gazetteer, self.date, self.url, self.quote_span = gazetteer, date, url, quote_span


def _token_index(tokens: list[tuple[int, int, str]]) -> dict[str, list[int]]:
    """Each word of ``tokens`` -> the indices of its tokens, in order."""
    index: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        at = index.get(token[2])
        if at is None:
            index[token[2]] = [i]
        else:
            at.append(i)
    return index


def begins_within(starts: list[int], start: int, end: int) -> bool:
    """Whether one of ``starts`` (in order: of :meth:`Recognition.token_starts`) is in ``[start, end)``.

    >>> begins_within([3, 40], 10, 40), begins_within([3, 40], 10, 41)
    (False, True)
    """
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _indices_among(index: dict[str, list[int]], words: Collection[str], also: str | None = None) -> list[int]:
    """The indices (of a :func:`_token_index`) of the words that are one of ``words`` or ``also``, in order."""
    found: list[int] = []
    if len(words) < len(index):
        for word in words:
            at = index.get(word)
            if at is not None:
                found += at
    else:
        for word, at in index.items():
            if word in words:
                found += at
    if also is not None and also not in words:
        found += index.get(also, [])
    found.sort()
    return found


class _LowerMemo(dict):
    """token -> the token in lower case; ``_NOT_ASCII`` for a word with a character outside ASCII; remembered.

    A token of punctuation outside ASCII ("’", "“") stays itself: the pattern engine matches no letter, digit or
    underscore to it, so no phrase that begins with a word begins there.
    """

    def __missing__(self, word: str) -> str:
        if word.isascii():
            value = word.lower()
        else:
            value = _NOT_ASCII if _WORD_CHARACTER.match(word) else word
        if len(self) < 500_000:
            self[word] = value
        return value


_NOT_ASCII: Final = "\x00"  # a word of its own: no phrase begins with it
#: a word character (``\w``)
_WORD_CHARACTER: Final = re.compile(r"\w")
_LOWERED: Final = _LowerMemo()


class Recognition:
    """The entities and mentions of one document, built up by the passes of :func:`recognise`."""

    def __init__(self, text: str, gazetteer: Gazetteer, lexicon: Lexicon, doc_date: str | None = None):
        self.text = text
        self.gaz = gazetteer
        self.lex = lexicon
        self.doc_date = doc_date
        self.mentions: list[Mention] = []
        self.known: dict[str, Known] = {}
        self.local: dict[tuple[str, ...], tuple[str, str]] = {}  # document-local names -> (id, kind)
        self.facts: list = []  # relations found while recognising (offices, references); see relations.Proposal
        self._starts: list[int] = []  # starts of the named mentions, sorted, for :meth:`overlapping`
        self._by_start: list[Mention] = []
        self._longest = 0
        self.tokens: list[tuple[int, int, str]] | None = None  # token_list(text), kept by scan_gazetteer
        # where each word is among the tokens, as written (for :meth:`tokens_among`) and in lower case (for
        # :meth:`phrase_matches`): the passes look for a few words each, in a text of thousands of tokens
        self._word_index: dict[str, list[int]] | None = None
        self._lower_index: dict[str, list[int]] | None = None
        self._token_starts: dict[frozenset[str], list[int]] = {}
        self._lowered_starts: dict[frozenset[str], list[int]] = {}
        self._indexed: list[tuple[int, int, str]] | None = None  # the tokens the indexes were built from

    def type_of(self, entity_id: str) -> str | None:
        if entity_id in self.known:
            return self.known[entity_id].type
        entry = self.gaz.get(entity_id)
        return entry.type if entry else None

    def label_of(self, entity_id: str) -> str:
        if entity_id in self.known:
            return self.known[entity_id].label
        entry = self.gaz.get(entity_id)
        return entry.label if entry else entity_id

    def _index(self, mention: Mention) -> None:
        starts, start = self._starts, mention.start
        if not starts or start >= starts[-1]:  # the scans add mentions in text order: append
            starts.append(start)
            self._by_start.append(mention)
        else:
            i = bisect_right(starts, start)
            starts.insert(i, start)
            self._by_start.insert(i, mention)
        length = mention.end - start
        if length > self._longest:
            self._longest = length

    def add(self, mention: Mention, label: str | None = None, gazetteer: bool = False) -> Mention:
        self.mentions.append(mention)
        if mention.kind in ("backref", "pair"):
            return mention
        self._index(mention)
        entity_id = mention.entity
        known = self.known.get(entity_id)
        if known is None:
            entry = self.gaz.entries.get(entity_id)
            # positional arguments: this runs for every entity of a text
            self.known[entity_id] = Known(
                entity_id, mention.type, label or (entry.label if entry else self.text[mention.start:mention.end]),
                mention.rule, mention.confidence, mention, [], gazetteer or entry is not None)
        elif mention.start < known.first.start:
            entry = self.gaz.entries.get(entity_id)
            self.known[entity_id] = Known(
                id=entity_id, type=known.type, label=label or (entry.label if entry else self.text[mention.start:mention.end]),
                rule=mention.rule, confidence=mention.confidence, first=mention,
                gazetteer=gazetteer or entry is not None,
                date=known.date, url=known.url, quote_span=known.quote_span,
            )
        return mention

    def retract(self, mention: Mention) -> None:
        """Take back a named mention (a word that turned out to be part of a longer name); its entity goes too
        when nothing else names it."""
        self.mentions.remove(mention)
        i = bisect_left(self._starts, mention.start)
        while i < len(self._starts) and self._starts[i] == mention.start:
            if self._by_start[i] is mention:
                del self._starts[i], self._by_start[i]
                break
            i += 1
        entity_id = mention.entity
        rest = [m for m in self.mentions if m.entity == entity_id and m.kind not in ("backref", "pair")]
        if not rest:
            self.known.pop(entity_id, None)
        elif self.known.get(entity_id) is not None and self.known[entity_id].first is mention:
            self.known[entity_id].first = min(rest, key=lambda m: m.start)

    def define(self, entity_id: str, type_: str, label: str, span: tuple[int, int], rule: str, confidence: float,
               date: str | None = None, url: str | None = None) -> None:
        """Record an entity whose quote is a whole span (a reference line), not a name."""
        mention = Mention(span[0], span[1], entity_id, type_, rule, confidence, kind="definition")
        self.mentions.append(mention)
        self._index(mention)
        if entity_id not in self.known:
            self.known[entity_id] = Known(entity_id, type_, label, rule, confidence, mention, date=date, url=url)

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The named mentions (not back-references) that overlap ``[start, end)``."""
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [m for m in self._by_start[lo:hi] if start < m.end]

    def tokens_among(self, words: frozenset[str]) -> list[tuple[int, int, str]]:
        """The tokens of the text (see :func:`token_list`) that are one of ``words``, in text order."""
        tokens = self._tokens()
        return [tokens[i] for i in self.token_indices(tokens, words)]

    def token_indices(self, toks: list[tuple[int, int, str]], words: Collection[str]) -> list[int]:
        """The indices of the tokens ``toks`` whose word is one of ``words``, in order (looked up in the index of the
        text's words when ``toks`` are the text's tokens)."""
        if toks is self.tokens:
            return _indices_among(self._words(), words)
        return list(compress(range(len(toks)), map(words.__contains__, map(_WORD_OF, toks))))

    def token_starts(self, words: frozenset[str]) -> list[int]:
        """Where the tokens of the text that are one of ``words`` begin, in order (remembered for each set of words:
        the passes of the sentences ask again)."""
        index = self._words()  # (the index first: built again for other tokens, it forgets the starts remembered)
        return self._starts_among(self._token_starts, index, words, None)

    def lowered_token_starts(self, words: frozenset[str]) -> list[int]:
        """Where the tokens of the text that are one of ``words`` in lower case begin, in order, and those of the words
        with a character outside ASCII, whose lower case the index does not keep (remembered for each set of words)."""
        index = self._lower_words()  # (first, as in token_starts)
        return self._starts_among(self._lowered_starts, index, words, _NOT_ASCII)

    def _starts_among(self, remembered: dict[frozenset[str], list[int]], index: dict[str, list[int]],
                      words: frozenset[str], also: str | None) -> list[int]:
        """The starts of the tokens ``index`` has under one of ``words`` (or ``also``), from ``remembered`` or else
        found and kept there."""
        found = remembered.get(words)
        if found is None:
            tokens = self._tokens()
            found = remembered[words] = [tokens[i][0] for i in _indices_among(index, words, also)]
        return found

    def _tokens(self) -> list[tuple[int, int, str]]:
        if self.tokens is None:
            self.tokens = token_list(self.text)
        return self.tokens

    def _words(self) -> dict[str, list[int]]:
        """Each word of the text -> the indices of its tokens (built again, with the indexes made from it, when
        ``tokens`` was given another list)."""
        tokens = self._tokens()
        if self._word_index is None or self._indexed is not tokens:
            self._word_index, self._indexed = _token_index(tokens), tokens
            self._lower_index, self._token_starts, self._lowered_starts = None, {}, {}
        return self._word_index

    def _lower_words(self) -> dict[str, list[int]]:
        """Each word of the text in lower case (``_LOWERED``) -> the indices of the tokens of its forms, in no order
        (they are sorted when found)."""
        words = self._words()
        if self._lower_index is None:
            self._lower_index = {}
            for word, indices in words.items():
                lowered = _LOWERED[word]
                if lowered in self._lower_index:
                    self._lower_index[lowered] = self._lower_index[lowered] + indices
                else:
                    self._lower_index[lowered] = indices
        return self._lower_index

    def phrase_matches(self, pattern: re.Pattern, first_words: frozenset[str] | None) -> Iterator[re.Match]:
        """``pattern.finditer(text)`` for a case-insensitive pattern of phrases, tried only where a phrase may begin.

        ``first_words`` (see :func:`leading_words`) are the lower-cased first words of the phrases: a match begins
        at a token that is one of them, whatever its case. Trying the pattern at those tokens alone finds the same
        matches as scanning every position of the text, for a fraction of the time. A word with a character
        outside ASCII is always tried: its lower case need not be what the pattern engine compares ("ſ", "İ").
        Without ``first_words``, the whole text is scanned.
        """
        text = self.text
        if first_words is None:
            yield from pattern.finditer(text)
            return
        tokens = self._tokens()
        end = 0
        for i in _indices_among(self._lower_words(), first_words, _NOT_ASCII):
            at = tokens[i][0]
            if at < end:
                continue  # inside the previous match, as finditer goes on after it
            match = pattern.match(text, at)
            if match is not None:
                end = match.end()
                yield match

    def spans(self):
        return [(m.start, m.end) for m in self.mentions]


# --- the gazetteer scan -------------------------------------------------------------


def token_list(text: str) -> list[tuple[int, int, str]]:
    r"""The matches of TOKEN in ``text`` as (start, end, word) triples.

    TOKEN's matches never cross white space: the text is cut at its spaces (``str.split``, in C), and most pieces
    are one word (``isalnum``: word characters but the underscore, as TOKEN's ``\w``) or a word and a comma or full
    stop; only the others (with a bracket, an apostrophe, a line break …) are run through TOKEN. Compiled, this
    runs two fifths of the instructions of TOKEN over the whole text.

    >>> token_list("Kazakhstan’s uranium (U3O8) output, 2023.")[:3]
    [(0, 10, 'Kazakhstan'), (10, 11, '’'), (11, 12, 's')]
    """
    out: list[tuple[int, int, str]] = []
    pos = 0
    for piece in text.split(" "):
        n = len(piece)
        if n:
            if piece.isalnum():
                out.append((pos, pos + n, piece))
            elif n > 1 and piece[:-1].isalnum() and piece[-1] in ".,;:":
                out.append((pos, pos + n - 1, piece[:-1]))
                out.append((pos + n - 1, pos + n, piece[-1]))
            else:
                for m in TOKEN.finditer(piece):
                    out.append((pos + m.start(), pos + m.end(), m.group()))
        pos += n + 1
    return out


_WORD_OF: Final = itemgetter(2)
_CONFIDENCE: Final = {"name": 0.95, "demonym": 0.85, "symbol": 0.7, "abbreviation": 0.9, "surname": 0.8}
_GAZETTEER_RULE: Final = {kind: f"gazetteer-{kind}" for kind in _CONFIDENCE}  # the rule names, made once


def scan_gazetteer(rec: Recognition, toks: list[tuple[int, int, str]]) -> None:
    """Longest match of gazetteer and document-local names at each token."""
    index, local, text, gaz = rec.gaz.index, rec.local, rec.text, rec.gaz
    rec.tokens = toks  # for the later passes (see Recognition.phrase_matches)
    n = len(toks)
    hits: Iterable[int]
    if not local:
        # without document-local names only the tokens that begin a gazetteer name can match: visit those alone
        hits = rec.token_indices(toks, index)
    else:
        hits = range(n)
    by_second = _second_tokens(gaz)
    verb_homographs = rec.lex.verb_homographs
    i = 0
    for h in hits:
        if h < i:
            continue
        i = h
        word = toks[i][2]
        best = None
        # the names of the bucket whose second token is the next word, then the one-word names: the same names in
        # the same order as the bucket's, less those that cannot match
        split = by_second.get(word)
        if split is None and index.get(word):
            split = by_second[word] = _split_bucket(gaz, index[word])
        if split is not None:
            following, single = split
            candidates = following.get(toks[i + 1][2], single) if i + 1 < n else single
            for candidate in candidates:
                k = candidate[0]
                if k > 1:
                    # the second token is the next word (that chose the candidates): compare the words after it
                    if i + k > n or (k > 2 and not _words_follow(toks, i, candidate[1])) or \
                            "\n" in text[toks[i][0]:toks[i + k - 1][1]]:
                        continue
                best = candidate
                break
        if local and (best is None or best[0] == 1):
            for k in (4, 3, 2, 1):
                key = tuple(map(_WORD_OF, toks[i:i + k]))
                if len(key) == k and key in local and (best is None or k > best[0]):
                    best = _candidate(gaz, key, *local[key])
                    break
        if best is None:
            i += 1
            continue
        k, _, entry_id, kind, type_, rule, confidence, in_gazetteer = best
        start, end = toks[i][0], toks[i + k - 1][1]
        if _glued(text, start, end):
            i += 1
            continue
        if kind == "symbol" and not _symbol_context(text, start, end):
            i += k
            continue
        if k == 1 and word in verb_homographs and _verb_context(text, start, end):
            i += 1
            continue
        if not in_gazetteer:  # a document-local name of an entity of the document
            type_ = rec.type_of(entry_id) or "Topic"
        if type_ in _PERSONS and _another_persons_name(rec, start, end, k == 1):
            i += k
            continue
        rec.add(Mention(start, end, entry_id, type_, rule, confidence, kind), gazetteer=in_gazetteer)
        i += k


_PERSONS: Final = GROUPS["person"]
#: after a person's name: a generational suffix, which makes it another person's ("Donald Trump Jr.")
_GENERATION: Final = re.compile(r",?\s+(?:Jr|Sr|Junior|Senior|II|III)\b")
#: before a surname: a capitalised word on the same line
_WORD_BEFORE: Final = re.compile(r"(?<![\w’'.-])([A-Z][a-z]+)[ \t]+$")


def _another_persons_name(rec: Recognition, start: int, end: int, surname_only: bool) -> bool:
    """Whether a person's name at ``[start, end)`` is part of another person's: a generational suffix follows it
    ("Donald Trump Jr."), or, named by surname alone, another first name precedes it ("Hunter Biden", "Aisultan
    Nazarbayev"). A title, honorific, role or one of the lexicon's stopwords before the surname is no first name
    ("President Biden", "Mr Tokayev", "When Biden …").

    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> rec = Recognition("Hunter Biden and President Biden", load_gazetteer(), load_lexicon())
    >>> _another_persons_name(rec, 7, 12, True), _another_persons_name(rec, 27, 32, True)
    (True, False)
    """
    text = rec.text
    if _GENERATION.match(text, end):
        return True
    if not surname_only:
        return False
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    return before.group(1) not in derived(rec.lex, _not_first_names)


def title_words(lex: Lexicon) -> frozenset[str]:
    """Every word of the lexicon's titles ("President", "Prime", "Minister", "Foreign" …), as written."""
    return frozenset(w for t in lex.titles for w in t.split())


def _not_first_names(lex: Lexicon) -> frozenset[str]:
    """The capitalised words that may stand before a surname without being a first name: the words of titles,
    honorifics, roles, the heads of organisation and event names ("the SCO Summit Tokayev …") and the stopwords."""
    words: set[str] = set(lex.stopwords) | {h.rstrip(".") for h in lex.honorifics} | set(lex.heads)
    for phrase in [*lex.titles, *lex.roles]:
        words.update(w[:1].upper() + w[1:] for w in re.findall(r"[\w’'-]+", phrase))
    return frozenset(words)


def _words_follow(toks: list[tuple[int, int, str]], i: int, words: tuple[str, ...]) -> bool:
    """Whether the tokens from ``i`` on are ``words`` from the third word on (the first two are compared already)."""
    for j in range(2, len(words)):
        if toks[i + j][2] != words[j]:
            return False
    return True


def _candidate(gaz: Gazetteer, words: tuple[str, ...], entry_id: str, kind: str) -> tuple:
    """What a name that matches adds: (its length in tokens, its words, entity id, kind, type, rule, confidence, and
    whether the entity is the gazetteer's). The type of an entity the gazetteer lacks is the document's (None here)."""
    entry = gaz.entries.get(entry_id)
    confidence = _CONFIDENCE.get(kind, 0.9)
    if entry is None:
        return len(words), words, entry_id, kind, None, f"local-{kind}", confidence, False
    rule = _GAZETTEER_RULE.get(kind) or f"gazetteer-{kind}"
    return len(words), words, entry_id, kind, entry.type, rule, confidence, True


_VERB_BEFORE: Final = re.compile(r"\b(?:may|might|could|would|will|can|cannot|should|must|to|does|did|not|also)\s+$", re.I)
_VERB_AFTER: Final = re.compile(r"\s+(?:to|out|the way)\b")


def _verb_context(text: str, start: int, end: int) -> bool:
    """"may lead to", "to iron out": a mineral's name used as a verb."""
    return bool(_VERB_BEFORE.search(text, max(0, start - 12), start) or _VERB_AFTER.match(text, end))


def _second_tokens(gaz: Gazetteer) -> dict:
    """Per first token, its bucket split by second token (filled as the scan meets the first tokens)."""
    return derived(gaz, _empty_split)


def _empty_split(gaz: Gazetteer) -> dict:
    return {}


def _split_bucket(gaz: Gazetteer, bucket: list) -> tuple[dict[str, list], list]:
    """The names of one bucket by their second token (each list ending with the one-word names), and the one-word
    names; each name as a :func:`_candidate`."""
    candidates = [_candidate(gaz, name.tokens, name.entry, name.kind) for name in bucket]
    single = [c for c in candidates if c[0] == 1]
    following: dict[str, list] = {}
    for c in candidates:
        if c[0] > 1:
            following.setdefault(c[1][1], [])
    for second, names in following.items():
        names.extend(c for c in candidates if c[0] == 1 or c[1][1] == second)
    return following, single


def _glued(text: str, start: int, end: int) -> bool:
    """A name glued to letters on either side ("Xi" in "Xi’an", "EU" in "EUR") is not that name."""
    if start > 0 and (text[start - 1].isalnum()):
        return True
    if end < len(text) and text[end].isalnum():
        return True
    if end + 1 < len(text) and text[end] in "’'" and text[end + 1].isalpha() and text[end + 1] != "s":
        return True
    return False


def _symbol_context(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    return (before == "(" and after == ")") or bool(re.match(r"[,/]\s?[A-Z][a-z]?\b", text[end:end + 4]))


# --- names from their context ------------------------------------------------------------

_CAP: Final = re.compile(r"^[A-Z][A-Za-z0-9]*$|^[A-Z0-9]+$|^[A-Z][a-z]+[A-Z][A-Za-z]*$")


class _CapMemo(dict):
    """word -> whether ``_CAP`` matches it, remembered (a token recurs many times in a text)."""

    def __missing__(self, word: str) -> bool:
        value = _CAP.match(word) is not None
        if len(self) < 500_000:
            self[word] = value
        return value


_CAPS: Final = _CapMemo()


def context_names(rec: Recognition, toks: list[tuple[int, int, str]]) -> None:
    """Capitalised names with an organisation, event or agreement head; abbreviations in parentheses."""
    lex, text = rec.lex, rec.text
    caps, stopwords, connectors = _CAPS, lex.stopwords, lex.connectors
    n = len(toks)
    words = list(map(_WORD_OF, toks))
    # a run of name words begins at a capitalised word that is not a stopword: visit those alone (the test is made
    # once per distinct word)
    beginnings = {w for w in filter(caps.__getitem__, set(words)) if not w.isdigit()}.difference(stopwords)
    following = 0
    for i in rec.token_indices(toks, beginnings):
        if i < following:
            continue
        j = i
        while j + 1 < n:
            nxt = words[j + 1]
            gap = text[toks[j][1]:toks[j + 1][0]]
            if gap not in ("", " ") or "\n" in gap:
                break
            if caps[nxt] and nxt not in stopwords:
                j += 1
            elif nxt in connectors and j + 2 < n and caps[words[j + 2]] and words[j + 2] not in stopwords and gap == " " \
                    and not words[j + 2].isdigit() \
                    and not (nxt in ("and", "&") and _possessive_state_at(rec, toks[j + 2][0])):
                j += 1
            elif nxt == "of" and j + 3 < n and words[j + 2] == "the" and caps[words[j + 3]] and gap == " " \
                    and words[j] in lex.heads:
                j += 2  # "Bank of the United States"
            elif nxt in ("-", "–", "+", "’", "'") and gap == "" and j + 2 < n and toks[j + 2][0] == toks[j + 1][1] and (
                    caps[words[j + 2]] or words[j + 2].isdigit()):
                j += 1  # "EU-Central Asia Summit", "EU–Central Asia Summit" (an en dash joins the partners too)
            elif nxt in ("–", "-") and gap == " " and j + 2 < n and text[toks[j + 1][1]:toks[j + 2][0]] == " " and \
                    caps[words[j + 2]] and _polity_at(rec, toks[j][1], end=True) and _polity_at(rec, toks[j + 2][0]):
                j += 1  # "Central Asia – Germany Summit": a dash between two partners, set off by spaces
            elif nxt in ("’", "'") and gap == "" and j + 2 < n and toks[j + 2][0] == toks[j + 1][1] and \
                    words[j + 2].isalpha() and words[j + 2].islower() and words[j + 2] != "s":
                j += 2  # an apostrophe inside a word ("Xi’an Declaration"), not a possessive
                continue
            elif nxt.isdigit() and gap == "" and words[j] == "+":
                j += 1
            elif nxt == "," and gap == "" and j > i + 1 and words[i] in lex.leading and words[i + 1] in connectors \
                    and (end := _series_end(rec, toks, words, j + 1)) is not None:
                j = end  # "Ministry of Trade, Industry and Energy": a series of fields, not a list of names
            else:
                break
        if j > i:  # a single word is never a name with a head (see _name_in_run)
            _name_in_run(rec, toks, i, j)
        following = j + 1


_HEAD_PREPOSITIONS: Final = frozenset({"of", "on", "for"})


def _series_end(rec: Recognition, toks: list[tuple[int, int, str]], words: list[str], comma: int) -> int | None:
    """The last token of ", Industry and Energy" (from the comma at ``comma``): capitalised words that nothing else
    names, joined by commas and closed by "and" with one more such word; None when the tokens are anything else
    (", Kazakhstan and Uzbekistan" is a list of states, not the fields of a ministry)."""
    text, stopwords, n = rec.text, rec.lex.stopwords, len(toks)
    k, closed = comma, False
    while k < n and words[k] in (",", "and") and not closed:
        closed = words[k] == "and"
        if words[k] == "," and k + 1 < n and words[k + 1] == "and":  # a serial comma: ", and Energy"
            k, closed = k + 1, True
        first = k + 1
        if first >= n or text[toks[k][1]:toks[first][0]] != " ":
            return None
        last = first
        while last < n and words[last][:1].isupper() and words[last] not in stopwords and (
                last == first or text[toks[last - 1][1]:toks[last][0]] == " "):
            last += 1
        last -= 1
        if last < first or rec.overlapping(toks[first][0], toks[last][1]):
            return None
        k = last + 1
        if closed:
            return last
        if k >= n or text[toks[k - 1][1]:toks[k][0]] not in ("", " ") or words[k] not in (",", "and"):
            return None
        if words[k] == "," and text[toks[k - 1][1]:toks[k][0]] != "":
            return None
    return None


#: what a name of its own, before "and" in a run of capitalised words, must be to end the run's name there: an
#: organisation, but no diplomatic format, or a state or region
_ORGANISATIONS: Final = frozenset(GROUPS["organisation"])
#: around a surname that is a month's name too ("May"), what makes it the month: a day or year after it, or a word of
#: time before it
_DAY_OR_YEAR_AFTER: Final = re.compile(r"\s+(?:[0-3]?\d\b|(?:19|20)\d\d\b)")
_DATE_WORD_BEFORE: Final = re.compile(r"\b(?:in|on|since|from|until|till|by|early|late|mid|last|next|of|[0-3]?\d)[\s-]+$",
                                      re.IGNORECASE)
_YEAR_WORD: Final = re.compile(r"(?:19|20)\d\d")
_LISTED_TYPES: Final = frozenset(GROUPS["organisation"] - {"DiplomaticFormat"}) | {"State", "Region"}


def _polity_at(rec: Recognition, at: int, end: bool = False) -> bool:
    """Whether the name of a state, region or intergovernmental organisation begins at ``at`` (with ``end``, ends
    there)."""
    for m in rec.overlapping(at - 1, at + 1):
        if (m.end if end else m.start) == at and m.type in GROUPS["polity"] and m.kind != "demonym":
            return True
    return False



def _possessive_state_at(rec: Recognition, start: int) -> bool:
    """Whether a state's name in the possessive begins at ``start``: "… Ministry of Energy and Uzbekistan’s Ministry of
    Energy" lists two bodies, it does not name one "Ministry of Energy and Uzbekistan"."""
    for m in rec.overlapping(start, start + 1):
        if m.start == start and m.type == "State" and rec.text.startswith(POSSESSIVE_ENDINGS, m.end):
            return True
    return False


def _name_in_run(rec: Recognition, toks: list[tuple[int, int, str]], i: int, j: int) -> None:
    lex, text = rec.lex, rec.text
    if toks[j][2] in lex.heads:  # a run that ends in a head word may have another inside
        words = [t[2] for t in toks[i:j + 1]]
        # split "Joint Declaration of the First EU-Central Asia Summit" after an inner head word
        for cut in range(len(words) - 2, 0, -1):
            if words[cut] in ("of", "for") and words[cut - 1] in lex.heads and words[-1] in lex.heads:
                _name_in_run(rec, toks, i, i + cut - 1)
                k = i + cut + 1
                while k <= j and (toks[k][2] in lex.connectors or toks[k][2] in lex.stopwords):
                    k += 1
                if k <= j:
                    _name_in_run(rec, toks, k, j)
                return
    while i <= j and (toks[i][2] in lex.stopwords or toks[i][2] in lex.connectors):
        i += 1
    if i < j and toks[j - 1][2] in lex.heads and lex.heads[toks[j - 1][2]] in DATED_TYPES and _YEAR_WORD.fullmatch(toks[j][2]):
        j -= 1  # "Astana International Forum 2024": the forum's edition, its year read as for any other
    if i < j and toks[i + 1][2] in lex.leading and any(
            m.kind == "demonym" and m.start == toks[i][0] and m.end == toks[i][1] for m in rec.overlapping(toks[i][0], toks[i][1])):
        i += 1  # "the Chinese Ministry of Commerce": the demonym says whose, the name begins at its head
    if i > j:
        return
    first, last = toks[i][2], toks[j][2]
    type_ = None
    if last not in lex.heads and j > i + 2:
        # "Export-Import Bank of the United States": a name with a head, then "of (the)" and a state
        for h in range(j - 2, i, -1):
            if toks[h][2] in lex.heads and toks[h + 1][2] == "of":
                tail = toks[h + 2][0] if toks[h + 2][2] != "the" or h + 3 > j else toks[h + 3][0]
                if any(m.type == "State" and m.start == tail and m.end == toks[j][1]
                       for m in rec.overlapping(tail, toks[j][1])):
                    type_ = lex.heads[toks[h][2]]
                break
    if type_ is None and last in lex.heads and j > i:
        type_ = lex.heads[last]
        # "State Committee on Geology and Mineral Resources", "Institute for Mining": the head before "on", "of" or
        # "for" is the name's head, not the last word
        for h in range(i, j - 1):
            if toks[h + 1][2] in _HEAD_PREPOSITIONS and (toks[h][2] in lex.heads or toks[h][2] in lex.leading):
                type_ = lex.heads.get(toks[h][2]) or lex.leading[toks[h][2]]
                break
    elif type_ is None and first in lex.leading and j > i + 1 and toks[i + 1][2] in lex.connectors:
        type_ = lex.leading[first]
    if type_ is None:
        return
    start, end = toks[i][0], toks[j][1]
    existing = rec.overlapping(start, end)
    core_i, core_j = i, j
    while core_j > core_i and toks[core_j][2] in lex.legal_forms:
        core_j -= 1
    while core_i < core_j and toks[core_i][2] in lex.designations:
        core_i += 1
    if (core_i, core_j) != (i, j) and any(m.start in (start, toks[core_i][0]) and m.end == toks[core_j][1]
                                          and m.kind == "name" and m.type == "Company" for m in existing):
        return  # "JV Inkai LLP", "JV KATCO LLP": the company the text knows, with its designation and legal form
    for m in existing:
        if m.start <= start and m.end >= end:
            return  # already a (longer or equal) name
        if m.end == end and m.kind == "name" and m.type in _ORGANISATIONS and last in lex.heads:
            # "Prime Minister Fumio Kishida of Japan and Chairman Chen Jinghe of Zijin Mining": the head is a known
            # body's, which the run only ends with (a mineral's is the run's: "Xiamen Tungsten")
            return
    for k in range(i + 1, j):
        if toks[k][2] in ("and", "&") and any(
                m.start == start and m.end == toks[k - 1][1] and m.kind == "name" and m.type in _LISTED_TYPES
                for m in existing):
            # "Zijin Mining and Centerra Gold", "Kazakhstan and HMS Bergbau AG": a known name of a body or a
            # state, "and", and another name; no name of both
            _name_in_run(rec, toks, k + 1, j)
            return
    head_start = toks[j][0] if last in lex.heads else end
    if existing and all(m.kind == "demonym" for m in existing) and min(m.start for m in existing) <= start and \
            max(m.end for m in existing) >= text.rfind(" ", start, head_start):
        return  # "Central Asian Mining": a demonym and a head describe a sector, they do not name a body
    name = text[start:end]
    entity_id = slugify(name)
    if type_ in DATED_TYPES:  # only these take a year (looked for only then)
        sentence_year = _year_at(rec, start, end) or (rec.doc_date[:4] if rec.doc_date else None)
        if sentence_year and sentence_year not in name:
            entity_id = f"{entity_id}-{sentence_year}"
    if entity_id in rec.gaz.entries and rec.gaz.entries[entity_id].type != type_:
        entity_id = f"{entity_id}-{slugify(type_)}"
    for m in existing:
        if m.type in ("Mineral", "Topic") and m.kind == "name":
            rec.retract(m)  # "Jiangxi Copper" names a company, not copper
        else:
            m.nested = True
    rec.add(Mention(start, end, entity_id, type_, "name-with-head", 0.75), label=name)
    _abbreviation_after(rec, end, entity_id, type_)


#: where a sentence ends, roughly: its mark and the space after it
SENTENCE_END: Final = re.compile(r"[.!?][”’\"')]?\s")


def _year_at(rec: Recognition, start: int, end: int) -> str | None:
    """The year a name at ``rec.text[start:end]`` is of: the first year of its sentence, or the year of a date its
    sentence gives relative to the document's ("attended the Future Minerals Forum in Riyadh in January", in a text
    of May 2024: 2024), else the last year before it in its paragraph ("In May 2023 … . The summit adopted the Xi’an
    Declaration."; not that of a body's founding, :func:`~crmgraph.extract.dates.last_told_year`). A year in a later
    sentence is of something else ("… signed the Xi’an Declaration. The next summit is to be held in 2025.").

    The sentence is found roughly, within the line: an abbreviation ("U.S.") may end it early, so it is at
    worst shorter than the true one, and then the year before it still applies.
    """
    text = rec.text
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    cut = max((m.end() for m in SENTENCE_END.finditer(text, line_start, start)), default=line_start)
    after = SENTENCE_END.search(text, end, line_end)
    sentence_end = after.end() if after else line_end
    year = find_year(text[cut:sentence_end])
    if year is None and rec.doc_date:
        relative = dated_by_document(text, cut, sentence_end, rec.doc_date, rec.lex)
        year = relative[:4] if relative else None
    return year if year is not None else last_told_year(text, line_start, cut)


_ABBR: Final = re.compile(r"\s?\((?P<abbr>[A-Z][A-Za-z0-9&+.-]{1,9})\)")
_OPENING: Final = re.compile(r"\(")


def _abbreviation_after(rec: Recognition, end: int, entity_id: str, type_: str) -> None:
    m = _ABBR.match(rec.text, end)
    if not m:
        return
    abbr = m.group("abbr")
    if sum(c.isupper() for c in abbr) < 2:
        return
    key = tuple(TOKEN.findall(abbr))
    rec.local.setdefault(key, (entity_id, "abbreviation"))
    known = rec.known.get(entity_id)
    if known and abbr not in known.aliases and not known.gazetteer:
        known.aliases.append(abbr)
    rec.add(Mention(m.start("abbr"), m.end("abbr"), entity_id, type_, "abbreviation-in-parentheses", 0.9, "abbreviation"))


def abbreviations(rec: Recognition) -> None:
    """Abbreviations introduced after gazetteer names: ``European Bank for … (EBRD)``."""
    # an abbreviation opens its parenthesis right after the name or one character later: look only there
    parentheses = {m.start() for m in _OPENING.finditer(rec.text)}
    if not parentheses:
        return
    for mention in list(rec.mentions):
        if mention.kind == "name" and not mention.nested and (mention.end in parentheses or mention.end + 1 in parentheses):
            _abbreviation_after(rec, mention.end, mention.entity, mention.type)


# --- persons ---------------------------------------------------------------------------------

# (with the letters of Turkish, Azerbaijani and Central European names: "Cevdet Yılmaz", "Maroš Šefčovič")
_NAME_END: Final = "a-zà-ÿšžčćřłńóéüöäışğəāēīōūőűąęň"
_NAME_CAPITAL: Final = "A-ZÀ-ÖØ-ÞŠŽČĆŘŁŞĞİƏ"
_NAME_CHARACTERS: Final = _NAME_END + _NAME_CAPITAL + "’'-"
_NAME_REST: Final = rf"[{_NAME_CHARACTERS}]*[{_NAME_END}]"
_NAME_WORD: Final = rf"[{_NAME_CAPITAL}]" + _NAME_REST
#: Two or three name words, not after a word character, a dot or a hyphen: ``(?<![\w.-])({_NAME_WORD}…)``, with the
#: look-behind written after the first capital (it looks at the same character), so that the regular expression
#: engine skips to the capitals instead of trying the look-behind at every position (see offices._title_pattern;
#: a test checks the matches against the plain pattern).
#: The first word takes its whole run of name characters at once, without giving any back (an atomic group), and
#: then must end in a lower-case letter: the space that follows it can only follow the whole run, so the engine need
#: not try every shorter word when the rest fails ("Kazakhstan has": a third fewer instructions over a text). The
#: first word of the plain pattern, ``{_NAME_WORD}(?:-{_NAME_WORD})?``, matches the same runs.
def _person_regex(particles: list[str]) -> re.Pattern:
    """Two or three capitalised words, with ``particles`` (at most two) allowed before the second."""
    alternatives = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    before_second = rf"(?:(?:{alternatives})\s){{0,2}}" if alternatives else ""
    return re.compile(rf"([{_NAME_CAPITAL}](?<![\w.-].)(?>[{_NAME_CHARACTERS}]*)(?<=[{_NAME_END}]))\s({before_second}{_NAME_WORD}"
                      rf"(?:-{_NAME_WORD})?)(?:\s({_NAME_WORD}))?(?![\w-])")


_PERSON: Final = _person_regex([])


def reporting_verbs(lex: Lexicon) -> re.Pattern | None:
    """A verb of ``reporting`` in ``lexicon/speech.yaml`` (as written): what follows it is what was reported."""
    verbs = sorted(map(re.escape, lex.reporting_verbs), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(verbs) + r")\b") if verbs else None


def person_pattern(lex: Lexicon) -> re.Pattern:
    """A person's name of two or three capitalised words, with the lexicon's particles before the last ones
    ("Pieter van Rossum", "Ursula von der Leyen"); groups: the first word, the second (with its particles), the third."""
    return derived(lex, _compile_person_pattern)


def _compile_person_pattern(lex: Lexicon) -> re.Pattern:
    return _person_regex(list(lex.name_particles))


def persons(rec: Recognition, authors: list[str]) -> None:
    """Persons named beside a title, a role, a speech verb or ``by``, and the document's authors."""
    text, lex = rec.text, rec.lex
    cues_after, cues_before = _person_cues(lex)
    not_names = _not_name_words(lex)
    pattern = person_pattern(lex)
    lead_roles = derived(lex, _capitalised_roles)
    for m in pattern.finditer(text):
        if m.group(3) and m.group(1) in lex.stopwords:  # "As Aigerim Sadykova": the name begins after the stopword
            m = pattern.match(text, m.start(2)) or m
        role = lead_roles.match(text, m.start()) if lead_roles is not None else None
        if role is not None:  # "Chief Executive Meirzhan Yussupov met …": the name begins after the role
            m = pattern.match(text, role.end()) or m
        if not not_names.isdisjoint(m.groups()):  # a stopword, a head or a title is no name word (None is none)
            continue
        start, end = m.start(), m.end()
        if m.group(1) in derived(lex, _honorific_words):
            # "Ms Renaud-Basso said": the honorific is no part of the name; a surname alone is left to the surnames
            # the document has learnt (the person named in full before), a full name begins after it
            start = text.find(" ", start) + 1
            if text.find(" ", start, end) == -1:
                continue
        if rec.overlapping(start, end):
            continue
        name = text[start:end]
        before = text[max(0, start - 30):start]
        author = any(name == a.strip() for a in authors)
        cue_after, cue_before = cues_after.match(text, end), cues_before.search(before)
        if not (author or cue_after or cue_before) and text.startswith(" ", end) and text[end + 1:end + 2].isupper():
            # "Commissioner for International Partnerships Jutta Urpilainen announced": a longer run of capitalised
            # words, whose last ones may be the name its cue follows
            later = pattern.match(text, m.start(m.lastindex or 1))
            if later is not None and later.end() > end and not_names.isdisjoint(later.groups()) \
                    and cues_after.match(text, later.end()) and not rec.overlapping(later.start(), later.end()):
                m, start, end = later, later.start(), later.end()
                name, cue_after = text[start:end], cues_after.match(text, end)
        if not (author or cue_after or cue_before):
            continue
        if m.group(2)[:1].islower() and not author and (m.group(1) in lex.not_person_first or (
                not cue_after and cue_before is not None and cue_before.group().strip() == "by")):
            # "Banco del Sur said", "provided by Banco de Desarrollo": a name with a particle may be a body's
            continue
        add_person(rec, start, end, "Person", "person-in-context" if not author else "document-author", 0.75)


def _honorific_words(lex: Lexicon) -> frozenset[str]:
    """The lexicon's honorifics without their full stops ("Ms", "Dr"), as the person pattern's first word has them."""
    return frozenset(h.rstrip(".") for h in lex.honorifics)


def _capitalised_roles(lex: Lexicon) -> re.Pattern | None:
    """The lexicon's roles written with a capital, before a name ("Chief Executive ", "Managing Director ")."""
    roles = sorted((r for r in lex.roles if r[:1].isupper()), key=len, reverse=True)
    return re.compile(r"(?:" + "|".join(map(re.escape, roles)) + r")\s+(?=[A-Z])") if roles else None


def _not_name_words(lex: Lexicon) -> frozenset[str]:
    """The stopwords, heads and titles of the lexicon, and its titles' head words: words that are no part of a
    person's name (once per lexicon)."""
    return derived(lex, _words_of_no_name)


def _words_of_no_name(lex: Lexicon) -> frozenset[str]:
    # (and a title's head word: "the Foreign Secretary said" names no one "Foreign Secretary"; each part of it joined
    # by "/" or "-": "Vice-President")
    title_words = {part for title in lex.titles if title.split() for part in re.split(r"[/-]", title_head(title))
                   if part[:1].isupper()}
    return frozenset(lex.stopwords) | frozenset(lex.heads) | frozenset(lex.titles) | title_words


def title_head(title: str) -> str:
    """A title's head word: the first before "of", else the last ("Minister" of "Prime Minister" and of "Minister of
    Energy")."""
    return title.split()[0] if " of " in title else title.split()[-1]


def _person_cues(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    """The cues after and before a person's name (compiled once per lexicon)."""
    return derived(lex, _compile_person_cues)


def _compile_person_cues(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    verbs = "|".join(sorted(lex.speech_verbs))
    roles = "|".join(re.escape(r) for r in sorted(lex.roles))
    # (a role or title written with a capital needs no article: "Meirzhan Yussupov, Chief Executive Officer of
    # Kazatomprom", "Tim Gitzel, President and CEO of Cameco")
    capital_roles = "|".join(re.escape(r) for r in sorted({*lex.roles, *lex.titles}, key=len, reverse=True)
                             if r[:1].isupper()) or "(?!)"
    # (or an organisation's, in the possessive: "Tim Gitzel, Cameco's chief executive, said")
    cues_after = re.compile(rf"\s*(?:,\s(?:a|an|the)\s(?:[a-z-]+\s)?(?:{roles})\b"
                            rf"|,\s(?:{capital_roles})(?:\s(?:and|&)\s(?:{capital_roles}))?\s(?:of|at)\s"
                            rf"|,\s(?:[A-Z][\w&.-]*\s){{0,3}}[A-Z][\w&.-]*(?:’s|'s|s’|s')\s(?:[a-z-]+\s)?(?:{roles})\b"
                            rf"|\s?(?:has\s|had\s)?(?:{verbs})\b|\sand\s(?:his|her)\scolleagues"
                            # (taking an office: "Masato Kanda took office as ADB President")
                            rf"|\s(?:took\soffice|was\s(?:appointed|elected|re-elected|sworn\sin)|has\sbeen\s(?:appointed|elected))\b)")
    honorifics = "|".join(re.escape(h) for h in sorted(lex.honorifics, key=len, reverse=True))
    cues_before = re.compile(rf"(?:\b(?:by|{verbs}|{roles})|\bAs" + (rf"|(?<![\w.])(?:{honorifics})" if honorifics else "")
                             + r")\s$")
    return cues_after, cues_before


def add_person(rec: Recognition, start: int, end: int, type_: str, rule: str, confidence: float) -> str:
    name = rec.text[start:end]
    entity_id = slugify(name)
    if entity_id in rec.gaz.entries:
        type_ = rec.gaz.entries[entity_id].type or type_
    rec.add(Mention(start, end, entity_id, type_, rule, confidence), label=name)
    surname = name.split()[-1]
    key = tuple(TOKEN.findall(surname))
    if key not in rec.local and tuple(TOKEN.findall(surname)) not in rec.gaz.index.get(surname, ()):
        rec.local[key] = (entity_id, "surname")
    return entity_id


def learn_surnames(rec: Recognition) -> None:
    """A gazetteer person named in full may be named by surname alone later in the same document.

    The surname is the entry's ``surname`` (Korean and Chinese names put it first) or
    the last word of its label. A surname that two persons of the document share
    names neither of them.
    """
    learnt: dict[tuple[str, ...], str] = {}
    for m in rec.mentions:
        if m.kind != "name" or m.type not in ("Person", "Leader"):
            continue
        entry = rec.gaz.get(m.entity)
        if entry is None:
            continue
        key = tuple(TOKEN.findall(entry.surname or entry.label.split()[-1]))
        if not key or not key[0][:1].isupper() or any(n.tokens == key for n in rec.gaz.index.get(key[0], ())):
            continue  # a surname that is a gazetteer name itself ("Georgia") is left to the gazetteer
        if learnt.get(key, m.entity) != m.entity:
            learnt[key] = ""  # shared by two persons of the document
        else:
            learnt[key] = m.entity
    for key, entity_id in learnt.items():
        if entity_id and key not in rec.local:
            rec.local[key] = (entity_id, "surname")


# --- back-references -------------------------------------------------------------------------


_PAIR_TYPES: Final = ("State", "IntergovernmentalOrganisation", "Region", "Leader")
_PAIR_STATES: Final = ("State",)




def _sentence_starts(text: str, offset: int, starts: list[int] | None = None) -> tuple[int, int]:
    """Where the sentence before the one at ``offset`` begins, and where that one begins: by the document's
    sentences when ``starts`` has their starts, else roughly (two and one sentence ends back, within 600
    characters)."""
    if starts:
        i = bisect_right(starts, offset) - 1
        return (starts[i - 1] if i >= 1 else 0), (starts[i] if i >= 0 else 0)
    base = max(0, offset - 600)
    ends = [m.end() for m in SENTENCE_END.finditer(text, base, offset)]
    return (ends[-2] if len(ends) >= 2 else base), (ends[-1] if ends else base)


def backrefs(rec: Recognition, sentence_starts: list[int] | None = None) -> None:
    """``the bank``, ``He``, ``the two sides``: mentions of entities named before (``sentence_starts``: where the
    document's sentences begin, in order; without them, sentences are told roughly by their full stops)."""
    text, lex = rec.text, rec.lex
    starts = sentence_starts
    # the named mentions by start, as the recogniser keeps them (ties in the order they were added, as a stable sort)
    named = [m for m in rec._by_start if not m.nested]
    named_ends = [x.end for x in named]
    # the last subject pronoun read, and what it was taken to stand for (None: nothing)
    last_pronoun: tuple[int, tuple[Mention, float] | None] | None = None
    for m in rec.phrase_matches(_backref_pattern(lex), derived(lex, _backref_leading_words)):
        phrase = m.group(1).lower()
        pronoun = phrase in ("he", "she")
        if pronoun and not (m.group(1)[0].isupper()) and not _after_fronted_phrase(text, m.start()):
            continue  # only sentence-initial pronouns, which are usually subjects (or after a fronted phrase)
        if phrase == "it" and (_EMPTY_IT.match(text, m.end()) or not (
                (m.group(1) == "It" and _OPENS_AT.search(text, max(0, m.start() - 3), m.start()))
                or (m.group(1) == "it" and text.endswith(", ", 0, m.start()) and _FRONTED_PARTICIPLE.fullmatch(
                    text, _sentence_starts(text, m.start(), starts)[1], m.start())))):
            # only "It" opening a sentence, with a verb of its own: "Centerra Gold is a Canadian miner. It is
            # headquartered in Toronto" (not "It is expected that …", "It was in 2023 that …"), or after a participle
            # that opens it: "Established by decree in 2009, it is wholly owned by …"
            continue
        if rec.overlapping(m.start(1), m.end(1)):
            continue  # a word of a name: "the Organization of Turkic States", "the Bank of China"
        cut = bisect_right(named_ends, m.start())
        before = named[max(0, cut - 60):cut]
        if phrase in lex.leader_groups:
            _leaders_named_before(rec, m, before, starts)
            continue
        if phrase in lex.pair_refs:
            # "both countries" are two states ("the two leaders" and "the two sides" may be their leaders too);
            # "the six leaders" six actors
            states_only = phrase.endswith(("countries", "states"))
            kinds = _PAIR_STATES if states_only else _PAIR_TYPES
            wanted = lex.group_sizes.get(phrase, 2)
            actors: list[str] = []
            candidates = before
            if wanted > 2:
                # a group of the sentences before ("Japan met A, B and C. Japan funds the three countries": not
                # Japan), unless this sentence names the whole group itself
                own = _sentence_starts(text, m.start(), starts)[1]
                if len({x.entity for x in before if x.start >= own and x.type in kinds}) < wanted:
                    candidates = [x for x in before if x.start < own]
            for x in reversed(candidates):
                if x.type in kinds and x.entity not in actors:
                    actors.append(x.entity)
                if len(actors) == wanted:
                    break
            region = _region_of(rec, actors) if wanted > 2 and states_only else None
            if region is not None:
                # "financing for the five states" after the five Central Asian states: their region, as a whole (an
                # entity of the text from here, if the text has not named it)
                mention = rec.add(Mention(m.start(), m.end(), region, "Region", "back-reference-region", 0.6, "backref"))
                if region not in rec.known:
                    rec.known[region] = Known(region, "Region", rec.gaz.entries[region].label, "back-reference-region",
                                              0.6, mention, [], True)
            elif len(actors) == wanted:
                # more actors named since the previous sentence began than the phrase counts: which is a guess
                window = _sentence_starts(text, m.start(), starts)[0]
                named_since = {x.entity for x in before if x.start >= window and x.type in kinds}
                # (and a guess too when they were not all named since then)
                confidence = 0.6 if named_since == set(actors) else 0.45
                rec.add(Mention(m.start(), m.end(), actors[-1], rec.type_of(actors[-1]) or "State", "back-reference-pair",
                                confidence, "pair", members=tuple(reversed(actors))))
            continue
        if pronoun and last_pronoun is not None and (
                last_pronoun[0] >= _sentence_starts(text, m.start(), starts)[0]
                or not any(x.start > last_pronoun[0] and x.type in lex.backrefs[phrase] for x in before)):
            # "In Astana, he met Nurtleu. In Tashkent he met Mirziyoyev": the subject goes on, whom the pronoun
            # before stood for (or nobody, when it stood for none), not that sentence's object; so it does when no
            # one has been named since ("He said … Deputies asked … He added …")
            antecedent = last_pronoun[1]
        else:
            # (not a demonym, an adjective: in "… alternatives to Chinese supply. The country …" it is not China)
            antecedent = _antecedent(text, [x for x in before if x.kind != "demonym"], lex.backrefs[phrase], m.start(),
                                     pronoun or phrase == "it", starts, breaks=derived(lex, _clause_breaks))
        if pronoun:
            last_pronoun = (m.start(), antecedent)
        if antecedent is not None:
            rec.add(Mention(m.start(), m.end(), antecedent[0].entity, antecedent[0].type, "back-reference",
                            antecedent[1], "backref"))


def _leaders_named_before(rec: Recognition, m: re.Match, before: list[Mention], starts: list[int] | None) -> None:
    """"The leaders signed …": every leader named since the sentence before began, when there are two or more.

    A person without an office named there too may be one of them, or not: the reading is then flagged.
    """
    if _OF_AFTER.match(rec.text, m.end()):
        return  # "the presidents of Kazakhstan and Uzbekistan": a title in the plural, with its own holders
    window = _sentence_starts(rec.text, m.start(), starts)[0]
    leaders: list[str] = []
    others = False
    for x in before:
        if x.start < window or x.type not in _PERSONS:
            continue
        if rec.type_of(x.entity) != "Leader":  # (the type an office, read since, gave the person)
            others = True
        elif x.entity not in leaders:
            leaders.append(x.entity)
    if len(leaders) >= 2:
        rec.add(Mention(m.start(), m.end(), leaders[-1], "Leader", "back-reference-leaders", 0.45 if others else 0.6,
                        "pair", members=tuple(leaders)))


_OF_AFTER: Final = re.compile(r"\s+of\b")
#: a sentence's opening participle phrase, up to the subject after its comma: "Established by decree in 2009, "
_FRONTED_PARTICIPLE: Final = re.compile(r"\s*" + FOUNDING_PARTICIPLES + r"\b[^.;:“”()]*,\s")
#: before a sentence-opening "It": the end of the sentence before, or a line's start
_OPENS_AT: Final = re.compile(r"(?:^|[.!?][”’\"')]?\s+|\n\s*)$")
#: after "It": what makes it no pronoun of a named body but the subject of an impersonal clause
_EMPTY_IT: Final = re.compile(r"\s+(?:is|was|has\s+been|had\s+been|will\s+be|would\s+be|remains|seems|appears)\s+(?:not\s+)?"
                              r"(?:expected|likely|unlikely|possible|impossible|worth|important|unclear|clear|said|thought|"
                              r"believed|hoped|estimated|reported|understood|known|time|true|too|hard|difficult|easy|"
                              r"necessary|in|on|at|during|since|only|the\s+first|a\s+(?:sign|step|question|matter))\b"
                              r"|\s+(?:remains|seems|appears)\s+to\b")


def _after_fronted_phrase(text: str, at: int) -> bool:
    """Whether only a phrase of place or time stands between the start of the sentence and ``at`` ("In Nur-Sultan
    he …"; the phrase is short: the last full stop or line start within 60 characters begins the sentence)."""
    lo = max(0, at - 60)
    dot, line = text.rfind(". ", lo, at), text.rfind("\n", lo, at)
    starts = [x for x in (dot + 2 if dot != -1 else -1, line + 1 if line != -1 else -1, 0 if lo == 0 else -1) if x >= 0]
    return bool(starts) and _FRONTED_PHRASE.fullmatch(text, max(starts), at) is not None


def _region_of(rec: Recognition, states: list[str]) -> str | None:
    """The region of the gazetteer whose members are exactly ``states``, if there is one."""
    return derived(rec.gaz, _regions_by_members).get(frozenset(states))


def _regions_by_members(gaz: Gazetteer) -> dict[frozenset[str], str]:
    """The gazetteer's regions by their set of members (the first listed, where two have the same)."""
    regions: dict[frozenset[str], str] = {}
    for entry in gaz.entries.values():
        if entry.type == "Region" and entry.members:
            regions.setdefault(frozenset(entry.members), entry.id)
    return regions


def _opens_sentence(text: str, mention: Mention, starts: list[int] | None) -> bool:
    """Whether ``mention`` is its sentence's subject as :func:`_antecedent` reads it: only capitalised words before."""
    own = _sentence_starts(text, mention.start, starts)[1]
    lead = _SUBJECT_LEAD.match(text, own)
    return lead is not None and lead.end() >= mention.start


#: a phrase of place or time that opens a sentence before its subject: "In Nur-Sultan he held talks", "The next
#: day she flew to Samarkand"
_FRONTED_PHRASE: Final = re.compile(r"(?:(?:In|On|At|During|After|Later|Then|There|Afterwards|Next)\b[^,.;:“”]{0,40}?|"
                                    r"The\s+(?:next|following)\s+(?:day|week|month|morning))\s*,?\s+")
#: before a sentence's subject: nothing but capitalised words (titles, honorifics, first names) and their dots
_SUBJECT_LEAD: Final = re.compile(r"(?:[A-Z][\w’'-]*\.?\s+)*")


#: before a back-reference: the preposition that makes it an object ("of the company", "with the bank")
_PREPOSITION_BEFORE: Final = re.compile(r"\b(?:of|with|in|from|to|by|into|for)\s+$")


def _clause_breaks(lex: Lexicon) -> re.Pattern:
    """Between two clauses, or before reported speech: what lets a name and a back-reference after it be one (a
    semicolon, colon or opening quotation mark, or a verb of ``clause_speech`` in ``lexicon/speech.yaml``, as written)."""
    verbs = sorted(map(re.escape, lex.clause_speech_verbs), key=len, reverse=True)
    return re.compile(r"[;:“\"]" + (r"|\b(?:" + "|".join(verbs) + r")\b" if verbs else ""))


def _antecedent(text: str, before: list[Mention], wanted: frozenset[str], at: int, pronoun: bool = False,
                starts: list[int] | None = None, *, breaks: re.Pattern) -> tuple[Mention, float] | None:
    """What a sentence-initial "He"/"She", or "the country", "the bank" … at ``at`` refers to, with the confidence
    of the reading (``wanted``: the classes the phrase may refer to).

    With one such entity named since the sentence before began, that one (0.6; with none, the last named
    before, unless the phrase is a ``pronoun`` and that one opened no sentence: "Answered by Leo Docherty: The
    Foreign Secretary, Lord Cameron, visited … In Astana, he met …" is not Docherty). With two or more, the one
    the sentence before opens with, its subject ("Mirziyoyev met Tokayev. He later visited Japan": Mirziyoyev),
    at 0.5 so that it is flagged for review; none when that sentence does not open with one ("In Astana, Tokayev
    met Mirziyoyev. He …", "… Tajikistan's exports to China rose. The country is …": either may be meant).
    """
    window, own = _sentence_starts(text, at, starts)
    persons = [x for x in before if x.type in wanted]
    if persons and _PREPOSITION_BEFORE.search(text, max(0, at - 8), at):
        # "Glencore owns about 70% of the company": the object of a clause is not its own subject
        persons = [x for x in persons if x.start < own or breaks.search(text, x.end, at)
                   or not _opens_sentence(text, x, starts)]
    if not persons:
        return None
    recent = [x for x in persons if x.start >= window]
    # (one named earlier in its own sentence: "The Altai Mining Company opened an office; the company may …")
    if len({x.entity for x in recent}) <= 1 or len({x.entity for x in recent if x.start >= own}) == 1:
        last = persons[-1]
        seen = [x for x in recent or [last] if x.entity == last.entity]
        if not any(x.start >= own for x in seen) and not any(_opens_sentence(text, x, starts) for x in seen):
            # "CAML acquired a stake in Aberdeen Minerals. Ferrar said: “…” The company is headquartered in London",
            # "• CNPC, China's state company, … • Minerals: the country produces iodine": the one named last is no
            # sentence's subject; the last one that is may be meant as well (flagged)
            subject = next((x for x in reversed(persons) if _opens_sentence(text, x, starts)), None)
            if subject is not None and subject.entity != last.entity:
                return subject, 0.5
            if pronoun and not recent:
                return None  # a person named in passing, sentences ago: the subject may be one the text leaves unnamed
        return last, 0.6
    first = recent[0]
    lead = _SUBJECT_LEAD.match(text, window)
    if lead is not None and lead.end() >= first.start and window <= first.start:
        return first, 0.5
    return None


def _backref_pattern(lex: Lexicon) -> re.Pattern:
    """The back-reference phrases of the lexicon as one pattern (compiled once per lexicon).

    A lookahead for the first letters of the phrases lets the regular expression engine skip most
    positions at once; it only restates what the alternatives need, so the matches are the same.
    """
    return derived(lex, _compile_backrefs)


def _backref_phrases(lex: Lexicon) -> list[str]:
    """The back-reference phrases, the longer first (so that the alternation prefers them)."""
    return sorted(lex.backrefs, key=len, reverse=True) + lex.pair_refs


def _compile_backrefs(lex: Lexicon) -> re.Pattern:
    phrases = _backref_phrases(lex)
    # the group phrases ("the six leaders": every number with every noun) as one alternative, not one each: the
    # engine tries an alternation's phrases one by one at every "the"
    alternatives = [re.escape(p) for p in phrases if p not in lex.group_sizes]
    if lex.group_sizes:
        numbers = sorted({p.split(" ", 2)[1] for p in lex.group_sizes}, key=len, reverse=True)
        nouns = sorted({p.split(" ", 2)[2] for p in lex.group_sizes}, key=len, reverse=True)
        alternatives.append("the (?:" + "|".join(map(re.escape, numbers)) + ") (?:" + "|".join(map(re.escape, nouns)) + ")")
    return re.compile(first_letters(phrases) + r"\b(" + "|".join(alternatives) + r")\b", re.IGNORECASE)


def _backref_leading_words(lex: Lexicon) -> frozenset[str] | None:
    return leading_words(_backref_phrases(lex))


def first_letters(phrases: list[str]) -> str:
    """A lookahead for the first characters of ``phrases``, to put before a pattern that begins with one of them.

    It lets the regular expression engine skip to the positions where one of those characters occurs instead of
    trying the pattern at every position (2x faster over a text); under the pattern's flags it admits exactly the
    characters that the phrases can begin with, so the matches are the same. Empty when a phrase is empty.
    """
    if not phrases or not all(phrases):
        return ""
    return "(?=[" + "".join(re.escape(c) for c in sorted({p[0] for p in phrases})) + "])"


def leading_words(phrases: list[str]) -> frozenset[str] | None:
    """The lower-cased first words of ``phrases``, for :meth:`Recognition.phrase_matches`.

    None (scan the whole text) unless every phrase begins with a word of ASCII characters, whose case the pattern
    engine and ``str.lower`` agree on.
    """
    words = set()
    for phrase in phrases:
        word = _LEADING_WORD.match(phrase)
        if word is None or not word.group().isascii():
            return None
        words.add(word.group().lower())
    return frozenset(words) if words else None


_LEADING_WORD: Final = re.compile(r"\w+")


# --- the whole recognition ------------------------------------------------------------------


#: a news item's dateline at the start of a line: its place in capitals ("XI’AN, 19 May –", "NEW YORK, Sept 19 (Reuters) -")
_DATELINE_PLACE: Final = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z’'.-]+(?:[ -][A-Z][A-Z’'.-]+){0,3}),[ \t]+"
                                    r"(?:[0-3]?\d[ \t]+[A-Z][a-z]{2,8}|[A-Z][a-z]{2,8}\.?[ \t]+[0-3]?\d)\b")


def dateline_places(rec: Recognition) -> None:
    """The places of datelines, written in capitals ("BEIJING, 3 July –"): the gazetteer's place of that name.

    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> rec = Recognition("XI’AN, 19 May – The leaders met.", load_gazetteer(), load_lexicon())
    >>> dateline_places(rec)
    >>> [(m.entity, m.start, m.end) for m in rec.mentions]
    [('xian', 0, 5)]
    """
    text, index = rec.text, rec.gaz.index
    if "," not in text:
        return
    for line in line_start_matches(_DATELINE_PLACE, text):
        start, end = line.span("place")
        if rec.overlapping(start, end):
            continue
        # written as the gazetteer writes it: "XI’AN" is "Xi’an", "NEW YORK" "New York"
        words = re.split(r"([ -])", text[start:end])
        name = "".join(w[:1] + w[1:].lower() if w not in (" ", "-") else w for w in words)
        tokens = tuple(TOKEN.findall(name))
        entry = next((n.entry for n in index.get(tokens[0], ()) if n.tokens == tokens and n.kind == "name"), None) \
            if tokens else None
        if entry is not None and rec.gaz.entries[entry].type == "Place":
            rec.add(Mention(start, end, entry, "Place", "dateline-place", 0.9), label=rec.gaz.entries[entry].label)


def recognise(text: str, gazetteer: Gazetteer, lexicon: Lexicon, authors: list[str] | None = None,
              doc_date: str | None = None, reference_start: int | None = None) -> Recognition:
    """Every entity mention of ``text``: gazetteer names, names from context, back-references.

    Examples
    --------
    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> rec = recognise("Kazakhstan has lithium.", load_gazetteer(), load_lexicon())
    >>> sorted(rec.known)
    ['kazakhstan', 'lithium']
    """
    rec = Recognition(text, gazetteer, lexicon, doc_date)
    toks = token_list(text)
    scan_gazetteer(rec, toks)
    dateline_places(rec)
    abbreviations(rec)
    context_names(rec, toks)
    persons(rec, authors or [])
    states_inside_names(rec)
    if rec.local:  # names learnt from this document (abbreviations, surnames) wherever they recur
        taken = {(m.start, m.end) for m in rec.mentions}
        scan_local(rec, toks, taken)
    return rec


#: after a name: a capitalised word on the same line
_WORD_AFTER: Final = re.compile(r"[ \t]+([A-Z][\w’'-]*)")
_LINE_WORDS: Final = re.compile(r"[^\W\d_][\w’'-]*")


def states_inside_names(rec: Recognition) -> None:
    """Take back a state's or city's name that opens a longer name the extractor does not know: "China Railway
    invested in Kyrgyzstan", "Uzbekistan Airways signed …" and "Xiamen Tungsten signed …" tell of a company, not of
    the state or the city.

    The word after the state's name must be capitalised, no title, role, honorific or stopword ("Kazakhstan
    President Tokayev", "China Tuesday"), and no name of its own ("China Kazakhstan"); a headline in title case (every
    word longer than three letters capitalised) keeps its states.

    >>> from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    >>> sorted(recognise("China Railway invested in Kyrgyzstan.", load_gazetteer(), load_lexicon()).known)
    ['kyrgyzstan']
    """
    text = rec.text
    not_names = derived(rec.lex, _not_first_names)
    # where names begin; a mineral capitalised after a name is part of a company's ("China Molybdenum", "Xiamen
    # Tungsten"), not a name of its own
    starts = {x.start for x in rec.mentions if x.type != "Mineral"}
    for m in [m for m in rec.mentions if m.type in ("State", "Place") and m.kind == "name" and not m.nested]:
        after = _WORD_AFTER.match(text, m.end)
        if after is None or after.group(1) in not_names or after.start(1) in starts:
            continue
        line_start, line_end = text.rfind("\n", 0, m.start) + 1, text.find("\n", m.end)
        words = _LINE_WORDS.findall(text, line_start, line_end if line_end != -1 else len(text))
        if len(words) >= 3 and all(w[0].isupper() for w in words if len(w) > 3):
            continue  # a headline in title case: "Kazakhstan Signs Uranium Deal With China"
        rec.retract(m)


def after_named(rec: Recognition) -> None:
    """Learn the short names that the gazetteer allows only once an entity is named in full ("Korea" and "Korean"
    for South Korea, after "Republic of Korea" or "South Korea"); :func:`scan_local` then finds them. A short name
    that two entities of the text claim (both Koreas) stays unknown."""
    claims: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    for entity_id, known in rec.known.items():
        entry = rec.gaz.get(entity_id) if known.gazetteer else None
        if entry is None or not (entry.after_named or entry.after_named_demonyms):
            continue
        for names, kind in ((entry.after_named, "name"), (entry.after_named_demonyms, "demonym")):
            for name in names:
                claims.setdefault(tuple(TOKEN.findall(name)), set()).add((entity_id, kind))
    for key, claimants in sorted(claims.items()):
        if len({entity_id for entity_id, _ in claimants}) == 1 and key not in rec.local:
            rec.local[key] = min(claimants)


def scan_local(rec: Recognition, toks: list[tuple[int, int, str]], taken: set) -> None:
    """Names learnt from this document (abbreviations, surnames) wherever they recur outside other names."""
    text = rec.text
    firsts = {key[0] for key in rec.local}
    covered = [(m.start, m.end) for m in rec._by_start]  # the named mentions, kept sorted by start: nearly sorted
    covered.sort()
    starts = [c[0] for c in covered]
    # only the tokens that begin a local name can match: visit those alone
    for i in rec.token_indices(toks, firsts):
        for k in (3, 2, 1):
            key = tuple(map(_WORD_OF, toks[i:i + k]))
            hit = rec.local.get(key)
            if hit is None or len(key) < k:
                continue
            start, end = toks[i][0], toks[i + k - 1][1]
            if _glued(text, start, end):
                continue
            pos = bisect_right(starts, start)
            inside = any(s <= start and end <= e for s, e in covered[max(0, pos - 3):pos])
            if inside:
                break
            entity_id, kind = hit
            if k == 1 and key[0].lower() in MONTHS and (_DAY_OR_YEAR_AFTER.match(text, end)
                                                        or _DATE_WORD_BEFORE.search(text, max(0, start - 8), start)):
                break  # "in May 2015" after Theresa May: the month
            rec.add(Mention(start, end, entity_id, rec.type_of(entity_id) or "Person", f"local-{kind}", 0.8, kind))
            break
