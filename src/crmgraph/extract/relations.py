"""Relations from the rules of ``lexicon/relations.yaml`` and a few structural patterns.

For each sentence that names at least two entities, every rule whose trigger occurs
in it looks for its subject before the trigger (the nearest fitting entity that is
not the object of a preposition) and its objects after it (the first fitting entity
and those coordinated with it), within the clause. Hedges (``may``, ``plans``) lower
the confidence and flag the fact for review; a negation lowers it below the build
threshold. Minerals and topics of the clause become ``concerns``; a date and a
place in the sentence qualify the fact.

Structural patterns: ``U.S.-based X`` (basedIn), ``X, City, State`` after an
organisation (basedIn), ``a researcher at X`` (affiliatedWith), ``the EU's Global
Gateway`` (organisedBy), ``Forum in City`` (heldIn), ``Central Asian countries like
Uzbekistan`` (partOfRegion), ``according to X`` (according_to).
"""

from __future__ import annotations

import re
from functools import lru_cache, reduce
from operator import or_
from typing import Callable, Final

from crmgraph.extract.dates import (
    COUNTED_FROM,
    NEXT_VERB,
    blank_spans,
    clause_end,
    clause_start,
    dated_by_document,
    explicit_date,
    find_date,
    MONTH_NAME,
    relative_clauses,
    relative_phrase_words,
)
from crmgraph.extract.gazetteer import GROUPS, TOKEN, Lexicon, derived, expand_classes
from crmgraph.extract.patterns import gated_pattern, phrase_alternation, phrase_tokens
from crmgraph.extract.proposal import Proposal, rounded
from crmgraph.extract.recognise import (
    EVENT_TYPES,
    POSSESSIVE_ENDINGS,
    POSSESSIVE_GAPS,
    Mention,
    Recognition,
    begins_within,
    reporting_verbs,
    title_words,
)

PREPOSITIONS: Final = {"in", "of", "with", "to", "for", "from", "by", "on", "at", "into", "about", "between", "than", "over",
                       "against", "across", "within", "like", "as",
                       # ("Outside Kazakhstan, its plant in the Congo produces cobalt": not Kazakhstan's)
                       "outside", "beyond", "besides", "except", "without", "among", "under", "towards", "toward"}
CONCERN_PREDICATES: Final = True


#: Characters folded so that a case-insensitive match of a trigger is a plain match in the folded text
#: (``İ``/``ı`` match ``i`` under ``re.IGNORECASE``; U+0345 is not a word character but folds to one).
_FOLD: Final = {0x130: "i", 0x131: "i", 0x345: " "}
_WORD: Final = re.compile(r"\w+")
_BOUNDARY: Final = "\x00"  # stands for \b in the needles of a trigger
#: (a name after a bare "with" is a partner, not one more object: "owns 49% of Katco with Orano")
#: between two names of a list (with the share of the next owner: "owned 60% by Kazatomprom and 40% by Cameco"),
#: after a share or an abbreviation in brackets ("Zijin (60%) and Kyrgyzaltyn (40%)", "the Eurasian Economic Union
#: (EAEU) and the CSTO")
_COORDINATION: Final = re.compile(r"(?:\s*\((?:\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent|percent)|[A-Z][A-Z0-9&.+-]{1,11})\))?"
                                  r",?\s*(?:(?:and|or|&|as\s+well\s+as)\s*(?:with\s+|\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent|percent)\s+by\s+)?)?"
                                  r"(?:the\s+)?")
_HYPHEN: Final = re.compile(r"\s*-\s*")
_OPENING_BRACKET: Final = re.compile(r"\s*\(")
#: between two names: a comma, perhaps "and" and a possessor ("…, and China's ")
_COMMA_JOIN: Final = re.compile(r"\s*,\s*(?:and\s+)?(?:(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*(?:’s|'s)\s+)?")
#: a trigger that opens a relative clause or apposition: ", whose members include", ", a member of", "), whose"
_OPENS_RELATIVE: Final = re.compile(r"\)?,\s+(?:whose|which|who|a|an|both|all)\b")
_WORDS: Final = re.compile(r"[\w’'-]+")
_CLAUSE_MARK: Final = re.compile("[;:“”]")  # what may bound a clause (see _clause_bounds)
_COMMA_AND: Final = re.compile(r",\s+and\s+(?:the\s+)?")
#: right after a name: the verb of the clause a conjunction opens ("as China invests", "even as China continues to")
_CONJUNCTION_CLAUSE: Final = re.compile(r"\s+(?:(?:also|now|still)\s+)?(?:[a-z]+s|[a-z]+ed|is|are|was|were|has|have|had|will)\b")
#: after a demonym: capitalised words of a title, then a name ("Uzbek Energy Minister Jurabek …", "Indian Minister of
#: Mines Pralhad Joshi"), or a word for a fellow official and a name ("his Kyrgyz counterpart Jeenbek Kulubaev")
_TITLED_NAME_AFTER: Final = re.compile(r"(?:\s+(?:counterpart|colleague|envoy|ambassador))?\s+[A-Z][\w-]*"
                                       r"(?:\s+(?:[A-Z][\w-]*|of|for|and)){1,6}\b")
#: right after a name: an adverb and a verb ("Rather than Russia, Kazakhstan now supplies …")
_ADVERB_AND_VERB: Final = re.compile(r"\s+(?:now|still|already|currently|recently|also|then|later|reportedly|officially|"
                                     r"increasingly|mainly|largely)\s+[a-z]+(?:s|ed)\b")
_COMMA_AND_THE: Final = re.compile(r",\s+(?:and|or)\s+the\s*$")
_COMMA_AND_BEFORE: Final = re.compile(r",\s+(?:and|or)\s+(?:the\s+)?$")
#: a past form, or a common auxiliary or reporting verb
_VERB_FORMS: Final = r"[a-z]+ed|has|have|had|is|are|was|were|will|would|says|said"
_VERB_AFTER: Final = re.compile(r"\s+(?:also\s+|then\s+|later\s+)?(?:" + _VERB_FORMS + r")\b")  # right after a name
_VERB: Final = re.compile(r"\b(?:" + _VERB_FORMS + r"|signs|agrees)\b")
#: an apposition a verb may follow its subject after ("X, a unit of Y, agreed"), or nothing
_OPTIONAL_APPOSITION: Final = r"(?:,[^,;()]{1,80},)?"
#: after a name that is a clause's subject: its verb, perhaps after an apposition
_CLAUSE_SUBJECT_TAIL: Final = re.compile(_OPTIONAL_APPOSITION + _VERB_AFTER.pattern)


_FOLD_PAIRS: Final = tuple((chr(k), v) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """``text`` case-folded as the trigger pre-filter compares it (``str.translate`` with ``_FOLD``, by replacement:
    the replacements are not folded again, and ``replace`` is much faster on long texts)."""
    for char, replacement in _FOLD_PAIRS:
        if char in text:
            text = text.replace(char, replacement)
    return text.casefold()


class Rule:
    """One rule of ``lexicon/relations.yaml``, compiled: its options (the file's header documents them) as typed
    attributes, its trigger as a regular expression with word boundaries, and what every match of it contains."""

    def __init__(self, item: dict) -> None:
        self.name: str = str(item["rule"])
        self.predicate: str = str(item["predicate"])
        self.trigger: str = str(item["trigger"])
        self.mode: str = str(item.get("mode") or "after")
        self.confidence: float = float(item.get("confidence", 0.7))
        self.concerns: bool = bool(item.get("concerns"))
        self.subject_set: frozenset[str] = expand_classes(item.get("subject"))
        self.object_set: frozenset[str] = expand_classes(item.get("object"))
        self.object_within: int | None = int(item["object_within"]) if item.get("object_within") is not None else None
        self.max_subjects: int = int(item.get("max_subjects", 3))
        self.adjacent_subjects: bool = bool(item.get("adjacent_subjects"))
        self.object_adjacent: bool = bool(item.get("object_adjacent"))
        self.object_before: bool = bool(item.get("object_before"))
        self.not_after_comma: bool = bool(item.get("not_after_comma"))
        self.not_after_possessive: bool = bool(item.get("not_after_possessive"))
        self.object_not_possessive: bool = bool(item.get("object_not_possessive"))
        self.subject_after: bool = bool(item.get("subject_after"))
        self.gap_word_set: frozenset[str] = frozenset(str(w).lower() for w in item.get("gap_words") or [])
        self.subject_gap_regex: re.Pattern[str] | None = \
            re.compile(item["subject_gap"], re.IGNORECASE) if item.get("subject_gap") else None
        pattern = r"\b(?:" + self.trigger + r")\b"
        self.regex: re.Pattern[str] = re.compile(pattern, re.IGNORECASE)
        #: the same matches, found faster in a sentence: group ``found`` of a match is one of ``regex``
        self.scan: re.Pattern[str] = gated_pattern(pattern, re.IGNORECASE)
        #: literal strings (case-folded) of which every match contains one (see :class:`RuleSet`)
        self.needles: tuple[str, ...] | None = trigger_needles(pattern)
        #: what the folded sentence must contain for the trigger to match: one string of each tuple
        self.literals: tuple[tuple[str, ...], ...] = trigger_literals(pattern)


class RuleSet:
    """The relation rules of a lexicon, compiled, with an index of the words their triggers need.

    Every rule gets ``needles``: literal strings (case-folded, ``\x00`` for a word
    boundary) of which every match of its trigger contains one, derived from the
    trigger itself. From each needle one key is taken: a word it must contain whole
    (``=word``), or the first or last four letters of a word it must begin or end
    (``<word``, ``>word``). :meth:`candidates` looks the words of a sentence up in the
    index of keys, once per sentence, and keeps those of the rules found whose ``literals``
    the folded sentence has: for each literal part that every match of the trigger needs,
    one of its forms (``support`` and `` the`` for ``support(?:s|ed)? the\b…``), where a key
    only says that a word of one needle occurs (``the``, or ``tion`` of ``competition``). A rule
    whose needles give no key is checked by substring alone: in each word the index meets,
    when its needles are of word characters, or else in the folded sentence. A rule
    without needles always runs. The pre-filter only skips rules that cannot match: the
    output is that of running every rule.
    """

    def __init__(self, lex: Lexicon):
        self.rules: list[Rule] = []
        self.exact: dict[str, set[int]] = {}
        self.prefix: dict[str, set[int]] = {}
        self.suffix: dict[str, set[int]] = {}
        self.always: list[int] = []
        # sets of rules are bit masks (bit i: rule i): a sentence's candidates are the OR of its words' masks
        self.memo: dict[str, int] = _RuleMemo(self)  # word -> the rules it may trigger
        self.token_memo: dict[str, int] = _TokenMemo(self)  # token of a text -> the rules it may trigger
        self.substring: list[tuple[int, tuple[str, ...]]] = []  # rules found by a literal in the folded sentence
        self.inside_words: list[tuple[int, tuple[str, ...]]] = []  # … by a literal of word characters in a word
        self._by_mask: dict[int, list[Rule]] = {}  # a mask -> its rules in lexicon order (few masks recur)
        for i, item in enumerate(lex.relations):
            rule = Rule(item)
            needles = rule.needles
            self.rules.append(rule)
            if needles is None:
                self.always.append(i)
                continue
            keys = [k for k in map(_needle_key, needles) if k is not None]
            if len(keys) < len(needles):
                literals = tuple(n.replace(_BOUNDARY, "") for n in needles)
                if all(_WORD.fullmatch(n) for n in literals):
                    # a string of word characters is in a text when it is in one of its words: the word index
                    # finds it once per word, not once per sentence ("supplier" in "suppliers")
                    self.inside_words.append((i, literals))
                else:
                    self.substring.append((i, literals))
                continue
            for kind, key in keys:
                table = {"=": self.exact, "<": self.prefix, ">": self.suffix}[kind]
                table.setdefault(key, set()).add(i)
        self.always_mask = sum(1 << i for i in self.always)

    def candidates(self, text: str, folded: str | None = None, tokens: list[str] | None = None) -> list[Rule]:
        """The rules whose triggers may match in ``text``, in lexicon order.

        ``folded`` is ``fold(text)`` when the caller has it; ``tokens`` the tokens of ``text`` (``TOKEN``), which
        stand for its words when folding maps every character of the text to one character (then the words
        of the folded text are the folded word tokens, one for one: see ``tests/test_extract.py``).
        """
        if folded is None:
            folded = text.casefold() if text.isascii() else fold(text)
        # most words trigger no rule: their empty masks are dropped before the OR (filter runs in C, or_ does not)
        if tokens is None:
            active = reduce(or_, filter(None, map(self.memo.__getitem__, set(_WORD.findall(folded)))), self.always_mask)
        else:
            active = reduce(or_, filter(None, map(self.token_memo.__getitem__, tokens)), self.always_mask)
        for i, literals in self.substring:
            if not active >> i & 1 and _contains_any(folded, literals):
                active |= 1 << i
        rules = self._by_mask.get(active)
        if rules is None:
            rules = [rule for i, rule in enumerate(self.rules) if active >> i & 1]
            if len(self._by_mask) < 100_000:
                self._by_mask[active] = rules
        kept = []
        # keep the rules whose every literal part has a string in the folded sentence (loops written out: this runs
        # for every candidate rule of every sentence)
        for rule in rules:
            for literals in rule.literals:
                for literal in literals:
                    if literal in folded:
                        break
                else:  # none of this part's literals
                    break
            else:
                kept.append(rule)
        return kept

    def _word_rules(self, word: str) -> int:
        """The rules one word of a sentence may trigger (by its keys), as a mask."""
        hit: set[int] = set(self.exact.get(word, ()))
        if len(word) >= 3:
            hit |= self.prefix.get(word[:3], set()) | self.prefix.get(word[:4], set()) | self.suffix.get(word[-4:], set())
        hit.update(i for i, literals in self.inside_words if _contains_any(word, literals))
        return sum(1 << i for i in hit)


class _RuleMemo(dict):
    """word -> the rules it may trigger, computed on first sight (up to 200,000 words are remembered)."""

    def __init__(self, ruleset: "RuleSet"):
        super().__init__()
        self.ruleset = ruleset

    def __missing__(self, word: str) -> int:
        hit = self.ruleset._word_rules(word)
        if len(self) < 200_000:
            self[word] = hit
        return hit


class _TokenMemo(dict):
    """token -> the rules it may trigger: those of its folded word (none for a punctuation token)."""

    def __init__(self, ruleset: "RuleSet"):
        super().__init__()
        self.ruleset = ruleset

    def __missing__(self, token: str) -> int:
        folded = token.casefold() if token.isascii() else fold(token)
        hit = self.ruleset.memo[folded] if _WORD.fullmatch(folded) else 0
        if len(self) < 200_000:
            self[token] = hit
        return hit


def _contains_any(text: str, literals: tuple[str, ...]) -> bool:
    for literal in literals:
        if literal in text:
            return True
    return False


def _needle_key(needle: str) -> tuple[str, str] | None:
    """The most selective word key of one needle: a whole word, or a word's first or last four letters."""
    best, best_score = None, None
    for m in _WORD.finditer(needle):
        word = m.group()
        left, right = m.start() > 0, m.end() < len(needle)  # a non-word character of the needle bounds it
        if left and right:
            key, score = ("=", word), (2 if len(word) >= 4 else 0, len(word))
        elif left and len(word) >= 3:
            key, score = ("<", word[:4]), (1, min(4, len(word)))
        elif right and len(word) >= 4:
            key, score = (">", word[-4:]), (1, 4)
        else:
            continue
        if best_score is None or score > best_score:
            best, best_score = key, score
    return best


def _ruleset(lex: Lexicon) -> RuleSet:
    return derived(lex, RuleSet)


def trigger_needles(pattern: str) -> tuple[str, ...] | None:
    r"""Literal strings of which every match of ``pattern`` contains one (case-folded), or None if there are none.

    A word boundary ``\b`` in the pattern appears as ``\x00`` in the needles.

    Examples
    --------
    >>> sorted(trigger_needles(r"(?:main |largest )?trad(?:e|ing) partner of"))
    ['trade partner of', 'trading partner of']
    >>> trigger_needles(r"\b(?:(?:will )?support(?:s|ed)? the\b[^.;]{0,30}? of)\b")  # not " the", in most sentences
    ('support',)
    >>> trigger_needles(r"\w+") is None
    True
    """
    try:
        from re import _parser as parser  # type: ignore[attr-defined]  # the parser of the re module (Python 3.11+)
    except ImportError:  # pragma: no cover
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        found = _required(parser.parse(pattern, re.IGNORECASE), parser)
    except Exception:  # an unusual construct: no pre-filter for this rule, which stays correct
        return None
    if not found or any(not n.replace(_BOUNDARY, "") for n in found):
        return None
    return tuple(sorted({fold(n) for n in found}))


def trigger_literals(pattern: str) -> tuple[tuple[str, ...], ...]:
    r"""What every match of ``pattern`` contains (case-folded, without boundaries): one literal of each tuple.

    These are all the needle sets :func:`trigger_needles` chooses from, each a condition of its own.

    Examples
    --------
    >>> trigger_literals(r"\b(?:(?:will )?support(?:s|ed)? the\b[^.;]{0,30}? of)\b")
    (('support',), (' the',), (' of',))
    >>> trigger_literals(r"\w+")
    ()
    """
    try:
        from re import _parser as parser  # type: ignore[attr-defined]  # the parser of the re module (Python 3.11+)
    except ImportError:  # pragma: no cover
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        found = _required(parser.parse(pattern, re.IGNORECASE), parser, everything=True)
    except Exception:  # an unusual construct: no condition, which stays correct
        return ()
    return tuple(tuple(sorted({fold(n.replace(_BOUNDARY, "")) for n in needles})) for needles in found or ()
                 if all(n.replace(_BOUNDARY, "") for n in needles))


def _exact(items, c) -> set[str] | None:
    """The strings a literal-only sequence matches exactly (``None`` if it is not literal-only or too many)."""
    out = {""}
    for op, av in items:
        if op is c.LITERAL:
            out = {s + chr(av) for s in out}
        elif op is c.AT:
            if av is c.AT_BOUNDARY:
                out = {s + _BOUNDARY for s in out}
            # other anchors are zero width and bound nothing we index
        elif op is c.SUBPATTERN:
            inner = _exact(av[-1], c)
            if inner is None:
                return None
            out = {s + t for s in out for t in inner}
        elif op is c.BRANCH:
            alternatives = [_exact(alt, c) for alt in av[1]]
            if any(a is None for a in alternatives):
                return None
            out = {s + t for s in out for a in alternatives if a is not None for t in a}
        else:
            return None
        if len(out) > 64:
            return None
    return out


def _required(items, parser, lead: str = "", trail: str = "", everything: bool = False):
    """A set of literals one of which every match of ``items`` contains (the most selective found), or None;
    with ``everything``, the list of all the sets found, each such a set.

    ``lead`` and ``trail`` are what the pattern around ``items`` matches just before and after them
    (a word boundary, a space), so that the needles found inside a group keep their bounds.
    """
    c = parser if hasattr(parser, "LITERAL") else parser._constants
    candidates: list[set[str]] = []
    run: set[str] = {lead}

    def close(final: bool = False):
        nonlocal run
        if final:
            run = {x + trail for x in run}
        if run and all(x.replace(_BOUNDARY, "") for x in run):
            candidates.append(run)
        run = {""}

    for k, (op, av) in enumerate(items):
        exact = _exact([(op, av)], c)
        if exact is not None and len(run) * len(exact) <= 64:
            run = {s + t for s in run for t in exact}
            continue
        before = next(iter(run)) if len(run) == 1 else ""
        following = _exact(items[k + 1:k + 2], c) if k + 1 < len(items) else {trail}
        after = next(iter(following)) if following is not None and len(following) == 1 else ""
        close()
        if op is c.SUBPATTERN:
            inner = _required(av[-1], parser, before, after)
            if inner:
                candidates.append(inner)
        elif op is c.BRANCH:
            alternatives = [_required(alt, parser, before, after) for alt in av[1]]
            if alternatives and all(alternatives):
                candidates.append(set().union(*alternatives))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
            inner = _required(av[2], parser, before if av[0] == av[1] == 1 else "", after if av[0] == av[1] == 1 else "")
            if inner:
                candidates.append(inner)
    close(final=True)
    if everything:
        return candidates
    if not candidates:
        return None
    # (a set is indexed when each needle has a word key or is of word characters, found inside a word: see RuleSet;
    # of those, the set of the longest needles, which the fewest sentences have: "support" rather than " the")
    return max(candidates, key=lambda s: (all(_needle_key(x) or _WORD.fullmatch(x.replace(_BOUNDARY, "")) for x in s),
                                          min(len(x.replace(_BOUNDARY, "")) for x in s), -len(s)))


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.lower())


@lru_cache(maxsize=8192)
def _word_tuple(text: str) -> tuple[str, ...]:
    """:func:`_words`, remembered: the rules of a sentence look at the same stretches of it again."""
    return tuple(_WORDS.findall(text.lower()))


@lru_cache(maxsize=8192)
def _word_set(text: str) -> frozenset[str]:
    return frozenset(_WORDS.findall(text.lower()))


class SentenceView:
    """The mentions of one sentence, in order, with what precedes each."""

    def __init__(self, rec: Recognition, start: int, end: int, mentions: list[Mention], folded: str | None = None,
                 tokens: list[str] | None = None, text: str | None = None) -> None:
        self.rec, self.start, self.end = rec, start, end
        self.text = rec.text[start:end] if text is None else text  # the caller may have the slice already
        self.mentions = mentions
        self.folded = folded  # fold(self.text), when known
        self.tokens = tokens  # the words of the sentence (TOKEN) when they stand for the words of the folded text
        self._marks: list[tuple[int, str]] | None = None
        self._governors: dict[tuple[int, int, str], str] = {}
        self._may_hedge: bool | None = None

    def clause_marks(self) -> list[tuple[int, str]]:
        """The offsets (in the text) and characters of the marks that bound clauses, in order (most sentences have none)."""
        if self._marks is None:
            text = self.rec.text
            first = _CLAUSE_MARK.search(text, self.start, self.end)
            self._marks = [] if first is None else [
                (m.start(), m.group()) for m in _CLAUSE_MARK.finditer(text, first.start(), self.end)]
            if ", and " in self.text:
                self._marks = sorted(self._marks + self._new_clauses())
        return self._marks

    def _new_clauses(self) -> list[tuple[int, str]]:
        """The commas that begin a new clause: ", and <name> <verb>" after a clause that has its own verb ("The EU
        signed memoranda with Kazakhstan and Uzbekistan, and the United States launched …"): the name is the next
        clause's subject, not one more object. Without a verb before it, the comma ends a list of subjects
        ("Kazakhstan, Uzbekistan, and Kyrgyzstan signed …")."""
        text, out = self.rec.text, []
        starts = {m.start: m for m in self.mentions}
        for comma in _COMMA_AND.finditer(text, self.start, self.end):
            subject = starts.get(comma.end())
            if subject is not None and _VERB_AFTER.match(text, subject.end) \
                    and _VERB.search(text, self.start, comma.start()):
                out.append((comma.start(), ","))
        return out

    def may_hold(self, words: frozenset[str] | None, end: int | None = None) -> bool:
        """Whether the sentence (up to ``end``) may have one of ``words`` (lower-case) among its tokens, in any case.
        False only when it has none, as the text's index of words tells (once per text; a word with a character
        outside ASCII always may): when the sentence's tokens are known, it begins and ends between tokens."""
        return self.tokens is None or words is None or begins_within(
            self.rec.lowered_token_starts(words), self.start, self.end if end is None else end)

    def may_hedge(self) -> bool:
        """False when no clause of the sentence has a hedge or negation word, so that :func:`_hedge` need not split
        it into words (most sentences have none). A clause here ends at a mark or at the end of the sentence.

        Told by the sentence's tokens: each run of word characters in one of its words (``[\\w’'-]+``) is a token,
        so a hedge the sentence has (``isn't``) has all its runs (``isn``, ``t``) among them, the one
        :func:`_hedge_runs` keeps included; a hedge of several runs is then looked for in the sentence. The words are
        those of the lower-cased sentence, the tokens lower-cased one by one: the same runs, as every character but
        "İ" has a lower case of one character, a word character if it is one (a test checks every character).
        """
        if self._may_hedge is None:
            runs = derived(self.rec.lex, _hedge_runs)
            if runs is None or self.tokens is None or "\u0130" in self.text:
                self._may_hedge = True
            elif not self.may_hold(derived(self.rec.lex, _hedge_run_set)):
                self._may_hedge = False
            else:
                lowered = self.text.lower()
                self._may_hedge = any(not longer or any(w in lowered for w in longer)
                                      for longer in map(runs.get, map(str.lower, self.tokens)) if longer is not None)
        return self._may_hedge

    def governed(self, m: Mention) -> bool:
        """True when a preposition (or a coordination after one) governs the mention (remembered: the rules of a
        sentence ask about the same mentions)."""
        return self.governor(m) != ""

    def governor(self, m: Mention) -> str:
        """The preposition that governs the mention, directly or through the list it ends ("of" in "investors wary
        of China, Russia and Turkey", for all three), "’s" for a state that modifies a title ("Kyrgyzstan’s
        Minister of Economy"), or "" when none does."""
        key = (m.start, m.end, m.type)
        known = self._governors.get(key)
        if known is None:
            known = self._governors[key] = self._find_governor(m)
        return known

    def _find_governor(self, m: Mention) -> str:
        text = self.rec.text
        # the possessive pattern is only tried where its "’s" / "'s" is (most names have none after them)
        after = _POSSESSIVE_TITLE.match(text, m.end, min(self.end, m.end + 60)) \
            if text.startswith(POSSESSIVE_ENDINGS, m.end) else None
        if after is not None and after.group(1).startswith(derived(self.rec.lex.titles, tuple)):
            return "’s"  # "Kyrgyzstan’s Minister of Economy": the state modifies the title, it is no argument
        before = self.rec.text[max(self.start, m.start - 30):m.start]
        words = _word_tuple(before)
        if not words:
            return ""
        if words[-1] in PREPOSITIONS:
            if words[-1] == "as" and _CONJUNCTION_CLAUSE.match(text, m.end):
                return ""  # "… is declining as China invests more": a clause's subject, not "as China" (like China)
            return "" if words[-1] == "of" and self._acted_for(m, before) else words[-1]
        comma = before.rstrip().endswith(",")
        if comma and (_CLAUSE_VERB_AFTER.match(text, m.end) or _ADVERB_AND_VERB.match(text, m.end)):
            return ""  # "While China invests in Kyrgyzstan, Russia supplies …": the next clause's subject
        # ("Observers of the SCO and the EAEU"; but in "… with Kazakhstan, and the United States launched …" a
        # clause begins)
        joined = words[-1] in ("and", "or") or (words[-1] == "the" and len(words) > 1 and words[-2] in ("and", "or")
                                                 and not _COMMA_AND_THE.search(before))
        if joined or comma:
            earlier = [x for x in self.mentions if x.end <= m.start and x.end >= m.start - 40]
            # coordination joins like with like: a state after a list of minerals starts a new clause, and so
            # does a company after a comma that follows a state ("during a visit to France, Orano and X signed")
            like = earlier and (_coarse(earlier[-1].type) == _coarse(m.type) if joined
                                else earlier[-1].type == m.type)
            if like and joined and earlier[-1].type != m.type and _COMMA_AND_BEFORE.search(before) \
                    and _CLAUSE_VERB_AFTER.match(text, m.end):
                like = False  # "… a member of the SCO, and Turkmenistan is …": another kind of name opens a clause
            if like:
                return self.governor(earlier[-1])
        if words[-1] == "the" and len(words) > 1 and words[-2] in PREPOSITIONS:
            return "" if words[-2] == "of" and self._acted_for(m, before) else words[-2]
        return ""

    def _acted_for(self, m: Mention, before: str) -> bool:
        """Whether ``m`` is a polity after those who act for it ("the presidents of Kazakhstan …", "the
        Governments of the Republic of Korea …"): then it is the actor, not the object of "of"."""
        return m.type in _POLITIES and _acts_for(self.rec.lex).search(before) is not None


_POLITIES: Final = GROUPS["polity"]
_PERSON_TYPES: Final = GROUPS["person"]
_ACTOR_TYPES: Final = frozenset(GROUPS["actor"])


def _acts_for(lex: Lexicon) -> re.Pattern:
    """The words of ``representing`` (lexicon/cues.yaml) and "of", at the end of a text (compiled once per lexicon)."""
    return derived(lex, _compile_acts_for)


def _compile_acts_for(lex: Lexicon) -> re.Pattern:
    words = lex.cues.get("representing") or []
    if not words:
        return re.compile(r"(?!)")
    return re.compile(r"\b(?:" + phrase_alternation(words) + r")\s+of\s+(?:the\s+)?$", re.I)


_POSSESSIVE_TITLE: Final = re.compile(r"(?:’s|'s)\s+([A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})")


def _coarse(type_: str) -> str:
    """The broad kind of an entity class, for coordination: persons, other actors, matters (minerals, topics), places, …"""
    for group in ("person", "actor", "agreement", "event", "place"):
        if type_ in GROUPS[group]:
            return group
    return "matter"


def _clause_bounds(view: SentenceView, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence of ``view`` around ``[start, end)``: after the last ``;``, ``:``, ``“`` or ``”``
    before it, up to the first ``;``, ``:`` or ``“`` after it (read from the sentence's marks; most have none)."""
    marks = view.clause_marks()
    if not marks:
        return view.start, view.end
    left = right = -1
    for position, mark in marks:
        if position < start:
            left = position  # any mark ends a clause on its left
        elif position >= end and mark != "”":  # a closing quotation mark does not end one on the right
            right = position
            break
    return (left + 1 if left != -1 else view.start), (right if right != -1 else view.end)


def _last_word(text: str, start: int, end: int) -> str | None:
    """The last word of ``text[start:end]``, lower-cased (a trigger's preposition: "invested in")."""
    words = text[start:end].split()
    return words[-1].lower() if words else None


def _chain_end(text: str, first: Mention, after: list[Mention]) -> int:
    """Where the names coordinated with ``first`` ("China and Russia", "A, B and C") end."""
    end = first.end
    for m in after:
        if m.start < end:
            continue
        if not _COORDINATION.fullmatch(text, end, m.start):
            break
        end = m.end
    return end


def _coordinated(rec: Recognition, first: Mention, after: list[Mention], allowed: frozenset[str], limit: int,
                 named_before: frozenset[str] = frozenset(), preposition: str | None = None,
                 in_relative: bool = False) -> list[Mention]:
    """``first`` and the names coordinated after it ("X, Y and Z"), up to ``limit``.

    A name among ``named_before`` (the entities the clause names before its verb) ends the list: in "A and B
    signed memoranda with C, A in 2022 and B in 2024" the list after C distributes the subjects, it adds no
    object. So does a name with a verb of its own, or with the verb's ``preposition`` again (a clause whose verb
    is left out): "China invests in Kazakhstan and Kyrgyzstan invests in Tajikistan", "China invested in
    Kazakhstan, Russia in Kyrgyzstan". Inside a relative clause (``in_relative``), the verb after the list is the
    main clause's: "The OTS, whose members include Azerbaijan, Kazakhstan, …, has put …" lists them all.
    """
    out = [first]
    last = first
    last_end = first.end  # where the last listed item ends (with the state of a person's title: "… of Kazakhstan")
    for k, m in enumerate(after):
        if m.start <= last_end or m.start > limit:
            continue
        if m.entity in named_before:
            break
        if m.entity == last.entity and rec.text.startswith(")", m.end) and _OPENING_BRACKET.fullmatch(rec.text, last_end,
                                                                                                     m.start):
            last_end = m.end + 1  # "the Eurasian Economic Union (EAEU) and the CSTO": the name again, in brackets
            continue
        if last.type in _PERSON_TYPES and m.type == "State" and rec.text.startswith((" of ", " of the "), last_end) \
                and m.start - last_end <= 8:
            # "met President Tokayev of Kazakhstan, President Japarov of …": the person's state, not one more met
            last_end = m.end
            continue
        if m.type in _POLITIES and k + 1 < len(after) and _POSSESSOR_OF_NEXT.fullmatch(rec.text, m.end, after[k + 1].start):
            continue  # "Kazatomprom and Japan’s Sumitomo": Japan's company is listed, not Japan
        if rec.text.startswith(POSSESSIVE_ENDINGS, m.end):
            break  # "met Mirziyoyev and Bakhtiyor Saidov, Uzbekistan's top diplomat": Saidov's, no one met
        gap = rec.text[last_end:m.start]
        if _COMMA_JOIN.fullmatch(gap) and not in_relative and (_CLAUSE_SUBJECT_TAIL.match(rec.text, _chain_end(rec.text, m, after))
                                                          or _CLAUSE_VERB_AFTER.match(rec.text, m.end)):
            # "hosted by US President Donald Trump, Cove Kaz Capital Group agreed …", "While China invests in
            # Kyrgyzstan, Russia supplies …", "Talco Gold, a subsidiary of TALCO, and China's Zijin Mining are …":
            # the next clause's subject
            break
        if m.type not in allowed:
            break
        titled = m.type in _PERSON_TYPES and last.type in _PERSON_TYPES and _TITLED_COORDINATION.fullmatch(gap)
        if not titled and not _COORDINATION.fullmatch(gap) and not _POSSESSED_COORDINATION.fullmatch(gap) \
                and not (_DATED_COORDINATION.fullmatch(gap) and _OWN_DATE_AFTER.match(rec.text, m.end)):
            # "supplies uranium to CGN and to CNNC": the preposition of the first name again
            again = _PREPOSITION_AGAIN.match(gap) if gap.startswith((" and ", ", and ")) else None
            if again is None:
                break
            before_first = _PREPOSITION_AGAIN.search(rec.text, max(0, first.start - 16), first.start)
            if before_first is None or before_first.group("prep") != again.group("prep") \
                    or _PRONOUN_CLAUSE.match(rec.text, m.end):  # (not "… and in Kyrgyzstan it opened a mine")
                break
        if m.kind == "demonym" and _NOUN_AFTER.match(rec.text, m.end):
            break  # "met Xi Jinping, the Chinese leader, in Astana": an apposition, not China
        own = _OWN_VERB.match(rec.text, m.end)
        if own is not None and (own.group("verb") or own.group("prep") == preposition):
            break
        if _SHARE_AFTER.match(rec.text, m.end):
            break  # "holds 60% of Altynken and Kyrgyzaltyn 40%": a holder of its own share, the verb left out
        out.append(m)
        last, last_end = m, m.end
    return out


#: after a name: a share, which makes it the subject of a clause whose verb is left out ("and Kyrgyzaltyn 40%")
_SHARE_AFTER: Final = re.compile(r"\s+(?:about\s+|around\s+|nearly\s+|some\s+)?\d{1,3}(?:\.\d+)?\s?(?:%|per\s?cent|percent)")
#: between two persons of a list, the title of the second: ", President ", ", and Prime Minister "
_TITLED_COORDINATION: Final = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?(?:[A-Z][\w’'.-]*\s+){1,4}")
#: between two names: "and" and a preposition again ("to CGN and to CNNC"; that of the first name, the code checks)
_PREPOSITION_AGAIN: Final = re.compile(r"(?:,?\s+and\s+|\s)(?P<prep>to|in|into|with|from|for|of)\s+(?:the\s+)?$")
_PRONOUN_CLAUSE: Final = re.compile(r",?\s+(?:it|he|she|they|we|I)\s+[a-z]")
#: between a possessive name and the name it modifies: "Canada’s Centerra Gold", "Russia’s state corporation Rosatom"
_POSSESSOR_OF_NEXT: Final = re.compile(r"(?:’s|'s|’)\s+(?:[a-z][\w-]*\s+){0,4}")
#: between a name and an apposition or participle that describes it: "KGC, a subsidiary of", "SARECO, founded in
#: 2010 as a joint venture of", "KAZ Minerals, owned by" (after an abbreviation in brackets, or from inside one)
_PASSIVE_AUXILIARY: Final = re.compile(r" (?:is|are|was|were) ")
#: between a name and the noun that says what it is: "Tau-Ken Samruk is a (wholly owned) subsidiary of"
_COPULA_ARTICLE: Final = re.compile(r" (?:is|was|has\s+been|remains|became|becomes) (?:a|an|the)(?:\s+[\w-]+){0,2}\s+")
_BEFORE_APPOSITION: Final = re.compile(r"(?:\s*\([^()]{1,20}\)|\))?\s*,\s+(?:(?:founded|established|created|set\s+up|formed|"
                                       r"registered)\s+(?:in\s+(?:[A-Z][a-z]+\s+)?\d{4}\s+)?as\s+)?"
                                       r"(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,3}and\s+)?"  # "the national mining company and a"
                                       r"(?:(?:a|an|the)\s+(?:[\w:-]+\s+){0,2}|(?:wholly|majority|partly|jointly|fully)[- ]"
                                       # "Kazzinc, about 70% owned by Glencore"
                                       r"|(?:(?:about|around|roughly|nearly|almost|approximately|some|over)\s+)?"
                                       r"\d{1,3}(?:\.\d+)?(?:\s?%|\s+per\s?cent|\s+percent)[- ])?")
#: between two names of a list, the first one's date: "visited Berlin in September and Paris in November" (the
#: second must have its own, _OWN_DATE_AFTER: not "met Xi on 2 July and Putin the following day")
_DATE_PHRASE: Final = r"\s+(?:in|on)\s+(?:[0-3]?\d\s+)?(?:" + MONTH_NAME + r"|(?:19|20)\d\d)"
_DATED_COORDINATION: Final = re.compile(_DATE_PHRASE + r"(?:\s+(?:19|20)\d\d)?\s+and\s+")
_OWN_DATE_AFTER: Final = re.compile(_DATE_PHRASE + r"\b")
#: between two names of a list, a possessive that modifies the second: "Kazatomprom and Japan’s Sumitomo"
_POSSESSED_COORDINATION: Final = re.compile(r",?\s*(?:and\s+)?(?:the\s+)?[A-Z][\w.-]*(?:\s[A-Z][\w.-]*){0,2}"
                                            + _POSSESSOR_OF_NEXT.pattern)
#: after a demonym: the noun it qualifies ("the Chinese leader")
_NOUN_AFTER: Final = re.compile(r"\s+[a-z]")
#: after a name: a verb of its own, or a preposition and a name (the verb left out), which make it a subject
#: (a month is no name: "invested in Kazakhstan and Uzbekistan in March 2024"), also after an abbreviation in brackets
#: ("supplies uranium to CNNC, and China General Nuclear Power Group (CGN) holds stakes …")
_OWN_VERB: Final = re.compile(r"(?:\s*\([^()]{1,15}\))?\s+(?:(?P<verb>(?:also\s+)?(?:" + _VERB_FORMS + r"|[a-z]+s)\s+(?:in|with|to|into|from|on)\b|"
                              r"(?:holding|owning|controlling|keeping|retaining|taking|owns|holds|controls|keeps|retains)\b)|"
                              r"(?P<prep>in|with|to|into|from|on)\s+(?:the\s+)?(?!" + MONTH_NAME + r"\b)[A-Z])")


# between the last subject and its verb: nothing, an abbreviation in brackets, adverbs and auxiliaries
_SUBJECT_TO_VERB: Final = re.compile(r"\s*(?:\([^()]{1,15}\)\s*)?(?:(?:have|has|had|also|today|yesterday|jointly|formally|"
                                     r"officially|then|both|together|finally|recently|on\s\w+day)\s+)*")
#: a capitalised name the gazetteer does not know, after "and" or a comma and right before the verb: the subject of a
#: clause of its own ("Japan invested in Kazakhstan and Korea invested in Uzbekistan": not Japan)
_UNNAMED_SUBJECT: Final = re.compile(r"(?:\band|\bbut|,)\s+(?:the\s+)?(?P<name>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s+"
                                     r"(?:(?:have|has|had|will|would|may|could|did|does|also|later|then|subsequently|jointly|"
                                     r"recently|soon|itself|too)\s+)*$")
_APPOSITION_TO_VERB: Final = re.compile(r",\s+(?!(?:and|but|or|then|while|whereas|who|which|whose)\b)[^,;:()“”]{1,80},"
                                        + _SUBJECT_TO_VERB.pattern)
_COORDINATION_GAP: Final = re.compile(r"\s*(?:,|,?\s+and|,?\s+as well as)\s+(?:the\s+)?")


# a verb that opens a relative clause, and what may stand between its antecedent and the pronoun
_RELATIVE_VERB: Final = re.compile(r"\b(?:which|who)\s+(?:(?:also|now|still|already|currently|itself|mainly|largely|first|"
                                   r"later|once|previously|recently|earlier|then|has|have|had)\s+){0,2}$")
#: the same before a noun: "…, which is the largest institutional investor in", "…, who is one of the main buyers of"
_RELATIVE_COPULA: Final = re.compile(r"\b(?:which|who)\s+(?:is|are|was|were|remains|remain|has\s+been|have\s+been)\s+"
                                     r"(?:(?:also|now|still)\s+)?(?:(?:one|some|among)\s+(?:of\s+)?)?(?:the|a|an)\s+"
                                     r"(?:[\w’'-]+\s+){0,4}$")
_ANTECEDENT_GAP: Final = re.compile(r"[\s)]*(?:\([^()]{1,40}\)[\s)]*)?,?\s*")  # "X, which", "X (XY), which", "(XY), which"


def _possessor_of_actor(text: str, m: Mention, before: list[Mention]) -> bool:
    """Whether ``m`` says whose the actor named right after it is ("developed by Canada's Cameco in partnership
    with …": Cameco's partnership, not Canada's; but in "Kyrgyzstan's Kadamjay antimony plant was one of the main
    producers" the plant is no actor, and the state produces through it)."""
    if not text.startswith(POSSESSIVE_ENDINGS, m.end):
        return False
    k = before.index(m)
    return k + 1 < len(before) and before[k + 1].type in _ACTOR_TYPES \
        and _POSSESSOR_OF_NEXT.fullmatch(text, m.end, before[k + 1].start) is not None


def _relative_subject(text: str, t0: int, before: list[Mention]) -> Mention | None | bool:
    """The subject of a verb that opens a relative clause: the name right before "which" or "who" (None when it
    was not recognised); False when the verb at ``t0`` opens none.

    "Tokayev met with Xi Jinping, who first visited Astana in 2013": Xi Jinping visited, though "with" governs him.
    After "that", the name the noun before it stands for (:func:`_that_antecedent`).
    """
    if text.endswith(" that ", max(0, t0 - 6), t0):
        return _that_antecedent(text, t0 - 5, before)
    if text.find("wh", max(0, t0 - 60), t0) == -1:
        return False  # no "which" or "who" (the pattern's search is costly, the test is not)
    relative = _RELATIVE_VERB.search(text, max(0, t0 - 60), t0) or _RELATIVE_COPULA.search(text, max(0, t0 - 80), t0)
    if relative is None:
        return False
    return next((m for m in reversed(before) if m.end <= relative.start()
                 and _ANTECEDENT_GAP.fullmatch(text, m.end, relative.start()) is not None), None)


def _that_antecedent(text: str, that_at: int, before: list[Mention]) -> Mention | None:
    """The subject of a verb right after a relative "that" (at ``that_at``): the name right before "that", or the name
    a copula or an apposition makes the noun before it ("Kazzinc is a company that produces zinc", "Kazzinc, a
    company that …"); None when the noun names nobody ("Kazzinc, which operates a smelter that produces zinc": the
    smelter produces it, not the name before)."""
    lead = next((m for m in reversed(before) if m.end <= that_at), None)
    if lead is None:
        return None
    if not text[lead.end:that_at].strip() or _COPULA_NOUN_PHRASE.fullmatch(text, lead.end, that_at):
        return lead
    return None


#: between a name and a noun it is said to be: "is a company", "are among the largest producers", ", a company"
_COPULA_NOUN_PHRASE: Final = re.compile(r"(?:,|\s+(?:is|are|was|were|remains|remain|became|has\s+been|have\s+been))\s+"
                                        r"(?:(?:not|also|still|now)\s+)?(?:(?:one|some|among)\s+(?:of\s+)?)?(?:the|a|an)\s+"
                                        r"(?:[\w’'-]+\s+){0,6}?"
                                        r"[a-z][\w-]*\s*")
#: before the subject of a relative clause: "that" or "which", or a noun phrase ("the copper smelter China built …")
_THAT_BEFORE: Final = re.compile(r"(?:\b(?:that|which)|\b(?i:the|a|an|this|its|their)\s+(?:[a-z-]+\s+){0,2}[a-z]{3,})\s+"
                                 r"(?:the\s+)?$")
#: the same, "that" or "which" alone
_THAT_OR_WHICH_BEFORE: Final = re.compile(r"\b(?:that|which)\s+(?:the\s+)?$")


#: a verb in the past, regular or one of the common irregular ones
_PAST_FORMS: Final = r"[a-z]+ed|met|held|made|took|gave|sold|bought|won|led|built|began|became"
#: after a relative clause set off by commas: the main clause's verb (a lower-case word that goes on no list)
_MAIN_VERB_RESUMES: Final = re.compile(r"\s*(?!(?:such|including|notably|especially|particularly|namely|like|as|and|or|in|of|"
                                       r"for|with|from|to|at|on|among|both|but|the|a|an)\b)[a-z]")
#: the prepositions that may govern a subject named before its verb when no other name may be one
_FALLBACK_GOVERNORS: Final = frozenset({"", "as", "for", "at", "on", "during", "by"})
#: after a mineral's name: the noun it modifies, an agreement ("a uranium deal")
_MINERAL_MODIFIES: Final = re.compile(r"\s+(?:supply\s+|export\s+)?(?:deal|deals|agreement|agreements|contract|contracts|"
                                      r"memorandum|pact|accord|talks)\b")
#: before a name: a gerund whose object it is ("Instead of meeting Putin, Japarov travelled …")
_GERUND_OBJECT: Final = re.compile(r"\b(?i:after|before|instead\s+of|without|by|since|while|when|upon|on)\s+[a-z]+ing\s+"
                                   r"(?:with\s+)?(?:the\s+)?$")
#: right after a name: the noun it modifies, which a relative clause describes ("the CNNC subsidiary that …")
_MODIFIES_NOUN: Final = re.compile(r"\s+[a-z][\w-]*\s+(?:that|which|who)\s")
#: before a name: a relative clause's verb, whose object it is ("who met Putin", "that Kazatomprom bought")
_OBJECT_OF_RELATIVE: Final = re.compile(r"\b(?:who|whom|that|which)\s+(?:(?:also|had|has|have|later|then)\s+)?(?:"
                                        + _PAST_FORMS + r"|meets|visits|supplies|owns|buys|sells)\s+(?:with\s+)?(?:the\s+)?$")
#: between a name and a verb: the relative clause "whose" opens, the verb's own ("Rosatom, whose subsidiary … mines")
_WHOSE_CLAUSE: Final = re.compile(r",\s+whose\s[^,;:()]*$")


def _listed_with_previous(text: str, m: Mention, before: list[Mention]) -> bool:
    """Whether ``m`` follows the name before it in a list ("Japan and Korea", "A, B and C")."""
    previous = next((x for x in reversed(before) if x.end <= m.start), None)
    return previous is not None and _COORDINATION_GAP.fullmatch(text, previous.end, m.start) is not None


def _not_the_subject(text: str, subject: Mention, t0: int, before: list[Mention], clause_lo: int, lo: int,
                     relative_words: bool = True, gerund: bool = True) -> bool:
    """Whether the name chosen as the subject of the verb at ``t0`` is another verb's: the subject of a relative clause
    that ends before it (:func:`_in_relative_clause`), the object of a relative clause's verb ("The minister who met
    Putin in Sochi later visited Beijing") or of a gerund ("Instead of meeting Putin, Japarov travelled …"), or the
    antecedent of a clause "whose" opens ("Rosatom, whose subsidiary Uranium One mines uranium": the subsidiary
    mines). Each pattern is tried only where the word it needs is (most sentences have none): ``relative_words``
    and ``gerund`` say whether the sentence has "wh" or "that", and "ing "."""
    if _in_relative_clause(text, subject, t0, before):
        return True
    if relative_words:
        if subject.kind != "demonym" and _MODIFIES_NOUN.match(text, subject.end):
            # "The CNNC subsidiary that buys uranium is based in Beijing": the subsidiary is (a demonym acts through
            # its state's agents, as CAMEO codes them: "the Japanese delegation that met …")
            return True
        if (text.find("wh", clause_lo, subject.start) != -1 or text.find("that", clause_lo, subject.start) != -1) \
                and _OBJECT_OF_RELATIVE.search(text, clause_lo, subject.start):
            return True
        if text.find("whose", subject.end, t0) != -1 and _WHOSE_CLAUSE.search(text, subject.end, t0) is not None:
            return True
    return gerund and text.find("ing ", lo, subject.start) != -1 and _GERUND_OBJECT.search(text, lo, subject.start) is not None


def _outside_brackets(text: str, subjects: list[Mention], before: list[Mention], allowed: frozenset[str], start: int,
                      t0: int) -> list[Mention]:
    """The subject when the last one stands in brackets or between dashes that close before the verb at ``t0``: the
    name right before them ("Kazatomprom (in which Samruk-Kazyna holds a 75% stake) exported …": Kazatomprom;
    "Uzbekistan – which China regards as a partner – signed …": Uzbekistan), or none."""
    subject = subjects[-1]
    for opens, closes in (("(", ")"), (" – ", " – "), (" — ", " — ")):
        opening = text.rfind(opens, start, subject.start)
        if opening != -1 and text.find(closes, opening + 1, subject.start) == -1 \
                and text.find(closes, subject.end, t0) != -1:
            break
    else:
        return subjects
    head = next((m for m in reversed(before) if m.end <= opening and not text[m.end:opening].strip()), None)
    return [head] if head is not None and head.type in allowed else []


def _in_relative_clause(text: str, subject: Mention, t0: int, before: list[Mention]) -> bool:
    """Whether ``subject`` is the subject of a relative clause that ends right before the verb at ``t0``.

    In "The mine that China and Russia built supplies uranium to Kazakhstan" the mine supplies it: China and
    Russia (the list the subject ends) are the subjects of "built", after "that".
    """
    if subject.end > t0 - 4:
        return False
    past = _CONTACT_VERB.fullmatch(text, subject.end, t0) is not None
    if not past and not _PRESENT_CONTACT_VERB.fullmatch(text, subject.end, t0):
        return False
    i = next((k for k, m in enumerate(before) if m is subject), 0)
    while i > 0 and _COORDINATION_GAP.fullmatch(text, before[i - 1].end, before[i].start):
        i -= 1
    first = before[i] if before and before[i].end <= subject.start else subject
    # (a present verb only after "that" or "which": in "the five Central Asian leaders launched" the word before the
    # verb is a noun)
    return (_THAT_BEFORE if past else _THAT_OR_WHICH_BEFORE).search(text, max(0, first.start - 40), first.start) is not None


def _relative_clause_allows(text: str, subject: Mention, t0: int) -> bool:
    """False when the verb at ``t0`` opens a relative clause whose antecedent is not ``subject``.

    In "NMMC …, and by Almalyk MMC, which mines copper" the miner is the name right
    before "which"; when that name was not recognised, the last name that was (NMMC)
    is not the subject, and no edge is better than a wrong one.
    """
    if text.find("wh", max(subject.end, t0 - 40), t0) == -1:
        return True
    relative = _RELATIVE_VERB.search(text, max(subject.end, t0 - 40), t0)
    return relative is None or _ANTECEDENT_GAP.fullmatch(text, subject.end, relative.start()) is not None


#: after a name inside an apposition, up to the comma that closes it: nothing, or the rest of a possessive phrase
_APPOSITION_CLOSES: Final = re.compile(r"\s*,\s")
_POSSESSIVE_APPOSITION_CLOSES: Final = re.compile(r"(?:’s|')s?(?:\s+(?:[a-z][\w-]*|[A-Z]{2,5}))(?:\s+[a-z][\w-]*){0,3}"
                                                  r"(?:\s+(?:in|of|at|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+)?\s*,\s")
#: before it, from the comma that opens it: an article phrase ("…, a subsidiary of …"), or nothing when the
#: name is the possessive that begins the apposition ("…, Russia’s state corporation, …")
_APPOSITION_OPENS: Final = re.compile(r",\s+(?:a|an|the|its|their|our|his|her)\s[^,;:]*(?:,\s+[A-Z][^,;:]*)*(?:,\s+)?$")
_COMMA_OPENS: Final = re.compile(r",\s+$")
#: an insertion set off by commas that compares or adds a name ("Japan, unlike China, invested …", "Kazakhstan,
#: together with the EU, launched …"): the name before it is the subject
_INSERTION_OPENS: Final = re.compile(r",\s+(?:unlike|like|not|rather\s+than|as\s+well\s+as|along\s+with|together\s+with|"
                                     r"alongside|besides|in\s+contrast\s+to)\s[^,;:]*$")
#: after a name inside an article phrase, to the comma that closes it: the words of the noun it modifies
#: before it, from the comma that opens it: a participle that describes the name before the comma ("SARECO,
#: founded in 2010 as a joint venture of Kazatomprom and Sumitomo, produces …": SARECO produces; "Almalyk MMC,
#: headquartered in Almalyk, Uzbekistan, produces …": the place's country after its city is inside it too)
_PARTICIPLE_OPENS: Final = re.compile(r",\s+(?:founded|established|created|set\s+up|formed|owned|controlled|backed|financed|"
                                      r"funded|run|operated|led|based|headquartered|registered|listed|launched)\s[^,;:]*"
                                      r"(?:,\s+)?$")
_DESCRIBED_CLOSES: Final = re.compile(r"(?:-[a-z][\w-]*)?(?:\s+[a-z][\w-]*){1,4}"
                                      r"(?:\s+(?:in|of|at|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}[\w-]+)?"
                                      r"(?:\s+(?:whose|which|who|that)\s[^,;:()]*)?\s*,\s")  # ("… miner whose assets are in …,")
#: a relative clause set off by commas: "Kazakhstan, which joined the WTO in 2015, signed …" (from its opening
#: comma up to the name inside it, past the names listed there: "…, which borders China, Russia and Uzbekistan, …",
#: "…, which is based in Saskatoon, Canada, …"; and from that name to the comma that closes it)
_RELATIVE_OPENS: Final = re.compile(r",\s+(?:(?:in|of|with|to|for|from|by|through|at|under)\s+)?(?:which|who|whom|whose)\s"
                                    r"[^,;:()]*(?:,\s+[A-Z][^,;:()]*)*(?:,\s+)?$")
_RELATIVE_CLOSES: Final = re.compile(r"[^,;:()]*,\s")
_RELATIVE_BEFORE_VERB: Final = re.compile(r",\s+(?:(?:in|of|with|to|for|from|by|through|at|under)\s+)?(?:which|who|whom|whose)\s"
                                          r"[^,;:()]*,\s+$")


def _relative_antecedent(text: str, t0: int, before: list[Mention], line_start: int) -> Mention | None:
    """The name a relative clause that closes right before the verb at ``t0`` describes: Kazakhstan in
    "Kazakhstan, which joined the WTO in 2015, signed …"; None when there is no such clause or its name was not
    recognised."""
    if text.find("wh", max(line_start, t0 - 160), t0) == -1:
        return None
    clause = _RELATIVE_BEFORE_VERB.search(text, max(line_start, t0 - 160), t0)
    if clause is None:
        return None
    return next((m for m in reversed(before) if m.end <= clause.start()
                 and _ANTECEDENT_GAP.fullmatch(text, m.end, clause.start()) is not None), None)


def apposition_head(text: str, subject: Mention, t0: int, before: list[Mention]) -> Mention | None | bool:
    """The name an apposition or relative clause holding ``subject`` describes, when ``subject`` stands inside one
    that closes before the verb at ``t0``; None when that name was not recognised; False when ``subject`` is in none.

    In "Uranium One, a subsidiary of Russia’s Rosatom, holds stakes in …" the holder is Uranium One (not
    recognised here: None, and no edge is better than a wrong one); in "Rosatom, Russia’s state corporation,
    holds …" it is Rosatom, not Russia.

    >>> text = "Rosatom, Russia’s state nuclear corporation, holds stakes in Karatau."
    >>> rosatom, russia = Mention(0, 7, "rosatom", "Company", "name", 1.0), Mention(9, 15, "russia", "State", "name", 1.0)
    >>> apposition_head(text, russia, text.index("holds"), [rosatom, russia]).entity
    'rosatom'
    >>> apposition_head(text, rosatom, text.index("holds"), [rosatom])
    False
    """
    if text.find(",", subject.end, t0) == -1:
        return False  # every apposition and relative clause closes with a comma (most subjects meet their verb)
    line_start = text.rfind("\n", 0, subject.start) + 1
    lo = max(line_start, subject.start - 80)
    plain = _APPOSITION_CLOSES.match(text, subject.end, t0)
    possessive = None if plain else _POSSESSIVE_APPOSITION_CLOSES.match(text, subject.end, t0)
    closing = plain or possessive
    opening = None
    if closing is None:
        # a name that modifies the noun of an article phrase: "Tokayev, the Kazakh president, met …", "Cameco, the
        # Canadian uranium miner, owns …", "ERG, a Luxembourg-based miner, invested …"
        closing = _DESCRIBED_CLOSES.match(text, subject.end, t0)
        opening = _APPOSITION_OPENS.search(text, lo, subject.start) if closing is not None else None
        if opening is None:
            closing = None
    if closing is None:
        # a name inside a relative clause that closes before the verb ("Kazakhstan, which joined the WTO in 2015,
        # signed …") is not its subject; the name before the clause is
        closing = _RELATIVE_CLOSES.match(text, subject.end, t0)
        opening = _RELATIVE_OPENS.search(text, lo, subject.start) if closing is not None else None
        if closing is None or opening is None:
            return False
    if "," in text[closing.end():t0]:
        return False
    if opening is None:
        opening = _APPOSITION_OPENS.search(text, lo, subject.start) or _RELATIVE_OPENS.search(text, lo, subject.start) \
            or (_INSERTION_OPENS.search(text, lo, subject.start) if plain else None) \
            or _PARTICIPLE_OPENS.search(text, lo, subject.start)
    if opening is None and possessive is not None:
        opening = _COMMA_OPENS.search(text, lo, subject.start)
    if opening is None:
        return False
    # (the name, or its abbreviation in brackets: "Summit Atom Rare Earth Company (SARECO), founded …")
    head = next((m for m in reversed(before) if m.end <= opening.start()
                 and not text[m.end:opening.start()].strip().lstrip(")")), None)
    if head is not None and _GOVERNED_HEAD.search(text, max(line_start, head.start - 40), head.start):
        # "At the invitation of President Tokayev, the President of the French Republic, Emmanuel Macron, paid …":
        # a name a preposition governs heads no subject; the title phrase after it is the subject, the name its own
        return False
    return head


#: before a name: a preposition that governs it, and capitalised words (a title) between them; not one inside a title
#: ("Secretary of State Antony Blinken")
_GOVERNED_HEAD: Final = re.compile(r"\b[a-z][\w-]*\s+(?:of|by|with|for|from|to)\s+(?:[A-Z][\w.’'-]*\s+)*$")


#: between a subject and a fact's verb: another verb, the subject's own ("the mine that China built supplies …")
#: (in a place or year, not a participle: "Kazakhstan located in Central Asia supplies …" is Kazakhstan's supply)
_CONTACT_VERB: Final = re.compile(r"\s+(?:(?:has|have|had)\s+)?(?!(?:based|located|situated|headquartered|listed|registered|"
                                  r"focused|aimed)\b)(?:" + _PAST_FORMS + r")(?:\s+(?:in|at|for|to|with|from|into)\s+(?:the\s+)?"
                                  r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}|\d{4}))*\s+")
#: between the subject of a relative clause and the verb after the clause: a verb in the present, perhaps with an
#: adverb ("A firm that Russia controls (still) produces uranium": the firm produces)
_PRESENT_CONTACT_VERB: Final = re.compile(r"\s+(?!(?:is|was|has|does|says)\b)[a-z]{2,}s(?:\s+(?:still|also|now|already|currently))?\s+")
#: a comma and a verb in the past: another predicate of the subject ("having met in Astana, invested in …")
_COMMA_VERB: Final = re.compile(r",\s+(?:" + _PAST_FORMS + r")\s")
#: right after a name, a verb of which it is the subject (a new clause: "… and Putin met Erdogan"); not a participle
#: that describes the name ("Uzbekistan backed by the EBRD", "Kazakhstan located along the Middle Corridor")
_CLAUSE_VERB_AFTER: Final = re.compile(r"\s+(?:(?:then|later|also)\s+)?(?!(?:based|located|situated|focused|aimed|"
                                       r"headquartered|listed|registered|accompanied|represented|combined)\b)(?:" + _PAST_FORMS
                                       + r"|signs|meets|visits|invests|agrees|joins|opens|exports|supplies|produces|has|have|"
                                       r"had|is|are|was|were|will|would|says|said)\b(?!\s+by\b)")


def next_clause_start(text: str, mentions: list[Mention], start: int, end: int) -> int:
    """Where the first name after ``start`` that opens a clause of its own begins ("…with Kazakhstan and Uzbekistan
    will follow in 2024": the name after "and" that a verb follows); ``end`` when none does.

    >>> from crmgraph.extract.recognise import Mention
    >>> s = "The EU signed a memorandum with Kazakhstan and Uzbekistan will follow in 2024."
    >>> names = [Mention(s.index(n), s.index(n) + len(n), n.lower(), "State", "name", 1.0) for n in ("Kazakhstan", "Uzbekistan")]
    >>> s[:next_clause_start(s, names, s.index("with"), len(s))]
    'The EU signed a memorandum with Kazakhstan and '
    """
    return next((m.start for m in mentions if start < m.start and m.end <= end
                 and (text.endswith(" and ", max(start, m.start - 5), m.start) or (
                     text.endswith(POSSESSIVE_GAPS, max(start, m.start - 3), m.start)
                     and _AND_POSSESSOR_BEFORE.search(text, max(start, m.start - 50), m.start)))
                 and _CLAUSE_VERB_AFTER.match(text, m.end)), end)


#: a possessor of up to four capitalised words and the space after it ("Abu Dhabi's ", "China's ")
_POSSESSOR: Final = r"(?:[A-Z][\w.-]*\s+){0,3}?[A-Z][\w.-]*(?:’s|'s)\s+"
#: before a name: "and" and a possessor ("…, and Abu Dhabi's Masdar has built …": the name opens a clause as well)
_AND_POSSESSOR_BEFORE: Final = re.compile(r"\sand\s+(?:the\s+)?" + _POSSESSOR + "$")
_POSSESSOR_AT_END: Final = re.compile(r"(?<!\S)" + _POSSESSOR + "$")


#: right before a name, a verb whose object it is ("Tokayev met Xi Jinping and Putin signed …")
_VERB_BEFORE: Final = re.compile(r"\b(?:[a-z]+ed|met|made|held|took|gave|sold|bought|won|led|built|meets|visits|invests|"
                                 r"signs|supplies|exports)\s+(?:the\s+)?$")
_RESPECTIVELY: Final = re.compile(r"\brespectively\b", re.IGNORECASE)
#: two amounts joined by "and": "21,000 and 4,000 tonnes", "$1 billion and $2 billion", "60% and 40%"
_AMOUNTS_PAIRED: Final = re.compile(r"\d[\d.,]*\s*%?(?:\s*(?:billion|million|thousand|bn|mn|m|tonnes|tons|t)\b)?\s+and\s+"
                                   r"(?:US\s?)?[$€£]?\s?\d")
#: what may stand before a list of subjects in its clause: nothing, an article, a phrase that ends with a comma, or a
#: possessor and a noun ("China's state groups CNNC and CGN"; not a preposition: "Tokayev's meeting with Xi and …")
_CHAIN_LEAD: Final = re.compile(r"\s*(?:(?:[Tt]he\s+)?|[^;:]*,\s*|(?:[Tt]he\s+)?" + _POSSESSOR
                                + r"(?:(?!(?:with|of|to|from|by|for|in|on|at|and|or|between|among|than|as)\b)[a-z-]+\s+){0,3})")
#: from the last of a list of subjects to a plural noun that says what they are: "(A, B and C) were the largest
#: (investors in)", "are major (producers of)", "remain among the top (suppliers to)"
_PLURAL_COPULA_TO_NOUN: Final = re.compile(
    r"\s+(?:are|were|remain|remained|have\s+been|had\s+been|have\s+become|became)\s+(?:(?:now|also|still|again|all|both)\s+)?"
    r"(?:(?:among|two\s+of|three\s+of|four\s+of|five\s+of)\s+)?(?:the\s+)?(?:(?:world[’']s|country[’']s|region[’']s)\s+)?"
    r"(?:(?:two|three|four|five|largest|biggest|leading|main|major|top|key|principal|important|most\s+important|"
    r"[a-z]+-largest|largest\s+foreign|foreign|big|biggest\s+foreign)\s+)*")


def _adjacent_chain(text: str, before: list[Mention], fitting: list[Mention], t0: int,
                    plural_noun: bool = False, titles: _TitleBefore | None = None) -> list[Mention]:
    """The subjects that end right before the verb, with those coordinated to them ("A, B and C signed").

    A sentence's earlier names ("during President X's visit to France, A and B signed") are not subjects.
    With ``plural_noun`` (the trigger begins with a plural noun) a plural copula may join them to it: "China, Russia
    and Turkey are the largest investors in". With ``titles``, a name's title before it belongs to its phrase
    ("Tokayev and Chinese President Xi Jinping met").
    """
    if not fitting or not before:
        return []
    last = fitting[-1] if before[-1] is fitting[-1] else None
    if last is None or (not _SUBJECT_TO_VERB.fullmatch(text, last.end, t0)
                        and not _APPOSITION_TO_VERB.fullmatch(text, last.end, t0)
                        and not (plural_noun and _PLURAL_COPULA_TO_NOUN.fullmatch(text, last.end, t0))):
        # (an apposition may describe the list, "Japan and South Korea, both major importers, invested", or its last
        # name, with a name of its own: "The EBRD and Tau-Ken Samruk, Kazakhstan's national mining company, signed")
        last = next((m for m in reversed(fitting[-3:]) if _APPOSITION_TO_VERB.fullmatch(text, m.end, t0)), None)
        if last is None:
            return []
    chain = [last]
    head = last.start  # where the phrase of the chain's first name begins (with its possessor, or title)
    if titles is not None:
        head = titles.start_before(text, head)
    for m in reversed(before[:-1]):
        if m.end > head:
            continue
        if text[m.end:head] in POSSESSIVE_GAPS:
            head = m.start  # "Saudi Arabia's ACWA Power and Canada's Cameco": the possessor is no subject
            continue
        # (nor one the names may not include: "ACWA Power and Abu Dhabi's Masdar")
        possessor = _POSSESSOR_AT_END.search(text, m.end, head)
        gap = _COORDINATION_GAP.fullmatch(text, m.end, possessor.start() if possessor is not None else head)
        # "A and B" joins like with like broadly; "A, B" only the same class ("France, Orano and X" is not a list)
        if m in fitting and gap and (_coarse(m.type) == _coarse(chain[0].type) if "and" in gap.group()
                                     else m.type == chain[0].type):
            chain.insert(0, m)
            head = m.start if titles is None else titles.start_before(text, m.start)
        else:
            break
    return chain


class _TitleBefore:
    """The lexicon's titles, as they stand before a name with the capitalised words that qualify them ("Chinese
    President ", "Commission President ", "Foreign Minister ")."""

    def __init__(self, lex: Lexicon) -> None:
        titles = sorted(lex.titles, key=len, reverse=True)
        #: the last word of each title: a name after another word has no title before it
        self.last_words = frozenset(t.split()[-1] for t in titles if t.split())
        self.pattern = re.compile(r"(?:[A-Z][\w’'-]*\s+){0,3}?(?:" + "|".join(map(re.escape, titles)) + r")\s+$") \
            if titles else None

    def start_before(self, text: str, start: int) -> int:
        """Where the title before a name at ``start`` begins (``start`` when it has none)."""
        before = text[max(0, start - 25):start].split()
        if self.pattern is None or not before or before[-1] not in self.last_words:
            return start
        found = self.pattern.search(text, max(0, start - 80), start)
        return found.start() if found is not None else start


def _hedge_run_set(lex: Lexicon) -> frozenset[str]:
    """The keys of :func:`_hedge_runs` (when it has them), as a set, for the quick test of a sentence's tokens."""
    runs = derived(lex, _hedge_runs)
    return frozenset(runs) if runs is not None else frozenset()


def _hedge_runs(lex: Lexicon) -> dict[str, tuple[str, ...]] | None:
    """The hedge and negation words by one run of word characters of each, the longest (``isn't``: ``isn``; ``is
    said to``: ``said``), lower-cased, with the words of more than one run, which a sentence that has that run may
    still lack ("said" without "is said to"); None if a word has no run (then :meth:`SentenceView.may_hedge` cannot
    rule it out)."""
    runs: dict[str, tuple[str, ...]] = {}
    single: set[str] = set()
    for word in lex.hedges | lex.negations | lex.verb_hedges | lex.verb_negations:
        found = re.findall(r"\w+", word)
        if not found:
            return None
        run = max(found, key=len).lower()
        if len(found) == 1:
            single.add(run)
        else:
            runs[run] = (*runs.get(run, ()), word.lower())
    # a run that is a word of its own needs no check of the longer words it is in
    return {run: () if run in single else runs.get(run, ()) for run in single | runs.keys()}


#: a possessive and the words it modifies a name with ("Kazakhstan's neighbour Kyrgyzstan"), not a noun phrase and a
#: coordinated name ("Kazakhstan's mining sector and Uzbekistan")
_POSSESSIVE_MODIFIER: Final = re.compile(r"(?:’s|'s|’|')\s+(?:(?!(?:and|or|in|to|with|as|but|nor|after|before|than|from|for|of|on|"
                                         r"at|by|like|unlike|behind|including|except|besides|over|under)\s)[a-z-]+\s+){1,3}"
                                         r"(?:the\s+)?")  # (not "Kyrgyzstan's gold sector after China")
#: right before a trigger, a possessive and the adjectives of the noun it begins: "the French leader’s (state) visit
#: to"; the trigger's subject is the possessor, or none when no name is (but a possessive of scope or time,
#: _SCOPE_WORDS, owns nothing: "the world’s largest producer of", "last year’s visit to")
_POSSESSOR_BEFORE: Final = re.compile(r"(?P<owner>\w+)(?:’s|'s|s’|s')\s+(?:[a-z][\w-]*\s+){0,3}$")
_SCOPE_WORDS: Final = frozenset({"world", "region", "country", "continent", "planet", "nation", "year", "month", "week",
                                 "today", "yesterday"})
_PLACE_TYPES: Final = frozenset({"State", "Region", "Place"})
_PASSIVE_BY: Final = re.compile(r"\s+by\s")
_CONTRAST: Final = re.compile(r",?\s(?:but|yet|although|though)\s")
_QUESTION_END: Final = re.compile(r"\?[\s”’\"')]*$")


def hedge(lex: Lexicon, text: str, fact: tuple[int, int] | None = None) -> tuple[float, bool]:
    """How sure a fact told in the clause ``text`` is: the factor of its confidence and whether it needs review
    (0.3 when the clause denies it, 0.6 when it hedges it; ``lexicon/hedges.yaml``).

    ``fact`` is the span in ``text`` of the fact's own words, from its verb to the end of its object: the words
    that bear only on their verb (``verb_hedges``, ``verb_negations``) count when they bear on this one (see
    :func:`_bears_on`); without it they count anywhere in the clause.

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> hedge(load_lexicon(), "China denied that it invested in Kazakhstan")
    (0.3, True)
    >>> s = "Tokayev stopped in Astana and met Xi Jinping"
    >>> hedge(load_lexicon(), s, (s.index("met"), len(s)))
    (1.0, False)
    """
    words = _word_set(text)
    if not words.isdisjoint(lex.negations):
        return 0.3, True
    bound = derived(lex, _VerbBound)
    if not words.isdisjoint(bound.first_negations) and _bound_here(bound.negations, text, fact):
        return 0.3, True
    if any(_hedges_here(text, word) for word in words & lex.hedges):
        return 0.6, True
    if not words.isdisjoint(bound.first_hedges) and _bound_here(bound.hedges, text, fact):
        return 0.6, True
    return 1.0, False


def fact_hedge(lex: Lexicon, text: str, start: int, end: int, f0: int, f1: int) -> tuple[float, bool]:
    """:func:`hedge` for the fact at ``[f0, f1)`` (from its verb to the end of its object) of the clause
    ``text[start:end]``: a contrast after the fact ends the words that bear on it, unless it takes it back
    (:func:`retracted`).

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> s = "Kazakhstan signed a memorandum with the EU in 2024, but not in 2022."
    >>> fact_hedge(load_lexicon(), s, 0, len(s), s.index("signed"), s.index(" in 2024"))
    (1.0, False)
    """
    contrast = _CONTRAST.search(text, f1, end)
    if contrast is not None:
        if retracted(lex, text[contrast.start():end]):
            return 0.3, True
        end = contrast.start()
    factor, review = hedge(lex, text[start:end], (f0 - start, f1 - start))
    if factor > 0.6 and hearsay(lex, text[start:end]):
        return 0.6, True
    return factor, review


class _Hearsay:
    """The lexicon's anonymous sources and the verbs that attribute a sentence to them, compiled."""

    def __init__(self, lex: Lexicon) -> None:
        sources = phrase_pattern(lex.hearsay_sources)
        # searched where a source may begin, a character of a set (the phrase pattern opens with a look-behind, which
        # the engine tries at every position): group "found" of a match is the source
        self.sources = gated_pattern(sources.pattern, re.IGNORECASE) if sources is not None else None
        # the longest word of each source: a sentence without one of them has none (the shorter of those that
        # contain another are left out: "source" stands for "sources" too)
        longest = {_longest_word(w) for w in lex.hearsay_sources if w.split()}
        self.words = tuple(sorted(w for w in longest if not any(v != w and v in w for v in longest)))
        #: a token of every sentence that has a source, whatever its case ("Officials": see phrase_tokens)
        self.tokens: frozenset[str] | None = phrase_tokens(lex.hearsay_sources)
        verbs = phrase_alternation(lex.hearsay_verbs)
        # after the source, a few words on (no comma): "Diplomats briefed on the talks say"
        self.verb_after = re.compile(r"(?:\s+[\w’'-]+){0,4}?\s+(?:" + verbs + r")\b") if verbs else None
        # before it, and a lower-case word or two: "said two officials", "according to unnamed sources"
        self.verb_before = re.compile(r"\b(?i:" + verbs + r")\s+(?:[a-z][\w-]*\s+){0,2}$") if verbs else None


def hearsay(lex: Lexicon, sentence: str, name_ends: frozenset[int] = frozenset()) -> bool:
    """Whether ``sentence`` attributes what it tells to anonymous sources (``hearsay_sources`` in
    ``lexicon/hedges.yaml``), with a verb that attributes after them or before them. A name right before the
    sources says whose they are: a capitalised word inside the sentence, or a name recognised there
    (``name_ends``: where the sentence's names end), its first word too ("Kazakh officials said").

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> hearsay(load_lexicon(), "Diplomats say Tokayev met Xi Jinping in Astana.")
    True
    >>> hearsay(load_lexicon(), "Tokayev met Xi Jinping in Astana, according to two people familiar with the talks.")
    True
    >>> s = "Kazakh officials said Tokayev met Xi Jinping in Astana."
    >>> hearsay(load_lexicon(), s, frozenset([len("Kazakh")])), hearsay(load_lexicon(), "In Astana, EU " + s[7:])
    (False, False)
    """
    found: _Hearsay = derived(lex, _Hearsay)
    if found.sources is None or found.verb_after is None or found.verb_before is None:
        return False
    # (folded, not lower-cased: ignoring case, the pattern matches "ſources" and "İnsiders", which fold() spells
    # with ASCII letters)
    folded = fold(sentence)
    if not any(word in folded for word in found.words):  # (most sentences: cheaper than splitting them into words)
        return False
    source_end = 0
    for m in found.sources.finditer(sentence):
        start, end = m.span("found")
        if start < source_end:
            continue  # (inside the source before it: one source's words are no other's)
        source_end = end
        before = sentence[:start].rstrip()
        words = before.split()
        if len(before) in name_ends or (len(words) > 1 and words[-1][:1].isupper()):
            continue  # "Kazakh officials", "EU diplomats": they are named (but "But diplomats say …")
        if found.verb_after.match(sentence, end) or found.verb_before.search(sentence, 0, start):
            return True
    return False


class _VerbBound:
    """The lexicon's words that bear only on their verb, and its retractions, compiled."""

    def __init__(self, lex: Lexicon) -> None:
        self.negations = phrase_pattern(lex.verb_negations)
        self.hedges = phrase_pattern(lex.verb_hedges)
        self.retractions = phrase_pattern(lex.retractions)
        self.unmade = phrase_pattern(lex.unmade, between=r"\s+(?:[a-z]+ly\s+)?")
        self.future_events = phrase_pattern(lex.future_events)
        # one word of each, lower-cased, the longest: a clause without one has none of them (and "is", the first word
        # of "is said to", is in most clauses)
        self.first_negations = frozenset(_longest_word(w) for w in lex.verb_negations if w.split())
        self.first_hedges = frozenset(_longest_word(w) for w in lex.verb_hedges if w.split())
        self.first_future_events = frozenset(_longest_word(w) for w in lex.future_events if w.split())


def _longest_word(phrase: str) -> str:
    """The longest word of ``phrase``, lower-cased (the first of those as long)."""
    return max(phrase.lower().split(), key=len)


def phrase_pattern(words, between: str = r"\s+") -> re.Pattern | None:
    """Whole words or phrases, in any case; spaces match ``between`` (any run of white space)."""
    if not words:
        return None
    return re.compile(r"(?<![\w’'-])(?i:" + phrase_alternation(words, between) + r")(?![\w’'-])")


def to_come(lex: Lexicon, text: str, fact: tuple[int, int]) -> bool:
    """Whether ``text``, an event's clause, puts the event at ``fact`` (its words, from the verb or noun to its
    object) in the future (``future_events`` in ``lexicon/hedges.yaml``: "will pay a visit to", "Ahead of his visit
    to"), with a word that bears on it as a verb-bound hedge does (:func:`_bound_here`): "Ahead of the summit,
    Tokayev met …" and "Tokayev, who will chair the SCO, met …" tell of a meeting that took place.

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> s = "Ahead of the summit, Tokayev met Mirziyoyev"
    >>> to_come(load_lexicon(), s, (s.index("met"), len(s)))
    False
    """
    bound = derived(lex, _VerbBound)
    if _word_set(text).isdisjoint(bound.first_future_events):
        return False  # (the words of most clauses: cheaper than the pattern's search)
    return _bound_here(bound.future_events, text, fact)


def unmade(lex: Lexicon, text: str) -> bool:
    """Whether ``text``, what follows a noun phrase naming a relation, says it does not or no longer exist
    (``unmade`` in ``lexicon/hedges.yaml``).

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> unmade(load_lexicon(), " has never really existed."), unmade(load_lexicon(), " has never been stronger.")
    (True, False)
    """
    pattern = derived(lex, _VerbBound).unmade
    return pattern is not None and pattern.search(text) is not None


#: between the end of a fact's object and a word that bears on it: a form of "to be" in the same clause ("the
#: memorandum with Kazakhstan was later cancelled", "… is a myth")
_AFTER_COPULA: Final = re.compile(r"[^,;:]*?\b(?:is|are|was|were|been|being)\s+(?:(?:later|since|subsequently|then|also|now|"
                                  r"soon|quickly|largely|widely|a|an)\s+)*")
#: after the subject of a verb: the verb ("Tokayev met", "Kazakhstan also produces", "Putin arrived")
_VERB_NEXT: Final = re.compile(r"\s+(?:(?:also|then|later|first|has|have|had|jointly|formally|officially|recently)\s+)*"
                               r"(?:[a-z]+(?:ed|es|s)|met|held|made|took|gave|became|began|built|sold|bought|won|led|set|"
                               r"signs|meets|said|told|says|is|was|are|were|flew|went|spoke|paid|pays|hosted|chaired)\b")
#: before a noun that names a relation: an indefinite article, perhaps with an adjective ("a new partnership")
_INDEFINITE: Final = re.compile(r"(?<![\w’'-])(?i:a|an|any)\s+(?:[a-z-]+\s+)?$")
#: between a person or organisation and the verb: a possessive and the noun it owns ("Tokayev's government")
_OWNED_BY_SUBJECT: Final = re.compile(r"(?:’s|'s)\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*"
                                      r"(?:,\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3},)?\s+")  # "…’s chief executive, X Y, met"
#: a trigger that opens with a verb in the past ("invested in", "met", "visited")
_PAST_VERB: Final = re.compile(r"(?i:" + _PAST_FORMS + r")\b")
#: before a name: the noun it is the complement of ("the wife of (President) X")
_OF_BEFORE: Final = re.compile(r"\b(?P<noun>[A-Za-z][a-z]+)\s+of\s+(?:the\s+)?(?P<titles>(?:[A-Z][\w’'.-]*\s+){0,3})$")


def _complement_of(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether the name at ``end`` is the complement of a noun ("the wife of President Mirziyoyev"), with nothing but
    title words between "of" and it ("The president of Uzbekistan Shavkat Mirziyoyev" is Mirziyoyev)."""
    m = _OF_BEFORE.search(text, start, end)
    if m is None:
        return False
    words = derived(lex, title_words)
    noun = m.group("noun")
    if noun[0].isupper() and (noun in words or noun in lex.roles or noun.lower() in lex.roles):
        return False  # "Minister of Energy Satkaliyev met …": a title, not a noun the name complements ("Critics of …")
    return all(w in words for w in m.group("titles").split())


#: cheap tests that spare the patterns below most of their searches
_PRONOUNS: Final = frozenset({"he", "she", "it", "they", "we", "I"})
_JOINS: Final = re.compile(r"\s(?:and|or)\s|,\s+then\s")
_OF_OR_AT: Final = ("of ", "at ", "of the ", "at the ")
#: right before a fact's verb: "and" joins it to a verb before, perhaps with its own time ("…, and in 2024 visited")
_JOINED_WITH_TIME: Final = re.compile(r"(?:\s(?:and|or)\s+(?:(?:then|later|also|subsequently)\s+|(?:in|on|during)\s+(?:[\w]+\s+){1,3})?"
                                      r"|,\s+then\s+)$")  # (", then travelled to Berlin": the verb before's subject)
#: before a subject: a comma and a conjunction, which open a clause of its own ("…, and Mirziyoyev visited …")
_OWN_CLAUSE: Final = re.compile(r",\s+(?:and|but|while|whereas|yet)\s+$")
#: right before a fact's verb: a personal pronoun, its subject ("…, where he met Macron")
_PRONOUN_SUBJECT: Final = re.compile(r"(?<![\w’'-])(?P<who>he|she|they|we|it|I)\s+(?:(?:also|then|later|had|has|have|will|would|"
                                     r"soon|first|once|recently|previously)\s+)*$")
#: between a word and the name after it: "to Afghanistan", "for the Kyrgyz Republic", "visited the Kazakh capital"
ARTICLE_GAP: Final = re.compile(r"\s+(?:the\s+)?")
#: right before a fact's verb: a verb of its own was joined ("stopped in Astana and met …")
_JOINED_VERB: Final = re.compile(r"\s(?:and|or)\s+(?:(?:then|later|also|subsequently)\s+)?$")


def _bound_here(pattern: re.Pattern | None, text: str, fact: tuple[int, int] | None) -> bool:
    """Whether one of ``pattern``'s words is used in ``text`` as one (see :func:`_hedges_here`) and bears on the
    fact at ``fact``: before its verb with no comma or joined verb between them, within its words, or after its
    object behind a form of "to be"."""
    if pattern is None:
        return False
    leading = _LEADING_SPACE.match(text)
    first = leading.end() if leading else 0
    for m in pattern.finditer(text):
        written = m.group()
        if not (written.islower() or (written.isupper() and len(written) > 1) or m.start() == first):
            continue
        if fact is None:
            return True
        v0, v1 = fact
        if m.start() == v0:
            continue  # the fact's own verb ("negotiating with" is the negotiation), no word on it
        if m.end() <= v0:
            gap = text[m.end():v0]
            if "," not in gap and ";" not in gap and _JOINED_VERB.search(gap) is None:
                return True
        elif m.start() < v1:
            return True
        elif _AFTER_COPULA.fullmatch(text, v1, m.start()):
            return True
    return False


def retracted(lex: Lexicon, text: str) -> bool:
    """Whether a contrast after a fact takes it back ("…, but Beijing denied this"; ``retractions`` in
    ``lexicon/hedges.yaml``).

    >>> from crmgraph.extract.gazetteer import load_lexicon
    >>> retracted(load_lexicon(), ", but Beijing denied this."), retracted(load_lexicon(), " but later withdrew")
    (True, False)
    """
    pattern = derived(lex, _VerbBound).retractions
    return pattern is not None and pattern.search(text) is not None


_LEADING_SPACE: Final = re.compile(r"\s*")


def _hedges_here(text: str, word: str) -> bool:
    """Whether a hedge word is used as one in ``text`` (the clause of a relation).

    Written in lower case (or in capitals, as in a headline) it is; capitalised, only as the clause's first word
    and not before a number: within a sentence "May" is the month ("on 19 May", "in May 2023") or a name.

    >>> _hedges_here("Kazakhstan may join", "may"), _hedges_here("signed on 19 May in Xi’an", "may")
    (True, False)
    >>> _hedges_here("May 2023 saw a summit", "may"), _hedges_here("MAY SIGN", "may")
    (False, True)
    """
    leading = _LEADING_SPACE.match(text)  # (it matches any text, if only the empty string)
    first = leading.end() if leading else 0
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", text, re.IGNORECASE):
        written = m.group()
        if written.islower() or (written.isupper() and len(written) > 1):
            return True
        if m.start() == first and not text[m.end():m.end() + 6].lstrip()[:1].isdigit():
            return True
    return False


#: what follows the name in an author–year citation: "(Eurasianet, 2024)", "(Goethals 2024; …)"
_CITATION_TAIL: Final = re.compile(r",?\s+(?:19|20)\d\d[a-z]?\s*[);,]")


def _cites(text: str, m: Mention) -> bool:
    """Whether ``m`` names the source of an author–year citation, which is no party to what the sentence says.

    >>> text = "China is a supplier of electric vehicles in Central Asia (Eurasianet, 2024)."
    >>> start = text.index("Eurasianet")
    >>> _cites(text, Mention(start, start + 10, "eurasianet", "MediaOutlet", "name", 1.0))
    True
    """
    opens = text[max(0, m.start - 1):m.start] == "(" or text[max(0, m.start - 2):m.start] == "; "
    return opens and _CITATION_TAIL.match(text, m.end) is not None


#: right before a role noun that a possessive owns: "Kazakhstan’s (largest) …"
_OWNED_ROLE: Final = re.compile(r"\w(?:’|')s\s+(?:[a-z-]+\s+){0,3}$")
#: before a trigger noun: a possessive pronoun ("during his state visit to Italy")
_PRONOUN_POSSESSIVE: Final = re.compile(r"\b(?:his|her|their)\s+(?:[a-z-]+\s+){0,2}$")
#: between a name and a possessive in apposition to it: "Tim Gitzel, Cameco's president"
_APPOSITION_COMMA: Final = re.compile(r",\s+")
#: between a role and the name it is given to: "chief executive Meirzhan Yussupov", "chief executive, Tim Gitzel,"
_NAME_AFTER_ROLE: Final = re.compile(r",?\s+")
#: right before a name: an indefinite article, which makes it qualify a noun ("a C5+1 meeting", "an EU delegation")
_INDEFINITE_BEFORE: Final = re.compile(r"\b(?:a|an|A|An)\s$")
#: a copula, perhaps with an adverb
_COPULA: Final = (r"(?:is|are|was|were|remains|remain|remained|has\s+been|have\s+been|had\s+been|has\s+become|became)"
                  r"(?:\s+(?:now|also|still|again|already))?")
#: right before a name: a copula ("is Kazakhstan's largest producer")
_COPULA_BEFORE: Final = re.compile(r"\b" + _COPULA + r"\s+(?:the\s+)?$")
#: from a possessor to a trigger: the possessive and words of rank ("’s largest", "’s second-largest")
_SCOPE_GAP: Final = re.compile(r"(?:’s|'s)\s+(?:(?:largest|biggest|leading|main|major|top|key|sole|only|most\s+important|"
                               r"[a-z]+-largest)\s+)*")
#: between a subject and the possessor of what it is ("X, <apposition>, is Y’s …", "X has become Y’s …", "A and B are
#: one of C's …")
_COPULA_GAP: Final = re.compile(r"(?:,[^,;()]{1,100},)?\s+" + _COPULA + r"\s+(?:one\s+of\s+)?")
#: the same with an apposition that opens with an article and lists names: ", a member of the SCO, the EAEU and the
#: CSTO, is also"
_LISTING_APPOSITION_COPULA: Final = re.compile(r",\s+(?:a|an|both|all)\s[^;()]{1,120}?,\s+" + _COPULA
                                               + r"\s+(?:one\s+of\s+)?")


def _titled_start(text: str, m: Mention, offices: list[Mention], since: int) -> int:
    """Where the name ``m`` begins with the title right before it, if one that begins at ``since`` or after is
    ("Russian President Vladimir Putin": where "Russian" begins)."""
    return min([m.start] + [f.start for f in offices if since <= f.start and f.end < m.start and text[f.end:m.start].isspace()])


def _only_gap_words(text: str, t0: int, t1: int, objects: list[Mention], allowed: frozenset[str],
                    scopes: list[Mention]) -> bool:
    """Whether the words inside a trigger, between its first and its last word and outside the objects' names, are all
    ``allowed`` (the rule's ``gap_words``, in lower case) or the possessive of one of ``scopes`` ("is Kazakhstan’s
    largest uranium producer": the state is where, like "the world’s")."""
    words = list(_GAP_WORD.finditer(text, t0, t1))[1:-1]
    # (an amount is no word: "accounted for 48% of global antimony production")
    return all(w.group().lower() in allowed or w.group().isdigit()
               or any(o.start <= w.start() and w.end() <= o.end for o in objects)
               or any(s.start <= w.start() and w.end() <= s.end + 2 and text.startswith(POSSESSIVE_ENDINGS, s.end)
                      for s in scopes)
               for w in words)


_GAP_WORD: Final = re.compile(r"[\w’'-]+")


def sentence_date(rec: Recognition, view: SentenceView, since: int | None = None, upto: int | None = None,
                  fact: tuple[int, int] | None = None) -> str | None:
    """The date a sentence gives its fact at ``fact`` (by default, its main clause): the one it names
    (:func:`~crmgraph.extract.dates.explicit_date`), or one relative to the document's ("last month") that stands
    between ``since`` and ``upto`` (the fact's clause: in "…produces 40%, up from 38% last year" the year is the
    comparison's)."""
    at = view.start if since is None else since
    t0, t1 = fact or (at, at)
    return explicit_date(rec.text, view.start, view.end, t0, t1, rec.lex) or dated_by_document(
        rec.text, at, view.end if upto is None else upto, rec.doc_date, rec.lex)


def sentence_relations(rec: Recognition, view: SentenceView, citation_index: dict,
                       citations_in: Callable[[str, dict], list[str]]) -> list[Proposal]:
    lex, text = rec.lex, rec.text
    args = [m for m in view.mentions if not m.nested and m.kind not in ("definition",)]
    if "(" in view.text:
        # (nor a place in brackets that qualifies the name before it: "IREL (India) Limited", "Cameco (Canada)")
        args = [m for m in args if not _cites(text, m) and not (
            m.type in _PLACE_TYPES and text.startswith(")", m.end) and _NAME_BRACKET_BEFORE.search(text, max(0, m.start - 40), m.start))]
    # "Korean companies": the nationals, not the state. They are no argument, and no name before them is the subject
    # of a verb after them ("…, and Chinese mining firms invest in Kyrgyzstan": not Kazakhstan, named earlier)
    private_starts: list[int] = []
    if any(m.kind == "demonym" for m in args):
        private = _private_regex(lex)
        private_starts = [m.start for m in args if m.kind == "demonym" and private.match(text, m.end)]
        if private_starts:
            args = [m for m in args if m.start not in private_starts]
    # "The French president held talks with …", "The US President met …": an officer the sentence does not name, not
    # the state (a name after the title makes the demonym or state its modifier, no argument: "French President Macron")
    polities = [m for m in args if m.kind == "demonym" or m.type in _POLITIES]
    if polities and view.may_hold(derived(lex, _officer_words)):
        officer = derived(lex, _compile_officers)
        officers = [m for m in polities if officer.match(text, m.end)]
        if officers:
            args = [m for m in args if m not in officers]
    # "Companies from South Korea and Japan", "investors from Canada": the nationals again, named by their state
    nationals = [m for m in args if m.type in _POLITIES and text.endswith(_FROM_OR_OF, max(view.start, m.start - 9), m.start)]
    if nationals and (view.tokens is None or not derived(lex, _private_nouns).isdisjoint(map(str.lower, view.tokens))):
        nationals = [m for m in nationals if _after_nationals(lex, text, max(view.start, m.start - 40), m.start)]
    else:
        nationals = []
    if nationals:
        listed = _listed_after(text, args, nationals)
        args = [m for m in args if m not in listed]
    if len(args) < 2 and not any(m.kind == "pair" for m in args):
        return []
    out: list[Proposal] = []
    # what some readings of a subject need the sentence to have (most have none of it), looked up at first need
    relative_words = gerund = set_off = False
    looked_up = False
    # the sentence's date, places and citations, found when a rule first needs them
    context_found = False
    told_by_hearsay: bool | None = None  # whether anonymous sources tell the sentence, looked up at first need
    # (clause end, relative clauses left out) -> the date relative to the document's the clause gives
    relative_dates: dict[tuple[int, tuple[tuple[int, int], ...]], str | None] = {}
    places: list[Mention] = []
    cites: list[str] = []
    present = {m.type for m in args}
    offices = [m for m in view.mentions if m.type == "Office"]
    if "pair" in {m.kind for m in args}:
        present |= {"State", "Region", "IntergovernmentalOrganisation", "Leader"}
    for rule in _ruleset(lex).candidates(view.text, view.folded, view.tokens):
        mode, subj_ok, obj_ok = rule.mode, rule.subject_set, rule.object_set
        if subj_ok.isdisjoint(present) or (obj_ok and obj_ok.isdisjoint(present) and mode not in ("assist", "passive-adopt")):
            continue
        if mode in ("assist", "passive-adopt") and subj_ok.isdisjoint(present) and obj_ok.isdisjoint(present):
            continue
        # a match that tells nothing hides no match inside it ("• Reserves: Turkmenistan has reserves of uranium":
        # the label's "Reserves" reaches to "of", and the verb's "reserves of" is the trigger): the next search
        # starts after a match only when it gave a fact
        search_from = 0
        while True:
            trig = rule.scan.search(view.text, search_from)
            if trig is None:
                break
            search_from = trig.start() + 1
            t0, t1 = view.start + trig.start(), view.start + trig.end("found")
            if any(m.start < t0 < m.end for m in view.mentions):
                continue  # "the Shanghai Cooperation Organisation, together with": a name's word is no trigger
            if rule.not_after_possessive and _OWNED_ROLE.search(text, max(view.start, t0 - 40), t0):
                continue
            if mode == "after" and _PASSIVE_BY.match(text, t1) and text.endswith("ed", t0, t1):
                continue  # "Tokayev, visited by Putin in Astana, …": Putin is the visitor
            if rule.not_after_comma and text.endswith(", ", view.start, t0) and "," not in text[view.start:t0 - 2]:
                # "the Dialogue, launched at the summit, …": a participle, the name before is its object (but in
                # "Kazakhstan, together with the EU, launched …" the comma closes an insertion)
                continue
            c0, c1 = _clause_bounds(view, t0, t1) if view.clause_marks() else (view.start, view.end)
            before = [m for m in args if c0 <= m.start and m.end <= t0]
            if private_starts:
                barrier = max((s for s in private_starts if c0 <= s < t0), default=None)
                if barrier is not None:
                    before = [m for m in before if m.start > barrier]
            after = [m for m in args if t1 <= m.start and m.end <= c1]
            pairs: list[tuple[str, str, Mention, Mention]] = []
            dated_up_to = c1  # where the words that may date the fact end (before a clause that opens after it)
            joined_at: int | None = None  # where "and" joins the verb to one before it, which shares its subject
            if mode in ("between",):
                fitting = [m for m in after if m.type in obj_ok][:2]
                if len(fitting) == 2 and fitting[0].entity != fitting[1].entity:
                    pairs.append((fitting[0].entity, fitting[1].entity, fitting[0], fitting[1]))
            elif mode == "pair":
                close = [m for m in before if m.end >= t0 - 12 and m.type in subj_ok]
                if len(close) >= 2 and _HYPHEN.fullmatch(text, close[-2].end, close[-1].start):
                    pairs.append((close[-2].entity, close[-1].entity, close[-2], close[-1]))
            elif mode in ("before", "signed-by"):
                subjects = [m for m in after if m.type in subj_ok]
                if len(subjects) > 1 and _POSSESSOR_OF_NEXT.fullmatch(text, subjects[0].end, subjects[1].start):
                    subjects = subjects[1:]  # "a subsidiary of Canada’s Centerra Gold": Centerra, Canada's company
                # (and of "Kazakhstan's Ust-Kamenogorsk Titanium and Magnesium Plant", not recognised: nobody)
                subjects = [m for m in subjects if _owner_of_unnamed(text, m, after) is None]
                if rule.object_adjacent:
                    # "Kumtor Gold Company (KGC), a subsidiary of …": the name the apposition or participle follows
                    # (or the subject of a passive trigger, right before it: "Putin was received by", not "Putin’s
                    # envoy was received by")
                    objects = [m for m in before[-1:] if m.type in obj_ok
                               and (_BEFORE_APPOSITION.fullmatch(text, m.end, t0) is not None
                                    or _PASSIVE_AUXILIARY.fullmatch(text, m.end, t0) is not None
                                    or _COPULA_ARTICLE.fullmatch(text, m.end, t0) is not None)]
                else:
                    # (after the trigger, not one that may be a subject: "KATCO, which is 51% owned by Orano and 49% by
                    # Kazatomprom": with KATCO unknown, no one's)
                    objects = [m for m in before if m.type in obj_ok] or ([] if rule.object_before else
                                                                          [m for m in after if m.type in obj_ok and m.type not in subj_ok])
                    if objects and objects[-1].end <= t0 and apposition_head(text, objects[-1], t0, before) is not False:
                        # "The mine, which Rosatom sold to Kazatomprom, is owned by …": the mine is owned, not Kazatomprom
                        head = apposition_head(text, objects[-1], t0, before)
                        objects = [head] if isinstance(head, Mention) and head.type in obj_ok else []
                if subjects and objects:
                    obj = objects[-1] if objects[-1].end <= t0 else objects[0]
                    # "CNNC and CGN are among the largest buyers of Kazakh uranium": the names coordinated with the
                    # object right before the trigger, when they open the clause
                    objs = [obj]
                    if obj.end <= t0 and not rule.object_adjacent:
                        listed = _adjacent_chain(text, before, [m for m in before if m.type in obj_ok
                                                                and m.kind not in ("demonym", "pair")], t0, True)
                        if len(listed) > 1 and listed[-1] is obj and _CHAIN_LEAD.fullmatch(text, c0, listed[0].start):
                            objs = listed
                    for s in _coordinated(rec, subjects[0], subjects[1:], subj_ok, c1,
                                          in_relative=_OPENS_RELATIVE.match(text, t0) is not None):
                        for o in objs:
                            pairs.append((s.entity, o.entity, s, o))
            elif mode == "subject-list":
                subjects = [m for m in before if (m.type in subj_ok or m.kind == "pair") and not view.governed(m)]
                if rule.adjacent_subjects:
                    subjects = _adjacent_chain(text, [m for m in before if not view.governed(m)], subjects, t0,
                                               titles=derived(lex, _TitleBefore))
                    if len(subjects) > 1 and _VERB_BEFORE.search(text, c0, subjects[0].start):
                        subjects = subjects[-1:]  # "Tokayev met Xi Jinping and Putin signed …": Xi signed nothing
                if subjects and not _relative_clause_allows(text, subjects[-1], t0):
                    subjects = []
                if subjects and apposition_head(text, subjects[-1], t0, before) is not False:
                    subjects = []  # a list of subjects does not stand in an apposition: the sentence is another
                if not subjects:  # "Kazakhstan, which joined the WTO in 2015, signed …"
                    head = _relative_antecedent(text, t0, before, view.start)
                    if head is not None and (head.type in subj_ok or head.kind == "pair") and not view.governed(head):
                        subjects = [head]
                if not subjects and text.find(" it ", max(c0, t0 - 30), t0) != -1:
                    subjects = _speaker_of_it(lex, text, before, c0, t0, subj_ok)
                objs = [m for m in after if m.type in obj_ok][:1]
                if objs and rule.object_within is not None and objs[0].start - t1 > rule.object_within:
                    objs = []  # "members of the delegation to the SCO": the object is the name right after, or none
                if objs and rule.object_not_possessive and text.startswith(POSSESSIVE_ENDINGS, objs[0].end):
                    objs = []  # "is part of the EU's Global Gateway": of the Gateway, not of the EU
                if objs:  # "signed a memorandum with Kazakhstan and Uzbekistan will follow in 2024": not dated 2024
                    dated_up_to = next_clause_start(text, after, objs[0].end, c1)
                    # "a member of the EAEU, the CSTO and the SCO": every organisation listed
                    objs = _coordinated(rec, objs[0], [m for m in after if m.type in obj_ok and m.end <= dated_up_to],
                                        obj_ok, dated_up_to)
                for s in subjects[-rule.max_subjects:]:
                    members = s.members if s.kind == "pair" else (s.entity,)
                    for obj in objs:
                        for member in members:
                            pairs.append((member, obj.entity, s, obj))
                    if not objs and not obj_ok and len(members) == 2:
                        pairs.append((members[0], members[1], s, s))
                if not obj_ok:
                    coordinated = [m for m in subjects if m.kind != "pair"]
                    if len(coordinated) >= 2:
                        pairs.append((coordinated[0].entity, coordinated[1].entity, coordinated[0], coordinated[1]))
            elif mode == "possessor":
                # "Kazakhstan, the world’s largest producer of uranium, is Korea’s largest trading partner": the
                # possessor right before the trigger is the object, the subject of the copula the subject
                possessor = before[-1] if before and before[-1].end == t0 and before[-1].type in obj_ok else None
                if possessor is not None:
                    # the nearest name joined to it by a copula (or the name the possessive stands in apposition to:
                    # "said Tim Gitzel, Cameco's president") that no preposition governs, else the nearest that fits:
                    # "Kazakhstan, a member of the SCO, the EAEU and the CSTO, is also China's largest trading
                    # partner" (the SCO seems to have an apposition too)
                    chosen = nearest = None
                    for c in reversed(before[:-1]):
                        if c.type in subj_ok and c.kind != "demonym" \
                                and (_COPULA_GAP.fullmatch(text, c.end, possessor.start)
                                     or _LISTING_APPOSITION_COPULA.fullmatch(text, c.end, possessor.start)
                                     or _APPOSITION_COMMA.fullmatch(text, c.end, possessor.start)):
                            if not view.governed(c):
                                chosen = c
                                break
                            nearest = nearest or c
                    chosen = chosen or nearest
                    if chosen is not None:
                        pairs.append((chosen.entity, possessor.entity, chosen, possessor))
                        # "China and Russia are Kyrgyzstan's largest trade partners": the names listed with it
                        # (when they open the clause: not "In Kazakhstan, China and Russia are …")
                        j = k = before.index(chosen)
                        while j > 0 and before[j - 1].type in subj_ok and before[j - 1].kind != "demonym" \
                                and _COORDINATION_GAP.fullmatch(text, before[j - 1].end, before[j].start):
                            j -= 1
                        if j < k and _CHAIN_LEAD.fullmatch(text, c0, before[j].start):
                            pairs += [(x.entity, possessor.entity, x, possessor) for x in before[j:k]]
                    if not pairs and rule.subject_after and after and after[0].type in subj_ok \
                            and after[0].kind != "demonym" and _NAME_AFTER_ROLE.fullmatch(text, t1, after[0].start):
                        # "Kazatomprom's chief executive Meirzhan Yussupov": the one the role is given to
                        pairs.append((after[0].entity, possessor.entity, after[0], possessor))
            elif mode == "passive-adopt":
                objects = [m for m in before if m.type in obj_ok]
                if objects:
                    owner = _context_actor(rec, view.start, subj_ok)
                    if owner:
                        pairs.append((owner, objects[-1].entity, objects[-1], objects[-1]))
            elif mode == "assist":
                objs = [m for m in before + after if m.type in subj_ok and m.type in expand_classes(["organisation"])]
                named = [m for m in before + after if m.type in obj_ok and m.kind != "demonym"
                         and not (objs and m.entity == objs[0].entity)]
                if named:
                    # "its assistance to Afghanistan": the polity named right after "to" or "for"; when the sentence
                    # names polities otherwise ("In Tajikistan, the EBRD will provide …"), none the text spoke of
                    recipient = next((m for m in named if m.start >= t1), None)
                    if objs and recipient is not None and text.endswith((" to", " for"), t0, t1) \
                            and ARTICLE_GAP.fullmatch(text, t1, recipient.start):
                        pairs.append((objs[0].entity, recipient.entity, objs[0], recipient))
                else:
                    # the polity the text speaks of: "The Bank will provide technical assistance"
                    owner = _context_actor(rec, view.start, obj_ok)
                    if owner and any(m.entity == owner and text.startswith(POSSESSIVE_ENDINGS, m.end) for m in args):
                        owner = None  # "Germany's raw materials agency DERA will provide support": its home, not its aid's
                    if objs and owner and objs[0].entity != owner:
                        pairs.append((objs[0].entity, owner, objs[0], objs[0]))
            elif mode == "during":
                objs = [m for m in after if m.type in obj_ok][:1]
                subjects = [m for m in args if m.type in subj_ok]
                if objs and subjects:
                    pairs.append((subjects[0].entity, objs[0].entity, subjects[0], objs[0]))
            elif mode == "role":
                subjects = [m for m in after if m.type in subj_ok][:1]
                if subjects and re.search(r"infrastructure", view.text[trig.end("found"):], re.I):
                    objs = [m for m in after if m.type in obj_ok and m.start > subjects[0].end][:1]
                    if objs:
                        pairs.append((subjects[0].entity, objs[0].entity, subjects[0], objs[0]))
            else:
                subjects = [m for m in before if (m.type in subj_ok or m.kind == "pair") and not view.governed(m)]
                if subjects and _possessor_of_actor(text, subjects[-1], before):
                    subjects = []
                if before and before[-1].type in subj_ok and before[-1].kind != "demonym" and \
                        text.endswith(" and ", view.start, before[-1].start) and \
                        _SUBJECT_TO_VERB.fullmatch(text, before[-1].end, t0) and view.governor(before[-1]) not in ("", "of"):
                    # "China invests in Kazakhstan and Kyrgyzstan invests in …": a new clause (but in "Investors wary
                    # of China and Turkey invested" the noun's list goes on)
                    subjects = [before[-1]]
                if not subjects:  # "As Sadykova, a researcher at …, has argued", "in the EU’s cooperation with",
                    # "for the summit hosted by …" (not a name that a noun's "of", "to", "from" … governs: "Investors
                    # wary of China, Russia and Turkey invested in …", "Officials close to Tokayev met …"; but "Ahead
                    # of Scholz’s visit to Astana": "of" governs the visit, Scholz is its visitor)
                    subjects = [m for m in before if m.type in subj_ok and m.kind != "demonym" and (
                        view.governor(m) in _FALLBACK_GOVERNORS or text.startswith(POSSESSIVE_ENDINGS, m.end))][-1:]
                    if subjects and _possessor_of_actor(text, subjects[-1], before):
                        subjects = []
                # "Tokayev, Mirziyoyev and Japarov met Xi": names coordinated with the subject right before the verb
                # are subjects too, when they open the clause, after an article or a phrase set off by a comma ("In
                # May 2023, …"; not "Tokayev met Xi and Putin met Erdogan": Xi met nobody), and the subject stays
                # the one chosen here (no pronoun, relative clause, apposition or joined verb chose another)
                chain: list[Mention] = []
                # (the names that may be subjects: a mineral in an apposition is none, "…, three of the world's
                # largest uranium miners, met")
                free = [m for m in before if m.type in subj_ok and not view.governed(m)] \
                    if len(subjects) > 1 and subjects[-1].kind != "pair" else []
                if free and subjects[-1] is free[-1]:
                    first_word = text[t0:t1].split(None, 1)[0].lower()
                    titles = derived(lex, _TitleBefore)
                    chain = _adjacent_chain(text, free, [m for m in free if m.kind not in ("demonym", "pair")], t0,
                                            first_word.endswith("s") and first_word not in ("is", "was", "has"), titles)
                    if len(chain) < 2 or not _CHAIN_LEAD.fullmatch(text, c0, titles.start_before(text, chain[0].start)):
                        chain = []
                if mode == "within":  # "has large tungsten deposits": the object is inside the trigger's words
                    objects = [m for m in args if t0 <= m.start and m.end <= t1 and m.type in obj_ok]
                    scopes = [m for m in args if t0 <= m.start and m.end <= t1 and m.type in ("State", "Region")] \
                        if objects else []
                    if objects and not _only_gap_words(text, t0, t1, objects, rule.gap_word_set, scopes):
                        objects = []  # "has developed uranium deposits in …", "has access to lithium deposits"
                else:
                    objects = [m for m in after if m.type in obj_ok]
                    if objects and text.find(", wh", c0, t0) != -1:
                        # "A, B and C, whose leaders met in Bishkek, export … to China": a verb inside a relative
                        # clause has its objects there
                        # (when the main clause's verb follows it; not "…, which includes reserves of most CRMs, such
                        # as lithium", where the clause goes on)
                        inside = next((b for a, b in relative_clauses(text, c0, c1) if a <= t0 < b), c1)
                        if _MAIN_VERB_RESUMES.match(text, inside):
                            kept = [m for m in objects if m.end <= inside]
                            # (a list the clause's comma seemed to close goes on: "…, which produces copper, gold,
                            # silver and zinc, is …")
                            for m in objects[len(kept):]:
                                if not kept or not _COORDINATION.fullmatch(text, kept[-1].end, m.start):
                                    break
                                kept.append(m)
                            objects = kept
                    next_verb = NEXT_VERB.search(text, t1, c1) \
                        if text.find("and", t1, c1) != -1 or text.find("but", t1, c1) != -1 else None
                    if next_verb is not None:  # "met in Tashkent and signed a memorandum with Japan": not Japan met
                        objects = [m for m in objects if m.start < next_verb.start()]
                    verb_after_comma = _COMMA_VERB.search(text, t1, c1) if objects else None
                    if verb_after_comma is not None:  # "having met in Astana, invested in Kyrgyzstan": not met
                        objects = [m for m in objects if m.start < verb_after_comma.start()]
                    # "Tokayev met Xi Jinping and Putin met Erdogan": a name a verb follows opens a clause of its
                    # own; it, the names listed before it ("hosted by Kazakhstan, China and Russia signed …") and
                    # those after it are not objects (the first name after the verb always is)
                    opens = next_clause_start(text, objects[1:], t1, c1) if len(objects) > 1 else c1
                    if opens != c1:
                        dated_up_to = opens  # "… with Kazakhstan and Uzbekistan will follow in 2024"
                        k = next(i for i in range(1, len(objects)) if objects[i].start == opens)
                        # (a comma before "and" closes the list before: "met A, B and C, and Putin met …")
                        while k > 1 and not text.endswith(", and ", max(t1, objects[k].start - 6), objects[k].start) \
                                and _COORDINATION_GAP.fullmatch(text, objects[k - 1].end, objects[k].start):
                            k -= 1
                        objects = objects[:k]
                if objects and mode != "within" and after[0] is not objects[0] and after[0].type in _PLACE_TYPES \
                        and after[0].kind != "demonym" and after[0].start - t1 <= 12:
                    objects = []  # "his first visit to Central Asia as America's top diplomat": the trigger's place
                    # is the region right after it, which does not fit; not the state named later
                modifier = _POSSESSIVE_MODIFIER.match(text, objects[0].end) if len(objects) > 1 else None
                if modifier is not None and modifier.end() == objects[1].start:
                    objects = objects[1:]  # "invested in Kazakhstan's neighbour Kyrgyzstan": in Kyrgyzstan
                elif len(objects) > 1 and objects[0].type in _POLITIES and objects[1].type not in _POLITIES \
                        and text.startswith(POSSESSIVE_GAPS, objects[0].end) and objects[1].start == objects[0].end + 3:
                    objects = objects[1:]  # "supplies uranium to China's CNNC": CNNC, China's company
                # (the title may begin inside the trigger: "received President of the European Council Charles Michel")
                if objects and rule.object_within is not None \
                        and _titled_start(text, objects[0], offices, t0) - t1 > rule.object_within:
                    objects = []  # "holds 40% of X": the object is the name right after the trigger, or none
                if objects and offices:
                    # "met with the President of Turkmenistan, Serdar Berdimuhamedov": the state names the office,
                    # the person is met
                    objects = [o for o in objects if not any(f.start <= o.start and o.end <= f.end for f in offices)]
                if objects and rule.object_not_possessive and text.startswith(POSSESSIVE_ENDINGS, objects[0].end):
                    # "met Putin's aide": the aide is met, not Putin (nobody, when the aide is not named); "met
                    # China's Xi Jinping": Xi
                    objects = objects[1:2] if len(objects) > 1 and objects[1].type in _PERSON_TYPES \
                        and _POSSESSOR_OF_NEXT.fullmatch(text, objects[0].end, objects[1].start) else []
                if objects and objects[0].type == "Mineral" and _MINERAL_MODIFIES.match(text, objects[0].end):
                    objects = []  # "The visit produced a uranium deal": the deal, not uranium
                if objects and objects[0].type in _POLITIES and _PEOPLE_OF.fullmatch(text, t1, objects[0].start):
                    # "met the leaders of Kazakhstan, … and Uzbekistan – Tokayev, …, Mirziyoyev –": the leaders named
                    # after the states, when the text names them
                    named = [m for m in objects if m.type in _PERSON_TYPES and _NAMED_AFTER_DASH.search(text, t1, m.start)]
                    if named:
                        objects = named
                if subjects and text.startswith(POSSESSIVE_ENDINGS, subjects[-1].end) \
                        and _COPULA_BEFORE.search(text, max(view.start, subjects[-1].start - 30), subjects[-1].start) \
                        and _SCOPE_GAP.fullmatch(text, subjects[-1].end, t0):
                    # "Kazatomprom is Kazakhstan's largest producer of uranium", "it is the country's largest
                    # producer of": the possessor is the scope; the subject of the copula is the producer
                    scope = subjects[-1]
                    subjects = [c for c in before if c.end <= scope.start and c.type in subj_ok and c.kind != "demonym"
                                and _COPULA_GAP.fullmatch(text, c.end, scope.start)][-1:]
                    scoped = True
                else:
                    scoped = False
                antecedent = _relative_subject(text, t0, before)
                if antecedent is not False:
                    subjects = [antecedent] if isinstance(antecedent, Mention) and antecedent.type in subj_ok \
                        and antecedent.kind != "demonym" else []
                if subjects:
                    head = apposition_head(text, subjects[-1], t0, before)
                    if head is not False:  # the apposition's head is the subject, if it may be one
                        subjects = [head] if isinstance(head, Mention) and head.type in subj_ok and not view.governed(head) else []
                join = _JOINED_WITH_TIME.search(text, max(view.start, t0 - 45), t0) \
                    if subjects and _JOINS.search(text, max(view.start, t0 - 45), t0) else None
                pronoun = _PRONOUN_SUBJECT.search(text, max(view.start, t0 - 40), t0) \
                    if subjects and not _PRONOUNS.isdisjoint(text[max(view.start, t0 - 40):t0].split()) else None
                resolved = next((m for m in before if m.kind == "backref" and m.start == pronoun.start("who")), None) \
                    if pronoun is not None else None
                if resolved is not None:  # "In Astana he met …": the pronoun the back-references resolved
                    subjects = [resolved] if resolved.type in subj_ok else []
                elif pronoun is not None:
                    # "…, where he met Macron", "Kazatomprom said it supplies …": the pronoun is the subject, and
                    # stands for the subject of the verb before it when it may ("he" a person, "it" no person)
                    persons = pronoun.group("who").lower() in ("he", "she")
                    subjects = [m for m in before if m.end <= pronoun.start() and m.type in subj_ok
                                and m.kind not in ("demonym", "pair") and not view.governed(m)
                                and (m.type in _PERSON_TYPES) == persons
                                and _VERB_NEXT.match(text, m.end, pronoun.start())][-1:] \
                        if pronoun.group("who").lower() in ("he", "she", "it") else []
                elif join is not None and subjects[-1].end < t0 - 4:
                    # "Tokayev met Xi Jinping in Astana and visited Tashkent": the joined verb shares the subject of
                    # the verb before it, the last name a verb follows (none when no name is followed by one)
                    joined_at = join.start()
                    subjects = [m for m in before if m.type in subj_ok and m.kind != "demonym" and not view.governed(m)
                                and _VERB_NEXT.match(text, m.end, joined_at)][-1:]
                if subjects and subjects[-1].type not in _POLITIES and subjects[-1].kind != "pair" \
                        and _PAST_VERB.match(text, t0, t1) and (
                        _OWNED_BY_SUBJECT.fullmatch(text, subjects[-1].end, t0)
                        or _complement_of(lex, text, max(view.start, subjects[-1].start - 50), subjects[-1].start)):
                    # "Tokayev's government invested", "Kazatomprom's subsidiary invested", "The wife of President
                    # Mirziyoyev visited": the name modifies the subject of the verb, it is not the subject (with a
                    # noun, "Yoon’s state visits to", the possessive names the subject)
                    subjects = []
                owned_name = _owner_of_unnamed(text, subjects[-1], before) if subjects else None
                if owned_name is not None and owned_name.end() <= t0:
                    # "Saudi Arabia's ACWA Power has invested", "the UAE's Masdar are large investors in": the company
                    # the text names (not recognised here: nobody), not the state
                    subjects = []
                noun_lo = max(view.start, t0 - 50)
                owned_noun = _POSSESSOR_BEFORE.search(text, noun_lo, t0) if subjects and not scoped and (
                    text.find("’", noun_lo, t0) != -1 or text.find("'", noun_lo, t0) != -1) else None
                if owned_noun is not None and owned_noun.group("owner").lower() not in _SCOPE_WORDS \
                        and not owned_noun.end("owner") <= subjects[-1].end <= owned_noun.end("owner") + 1:
                    subjects = []  # "Tokayev, during the French leader's visit to Astana": the leader visits
                if subjects and joined_at is None and text.find(", ", max(view.start, subjects[-1].start - 12),
                                                                 subjects[-1].start) != -1 \
                        and _OWN_CLAUSE.search(text, max(view.start, subjects[-1].start - 12), subjects[-1].start):
                    joined_at = subjects[-1].start  # "…, and Mirziyoyev visited Beijing in January": its own date
                elif subjects and joined_at is None and text.endswith((" and ", " but ", " while ", " whereas "),
                                                                      max(view.start, subjects[-1].start - 9),
                                                                      subjects[-1].start) \
                        and subjects[-1].start > c0 and _SUBJECT_TO_VERB.fullmatch(text, subjects[-1].end, t0) \
                        and not _listed_with_previous(text, subjects[-1], before):
                    # "Tokayev visited Paris in November 2023 and Macron visited Astana a few weeks earlier": the
                    # name and its verb open a clause, which has a date of its own (here none); not so the last of
                    # a list of subjects ("In 2023 Japan and Korea invested …")
                    joined_at = subjects[-1].start
                pronoun_lo = max(view.start, t0 - 30)
                if subjects and subjects[-1].end < t0 - 4 and (text.find("his ", pronoun_lo, t0) != -1
                                                               or text.find("her ", pronoun_lo, t0) != -1
                                                               or text.find("their ", pronoun_lo, t0) != -1) \
                        and _PRONOUN_POSSESSIVE.search(text, pronoun_lo, t0):
                    # "Tokayev held talks with Meloni during his state visit to Italy": the visit is the clause's
                    # subject's, the first person a verb follows
                    subjects = [m for m in before if m.type in subj_ok and m.kind not in ("demonym", "pair")
                                and not view.governed(m) and _VERB_NEXT.match(text, m.end, t0)][:1]
                if subjects and subjects[-1].kind != "pair" and text.endswith(("a ", "n ", "A "), 0, subjects[-1].start) \
                        and _INDEFINITE_BEFORE.search(text, max(view.start, subjects[-1].start - 4), subjects[-1].start):
                    subjects = []  # "participated in a C5+1 ministerial meeting with": the name qualifies the noun
                if subjects and rule.subject_gap_regex is not None \
                        and not rule.subject_gap_regex.fullmatch(text, subjects[-1].end, t0):
                    subjects = []  # "Tokayev met the CEO of Orano": the role is not the subject's own
                if objects and objects[0].type not in _PERSON_TYPES and objects[0].type != "State" \
                        and text.endswith(_OF_OR_AT, max(t1, objects[0].start - 40), objects[0].start) \
                        and derived(lex, _role_of).search(text, max(t1, objects[0].start - 40), objects[0].start):
                    objects = []  # "met the CEO of Orano", "met X, President of the EBRD": the officer, not Orano
                if objects and objects[0].type not in _PERSON_TYPES and _role_after(lex, text, objects[0].end):
                    # "met Rosatom head Alexei Likhachev": the person is met, not Rosatom (nobody, when not recognised)
                    objects = objects[1:2] if len(objects) > 1 and objects[1].type in _PERSON_TYPES \
                        and _role_after(lex, text, objects[0].end, objects[1].start) else []
                if objects and objects[0].kind == "demonym" and _TITLED_NAME_AFTER.match(text, objects[0].end):
                    # "met Uzbek Energy Minister Jurabek Mirzamakhmudov": the minister is met (nobody, when the name
                    # was not recognised), not Uzbekistan
                    objects = objects[1:2] if len(objects) > 1 and objects[1].type in _PERSON_TYPES \
                        and objects[1].start - objects[0].end < 40 else []
                if subjects and pronoun is None and _speech_between(lex, text, subjects[-1].end, t0):
                    subjects = []  # "Tokayev said his country exports …", "called on Japan to invest": not his act
                if subjects and text.startswith(POSSESSIVE_ENDINGS, subjects[-1].end) \
                        and text.find(" and ", subjects[-1].end, t0) != -1:
                    # "Kazzinc is Kazakhstan's largest zinc producer and a major producer of lead": the possessor of
                    # the noun before "and" is not the one the trigger's noun describes
                    subjects = []
                if subjects and not looked_up:
                    looked_up = True
                    sentence = view.text
                    relative_words = "wh" in sentence or "that" in sentence
                    gerund = "ing " in sentence
                    set_off = "(" in sentence or "–" in sentence or "—" in sentence
                if subjects and (relative_words or gerund or subjects[-1].end <= t0 - 4) \
                        and _not_the_subject(text, subjects[-1], t0, before, max(c0, subjects[-1].start - 40),
                                             max(view.start, subjects[-1].start - 40), relative_words, gerund):
                    # "The minister who met Putin in Sochi later visited Beijing": Putin is met; "Rosatom, whose
                    # subsidiary Uranium One mines uranium": the subsidiary mines
                    subjects = []
                if subjects and set_off:
                    subjects = _outside_brackets(text, subjects, before, subj_ok, c0, t0)
                unnamed = _UNNAMED_SUBJECT.search(text, max(subjects[-1].end, t0 - 80), t0) \
                    if subjects and joined_at is None and pronoun is None and subjects[-1].end < t0 - 6 \
                    and (text.find(" and ", subjects[-1].end, t0) != -1 or text.find(",", subjects[-1].end, t0) != -1
                         or text.find(" but ", subjects[-1].end, t0) != -1) else None
                if unnamed is not None and not _COORDINATION_GAP.fullmatch(text, subjects[-1].end, unnamed.start("name")) \
                        and not any(unnamed.start("name") < m.end and m.start < unnamed.end("name") for m in before):
                    subjects = []  # (but "Tokayev, Mirziyoyev and Japarov met Xi": a list of subjects, one unknown)
                if subjects and subjects[-1].kind != "pair" and text.endswith(" or ", max(view.start, subjects[-1].start - 4),
                                                                               subjects[-1].start):
                    subjects = []  # "Kazakhstan or Uzbekistan will invest …": one of them may, neither is said to
                if subjects and objects:
                    s = subjects[-1]
                    subject_ids = s.members if s.kind == "pair" else (s.entity,)
                    named = chain if chain and chain[-1] is s and pronoun is None and joined_at is None else [s]
                    listed = list(_coordinated(rec, objects[0], objects[1:], obj_ok, c1,
                                               frozenset(m.entity for m in before), _last_word(text, t0, t1)))
                    if (len(named) > 1 or len(listed) > 1) and _RESPECTIVELY.search(text, c0, c1):
                        # "Japan and Korea invested in Kazakhstan and Uzbekistan respectively": one to one, in order
                        # (none when the lists differ in length: a name of one may not have been recognised); but
                        # with one object and amounts paired, each subject with it: "Kazakhstan and Uzbekistan
                        # produced 21,000 and 4,000 tonnes of uranium respectively"
                        if s.kind == "pair":
                            pairings = []
                        elif len(listed) == 1 and _AMOUNTS_PAIRED.search(text, t0, c1):
                            pairings = [(n, listed[0]) for n in named]
                        else:
                            pairings = list(zip(named, listed)) if len(named) == len(listed) else []
                    else:
                        pairings = [(n, o) for o in listed for n in named]
                    for n, o in pairings:
                        for sid in (subject_ids if n is s else (n.entity,)):
                            # ("financing for the five states": each of them)
                            for oid in (o.members if o.kind == "pair" else (o.entity,)):
                                pairs.append((sid, oid, n, o))
            if not pairs:
                continue
            search_from = trig.end("found")
            if not context_found:
                context_found = True
                places = [m for m in args if m.type == "Place"]
                cites = citations_in(view.text, citation_index) if citation_index else []
            lead = (view.start, view.clause_marks()[0][0]) if c0 > view.start else None
            # a date relative to the document's, in the trigger's clause: worked out when a fact has no date of its own
            relative_date: str | None = None
            relative_dated = not rec.doc_date
            scope_end = c1
            taken_back = False
            # "a partnership between A and B could …", "talks on a partnership between A and B": an indefinite noun
            # phrase does not presuppose its relation, it speaks of one; it is read as the clause says, for review
            indefinite = mode in ("between", "pair") and _INDEFINITE.search(text, max(view.start, t0 - 30), t0) is not None
            # (a relative clause or an apposition holds whatever the main clause's verb says: "Xi is expected to
            # visit Astana for the summit of the SCO, whose members include China, …")
            aside = bool(pairs) and _OPENS_RELATIVE.match(text, t0) is not None
            if (mode in ("between", "pair") and pairs and not indefinite) or aside \
                    or (mode == "possessor" and pairs and all(sm.start >= t1 or _APPOSITION_COMMA.fullmatch(text, sm.end, om.start)
                                                              for _, _, sm, om in pairs)):
                # a noun phrase ("the rivalry between A and B", "Kazatomprom's chief executive Meirzhan Yussupov", an
                # apposition: "Tim Gitzel, Cameco's chief executive, said …") presupposes the relation: the hedges
                # and negations of the verb that follows it do not bear on it, unless it unmakes it ("… has never
                # existed")
                scope_end = max(t1, max(max(sm.end, om.end) for _, _, sm, om in pairs))
                rest_end = _CONTRAST.search(text, scope_end, c1)
                taken_back = unmade(lex, text[scope_end:rest_end.start() if rest_end else c1])
            fact_end = max(t1, max(om.end for _, _, _, om in pairs))
            contrast = _CONTRAST.search(text, fact_end, scope_end)
            if contrast is not None:
                # "signed a memorandum in 2018 but later withdrew": what the contrast adds does not unsay the fact,
                # unless it takes it back ("…, but Beijing denied this")
                taken_back = taken_back or retracted(lex, text[contrast.start():scope_end])
                scope_end = contrast.start()
            # a clause after a colon or an opening quotation mark is framed by what leads to it: "It is not true
            # that “China invested …”", "Analysts say it may be so: China has invested …"
            scope_start = view.start if c0 > view.start and text[c0 - 1] in ":“" else c0
            if aside:
                scope_start = t0
            if taken_back:
                factor, review = 0.3, True
            elif scope_end == c1 and not view.may_hedge():  # (a name may end inside a word: then split it)
                factor, review = 1.0, False
            else:
                factor, review = hedge(lex, text[scope_start:scope_end], (t0 - scope_start, fact_end - scope_start))
            if factor > 0.5 and rule.predicate in _EVENT_PREDICATES and \
                    to_come(lex, text[scope_start:scope_end], (t0 - scope_start, fact_end - scope_start)):
                factor, review = 0.5, True  # "Tokayev will pay a state visit to Japan": not yet a visit
            if indefinite and factor > 0.7:
                factor, review = 0.7, True
            if factor > 0.6 and "?" in view.text and _QUESTION_END.search(view.text):
                factor, review = 0.6, True  # "Will China invest in Tajikistan?" asks, it does not tell
            if factor > 0.6:
                if told_by_hearsay is None:
                    told_by_hearsay = view.may_hold(derived(lex, _Hearsay).tokens) \
                        and hearsay(lex, view.text, frozenset(m.end - view.start for m in view.mentions))
                if told_by_hearsay:
                    factor, review = 0.6, True  # "Diplomats say Tokayev met Xi Jinping": anonymous sources
            if factor > 0.3 and rule.predicate in _STATE_PREDICATES and _no_longer(lex, text, scope_start, scope_end, t0, t1,
                                                                                    rule.predicate):
                factor, review = 0.3, True  # "Until 2022, the company also produced uranium": no longer
            concerns = []
            if rule.concerns:
                concerns = [m.entity for m in args if m.type in ("Mineral", "Topic") and c0 <= m.start < c1]
            for sid, oid, sm, om in pairs:
                if sid == oid:
                    continue
                place = None
                if rule.predicate in ("meetsWith", "partyTo", "visits", "participatesIn", "speaksAt") and places:
                    place = _fact_place(text, places, c0, c1, t0, t1, om)
                conf = rule.confidence * factor
                if sm.kind in ("backref", "pair") or om.kind in ("backref", "pair"):
                    # a back-reference is as sure as its resolution ("the two sides" after four states is not)
                    conf *= 0.85 if min(sm.confidence, om.confidence) >= 0.6 else 0.55
                if sm.kind == "demonym" or om.kind == "demonym":
                    conf *= 0.8
                # the date of the verb's clause; of the object's phrase when the clause names two
                # (a joined verb's from its own words: "received Putin in 2022 and later visited Beijing")
                if aside:
                    # (a relative clause or apposition is dated by its own words only: "Russia and Kazakhstan, both
                    # members of the EAEU, have deepened cooperation six months after Putin's visit in November 2023")
                    fact_date = find_date(text[t0:fact_end])
                else:
                    fact_date = explicit_date(text, c0 if joined_at is None else joined_at, dated_up_to, t0,
                                              max(t1, om.end), lex,
                                              lead if joined_at is None else None,
                                              rule.predicate in _EVENT_PREDICATES)
                if fact_date is None and not aside:
                    if not relative_dated:
                        relative_dated = True
                        relative_end = clause_end(text, t1, view.end)
                        # not a relative clause's ("Tokayev and Mirziyoyev, who met Xi in May, visited Moscow")
                        others = tuple(span for span in relative_clauses(text, view.start, relative_end)
                                       if not span[0] <= t0 < span[1])
                        if (relative_end, others) not in relative_dates:
                            relative_dates[relative_end, others] = dated_by_document(
                                blank_spans(text, others) if others else text, view.start, relative_end,
                                rec.doc_date, lex, view.may_hold(relative_phrase_words(lex), relative_end))
                        relative_date = relative_dates[relative_end, others]
                    fact_date = relative_date
                if fact_date is not None and fact_date == rec.doc_date \
                        and COUNTED_FROM.search(text, max(view.start, t0 - 60), t0) is not None:
                    # a fact that another is dated from ("PARIS, May 10 - … six months after Macron's visit to the
                    # country"): the dateline is not its day
                    fact_date = None
                out.append(Proposal(sid, rule.predicate, oid, view.start, view.end, rule.name, rounded(conf),
                                    needs_review=review or conf < 0.6, date=fact_date, place=place,
                                    concerns=[c for c in concerns if c not in (sid, oid)] if concerns else [],
                                    citation=list(cites)))
    return out


def _said_it_pattern(lex: Lexicon) -> re.Pattern:
    """Between an organisation's name and a verb of its own act: it announces the act ("Kazatomprom said on Tuesday
    it had signed …", "Orano announced that it has acquired …")."""
    verbs = "|".join(sorted(lex.speech_verbs, key=len, reverse=True)) or "(?!)"
    return re.compile(r"\s+(?:also\s+)?(?:" + verbs + r")(?:\s+(?:on|last)\s+[A-Z]?[a-z]+)?(?:\s+that)?\s+it\s+"
                      r"(?:(?:has|had|have|also|jointly|now|recently|already)\s+){0,2}")


def _speaker_of_it(lex: Lexicon, text: str, before: list[Mention], c0: int, t0: int,
                   subj_ok: frozenset[str]) -> list[Mention]:
    """The organisation that announces its own act with "it": "Kazatomprom said on Tuesday it had signed …" (none for a
    person, whom "it" does not stand for)."""
    for m in reversed(before):
        if m.start < c0:
            break
        if m.end < t0 and m.type in subj_ok and m.type not in _PERSON_TYPES and m.kind not in ("demonym", "pair") \
                and derived(lex, _said_it_pattern).fullmatch(text, m.end, t0):
            return [m]
    return []


#: the relations that tell an event, not a state: "since 2019" begins no meeting ("for the first time since 2019")
_EVENT_PREDICATES: Final = frozenset({"meetsWith", "visits", "partyTo", "participatesIn", "speaksAt"})
#: the predicates of a state of affairs, which may have ended
_STATE_PREDICATES: Final = frozenset({"produces", "owns", "memberOf", "observerOf", "hasReserves", "suppliesTo", "basedIn",
                                      "tradePartnerOf", "investsIn", "exportsTo"})


class _EndedWords:
    """``ended_until`` and ``ended_before_verb`` of ``lexicon/hedges.yaml``, compiled."""

    def __init__(self, lex: Lexicon) -> None:
        until = sorted(lex.ended_until, key=len, reverse=True)
        self.until = re.compile(r"\b(?i:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in until)
                                + r")\s+(?:the\s+)?(?:(?:early\s+|late\s+|mid-)?\d{4}s?|recently|last\s+year)\b") if until else None
        before = sorted(lex.ended_before_verb, key=len, reverse=True)
        self.before_verb = re.compile(r"\b(?i:" + "|".join(map(re.escape, before)) + r")\s+(?:also\s+)?$") if before else None


#: the states that a verb in the past perfect tells as ended ("had held", "had been a member of")
_HELD_STATES: Final = frozenset({"owns", "memberOf", "observerOf", "produces", "basedIn", "hasReserves"})


def _no_longer(lex: Lexicon, text: str, start: int, end: int, t0: int, t1: int, predicate: str) -> bool:
    """Whether the fact whose verb is at ``[t0, t1)``, in the past, of the clause ``[start, end)`` is a state of
    affairs that has ended: "until 2022" in its clause, "once" right before its verb, or its verb in the past
    perfect ("had held")."""
    if not (_PAST_VERB.match(text, t0, t1) or text.startswith(("was ", "were ", "had "), t0)):
        return False
    if predicate in _HELD_STATES and (text.startswith("had ", t0) or text.endswith("had ", max(start, t0 - 4), t0)) \
            and not _reported_before(lex, text, start, t0):
        # "Kyrgyzaltyn, which had held about 26% of Centerra's shares, …": held no more (but "Erdogan said Turkey had
        # invested …" tells the past of a report)
        return True
    words = derived(lex, _EndedWords)
    return (words.until is not None and words.until.search(text, start, end) is not None) or (
        words.before_verb is not None and words.before_verb.search(text, max(start, t0 - 20), t0) is not None)


def _reported_before(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether a reporting verb stands in ``text[start:end]``."""
    reporting = derived(lex, reporting_verbs)  # (after one, the past perfect is the report's past)
    return reporting is not None and reporting.search(text, start, end) is not None


def _role_after(lex: Lexicon, text: str, start: int, person: int | None = None) -> bool:
    """Whether a role and a capitalised name follow an organisation's name at ``start``: "Rosatom head Alexei
    Likhachev", "Orano chief executive Nicolas Maes" name its officer. With ``person``, the role must end where the
    person's name begins."""
    m = derived(lex, _role_gap).match(text, start)
    return m is not None and (m.end() == person if person is not None else True)


def _officer_roles(lex: Lexicon) -> str:
    """The lexicon's roles and the words for who leads an organisation, as one alternation (the longer first)."""
    roles = sorted({*lex.roles, "chief", "boss", "president", "vice-president"}, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(r) for r in roles) + ")"


def _role_of(lex: Lexicon) -> re.Pattern:
    """A role before an organisation's name: "the CEO of", "President of the", "head of research at"."""
    return re.compile(r"\b" + _officer_roles(lex) + r"\s+(?:of|at)\s+(?:the\s+)?$")


def _role_gap(lex: Lexicon) -> re.Pattern:
    """A role between an organisation's name and its officer's: "Rosatom head Alexei …", "Orano's CEO Nicolas …"."""
    return re.compile(r"(?:’s|'s|’|')?\s+(?:(?:deputy|acting|former|new)\s+)?" + _officer_roles(lex) + r"\s+(?=[A-Z])")


def _speech_between(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether a verb of speech (``lexicon/speech.yaml``) stands in ``text[start:end]``, between a subject and the
    verb of a fact: the fact is reported, and the name before it is the speaker's ("Tokayev said his country
    exports …")."""
    if end - start < 5:
        return False
    pattern = derived(lex, _speech_pattern)
    if pattern is not None and pattern.search(text, start, end) is not None:
        return True
    # "… ordered the government to expand production of potash": the order's, not the subject's act
    directed = derived(lex, _directive_pattern)
    return directed is not None and directed.search(text, start, end) is not None


def _directive_pattern(lex: Lexicon) -> re.Pattern | None:
    """A verb of directing (``directives`` in ``lexicon/speech.yaml``), its object and "to" ("ordered the government
    to")."""
    return re.compile(r"(?<![\w’'-])(?:" + phrase_alternation(lex.directives)
                      + r")\s+(?:[\w’'-]+\s+){1,5}?to\s+[a-z]") if lex.directives else None


def _speech_pattern(lex: Lexicon) -> re.Pattern | None:
    verbs = sorted(lex.speech_verbs, key=len, reverse=True)
    # followed by what opens a reported clause or a request ("said that", "said his country", "called on Japan to");
    # "announced a partnership with …" is the subject's own act
    return re.compile(r"(?<![\w’'-])(?:" + "|".join(map(re.escape, verbs)) + r")(?:\s*[:,]|\s+(?:that|on|upon|his|her|"
                      r"its|their|our)\b)") if verbs else None


#: what puts a place as the scene of a fact: "in Beijing", "at Astana", "In Astana, …", "in the Uzbek city of
#: Samarkand", "in the Kazakh capital, Astana"
_AT_PLACE: Final = re.compile(r"(?i:\bin|\bat)\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*\s+){0,2}(?i:city|capital|town|region|"
                              r"province|oblast)(?:\s+of|,)?\s+)?$")
#: between a fact's verb and a place after it: a phrase that the place belongs to ("a memorandum on a lithium plant
#: in Shymkent", "talks about a mine in Kyrgyzstan"), not the fact ("on the sidelines of … in Astana" is its scene)
_NOUN_PHRASE_BETWEEN: Final = re.compile(r"\b(?:on|for|about|concerning|regarding|of|to\s+build|to\s+develop)\s+"
                                         r"(?:(?:a|an|the|its|their|his|her|new)\s+)?(?!sidelines\b|margins\b)[a-z]")
#: a scene that a place after it may be the place of: "at COP27 in Sharm el-Sheikh", "at a summit in Washington"
_SCENE: Final = re.compile(r"\s(?:at|during|on\s+the\s+(?:sidelines|margins)\s+of)\s")


def _governed_by_noun(text: str, start: int, end: int) -> bool:
    """Whether the place right after ``text[start:end]`` belongs to a noun's phrase in it ("a memorandum on a
    lithium plant in Shymkent"), from the last scene it names on ("… on raw materials at COP27 in Sharm el-Sheikh"
    is at COP27)."""
    scenes = list(_SCENE.finditer(text, start, end))
    return _NOUN_PHRASE_BETWEEN.search(text, scenes[-1].end() if scenes else start, end) is not None


#: a comma that opens another phrase, not the next name of a list: ", a day after …", ", as he had done in …"
#: (not a comma of a list, "on raw materials, batteries and …", nor an apposition, "the Kazakh capital, Astana")
_OTHER_PHRASE: Final = re.compile(r",(?![^()]*\))\s+(?:as|a|an|the|which|who|whose|where|while|whereas|when|after|before|"
                                  r"following|than|but|yet|although|though|having|including|modelled|and\s+(?:in|at))\b")
#: a place that a relative clause after it happens in: "a summit in Washington, where Kazakhstan and … signed"
_WHERE: Final = re.compile(r",\s+where\s[^,]*$")
#: a clause that opens with its scene: "In Astana, …", "At the Akorda in Astana, …"
_OPENS_WITH_SCENE: Final = re.compile(r"[\s*•·(-]*(?i:in|at)\s")


def _fact_place(text: str, places: list[Mention], c0: int, c1: int, t0: int, t1: int, obj: Mention) -> str | None:
    """Where the fact at ``[t0, t1)`` took place: its object when that is a place ("visited Samarkand"), or the place
    after "in" or "at" in its clause nearest after its verb, or else nearest before it; not a place of another verb's
    phrase ("met Xi Jinping in Beijing, a day after Mirziyoyev met Putin in Moscow": Moscow for the second meeting;
    "Having studied in Moscow, Tokayev met …"), of a phrase the object's noun governs ("signed a memorandum on a
    lithium plant in Shymkent"), nor of a title or modifier ("the Mayor of Almaty", "the Hong Kong-listed …").

    >>> from crmgraph.extract.recognise import Mention
    >>> s = "At the Akorda in Astana, Tokayev signed a memorandum on a lithium plant in Shymkent."
    >>> places = [Mention(s.index("Astana"), s.index("Astana") + 6, "astana", "Place", "name", 1.0),
    ...           Mention(s.index("Shymkent"), s.index("Shymkent") + 8, "shymkent", "Place", "name", 1.0)]
    >>> memo = Mention(s.index("memorandum"), s.index(" on a"), "memo", "Agreement", "name", 1.0)
    >>> _fact_place(s, places, 0, len(s), s.index("signed"), s.index(" a memo"), memo)
    'astana'
    """
    if obj.type == "Place":
        return obj.entity
    others = [(a, b) for a, b in relative_clauses(text, c0, c1) if not a <= t0 < b]  # "Tokayev, who was born in …"
    scenes = [p for p in places if c0 <= p.start and p.end <= c1 and _AT_PLACE.search(text, max(c0, p.start - 40), p.start)
              and not any(a <= p.start < b for a, b in others)]
    after = [p for p in scenes if p.start >= t1 and not _OTHER_PHRASE.search(text, max(t1, obj.end), p.start)
             and not _governed_by_noun(text, t1, p.start)]
    if after:
        return after[0].entity
    # before the verb: in its own stretch of the clause, or in the scene the clause opens with (first the part after
    # ", and" that holds the verb: "In Astana, Tokayev met Xi, and in Tashkent, Mirziyoyev met Putin")
    joined = text.rfind(", and ", c0, t0)
    for opens in ((joined + 6, c0) if joined != -1 else (c0,)):
        before = [p for p in scenes if opens <= p.start and p.end <= t0 and (
            "," not in text[p.end:t0] or _WHERE.match(text, p.end, t0)
            or (_OPENS_WITH_SCENE.match(text, opens) and "," not in text[opens:p.end]))]
        if before:
            return before[-1].entity
    return None


#: who takes part in a summit or forum by meeting or signing at it
_PARTICIPANTS: Final = frozenset({"Person", "Leader", "State", "IntergovernmentalOrganisation", "GovernmentBody"})
_GATHERINGS: Final = frozenset({"Summit", "Forum"})


def met_at_event(view: SentenceView, found: list[Proposal]) -> list[Proposal]:
    """Participation in the one summit or forum a sentence names, by those the sentence has meet or sign.

    "First EU–Central Asia Summit in Samarkand: António Costa and Ursula von der Leyen meet the presidents of
    Kazakhstan, …": the meeting is at the summit, so its sides take part in it. Only a sentence that names one such
    event, and only meetings and signatures sure enough for the graph, with a lower confidence and a review flag: the
    sentence says where they met, not in so many words that they attended.

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "At the China–Central Asia Summit in Xi’an in May 2023, Chinese President "
    ...                          "Xi Jinping met Kazakh President Kassym-Jomart Tokayev.")
    >>> sorted((r.subject, r.object) for r in extract(doc).relations if r.predicate == "participatesIn")
    [('kassym-jomart-tokayev', 'china-central-asia-summit-2023'), ('xi-jinping', 'china-central-asia-summit-2023')]
    """
    gatherings = [m for m in view.mentions if m.type in _GATHERINGS and not m.nested]
    if len({m.entity for m in gatherings}) != 1:
        return []
    text = view.rec.text
    # the sentence must put the meeting at the event: "at / during / on the sidelines of <event>", or the event heads
    # the sentence ("<event> in Samarkand: A and B meet …"); "ahead of", "after", "to prepare for" it are elsewhere
    if not any(_AT_EVENT.search(text, max(view.start, m.start - 60), m.start)
               or _HEADING.match(text, m.end) for m in gatherings):
        return []
    event = gatherings[0].entity
    types = {m.entity: m.type for m in view.mentions}
    out: list[Proposal] = []
    seen = {p.subject for p in found if p.predicate == "participatesIn" and p.object == event}
    for p in found:
        if p.confidence < 0.5 or p.needs_review or p.predicate not in ("meetsWith", "partyTo"):
            continue
        sides = (p.subject, p.object) if p.predicate == "meetsWith" else (p.subject,)
        for actor in sides:
            if actor not in seen and types.get(actor) in _PARTICIPANTS:
                seen.add(actor)
                out.append(Proposal(actor, "participatesIn", event, p.start, p.end, f"{p.predicate}-at-event", 0.6,
                                    needs_review=True, date=p.date, place=p.place))
    return out


#: right before an event where something happens: "at the (first) …", "during the …", "on the sidelines of the …",
#: "at the close of the …"
_AT_EVENT: Final = re.compile(r"\b(?:(?:[Aa]t|[Dd]uring)\s+(?:the\s+|a\s+|an\s+)?(?:(?:close|end|opening|start)\s+of\s+"
                              r"(?:the\s+|a\s+)?)?|[Oo]n\s+the\s+(?:sidelines|margins)\s+of\s+(?:the\s+|a\s+)?)(?:[a-z]+\s+){0,2}$")
#: after an event that heads its sentence: a place or a date, then a colon ("… Summit in Samarkand: …")
_HEADING: Final = re.compile(r"[^.;:,]{0,60}:")
#: an opening phrase of a gathering: "At the first …" (who is there takes part), "Speaking at the …", "Addressing
#: the …", "In his keynote speech to the …" (who speaks there, speaks at it)
_AT_THE: Final = re.compile(r"\s*(?:At|(?P<speaking>Speaking\s+(?:at|to)|Addressing|In\s+(?:his|her|a)\s+(?:keynote\s+|opening\s+|"
                            r"closing\s+)?(?:speech|address|remarks)\s+(?:at|to)))\s+(?:the\s+)?(?:[a-z]+\s+){0,2}")
#: how the sentences that _AT_THE may open begin
OPENING_AT_EVENT: Final = ("At ", "Speaking ", "Addressing ", "In his ", "In her ", "In a ")
#: between the comma that ends an opening phrase and the main clause's subject: an article, capitalised words (titles)
_TO_SUBJECT: Final = re.compile(r"\s*(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}")
#: a main clause's verb after its subjects (perhaps after an apposition), irregular past forms too
_MAIN_VERB_AFTER: Final = re.compile(_OPTIONAL_APPOSITION + r"\s+(?:also\s+|jointly\s+|then\s+)?(?:" + _VERB_FORMS
                                     + r"|met|held|spoke|took|gave|made|sent|won|led|set|signs?|meets?|holds?|agrees?"
                                     r"|announces?|launch(?:es)?|opens?|discuss(?:es)?|said|says|told|tells)\b")
_AND_TITLED: Final = re.compile(r",?\s+(?:and\s+)?(?:the\s+)?(?:[A-Z][\w’'-]*\s+){0,3}")


def opened_at_event(rec: Recognition, view: SentenceView) -> list[Proposal]:
    """Participation of the subjects of a sentence that opens with "At the <summit or forum>, …"; speaking, of those
    of one that opens with "Speaking at the …", "Addressing the …" or "In his speech to the …".

    Examples
    --------
    >>> from crmgraph.corpus import Document
    >>> from crmgraph.extract import extract
    >>> doc = Document.from_text("memo", "At the China–Central Asia Summit in Xi’an in May 2023, Xi Jinping announced "
    ...                          "financing for the five Central Asian states.")
    >>> [(r.subject, r.object) for r in extract(doc).relations if r.predicate == "participatesIn"]
    [('xi-jinping', 'china-central-asia-summit-2023')]
    """
    text = rec.text
    opening = _AT_THE.match(text, view.start)
    if opening is None:
        return []
    args = [m for m in view.mentions if not m.nested and m.kind not in ("definition",)]
    event = next((m for m in args if m.start == opening.end()), None)
    if event is None or event.type not in _GATHERINGS:
        return []
    speaking = opening.group("speaking") is not None
    kinds = _PERSON_TYPES if speaking else _PARTICIPANTS
    for i, m in enumerate(args):
        if m.start <= event.end or m.type not in kinds:
            continue
        comma = text.rfind(",", event.end, m.start)
        if comma == -1 or not _TO_SUBJECT.fullmatch(text, comma + 1, m.start):
            return []  # the first actor after the opening phrase is no subject of the main clause
        subjects = [m]
        for n in args[i + 1:]:  # "Xi Jinping and Kazakh President Kassym-Jomart Tokayev": titles may stand between
            if n.type in kinds and n.start > subjects[-1].end:
                if not _AND_TITLED.fullmatch(text, subjects[-1].end, n.start):
                    break
                subjects.append(n)
        if not _MAIN_VERB_AFTER.match(text, subjects[-1].end):
            return []
        date = sentence_date(rec, view)
        predicate, rule = ("speaksAt", "opened-speaking-at-event") if speaking else ("participatesIn", "opened-at-event")
        return [Proposal(s.entity, predicate, event.entity, view.start, view.end, rule, 0.7, date=date)
                for s in subjects if s.kind != "demonym"]
    return []


def _context_actor(rec: Recognition, offset: int, allowed: frozenset[str]) -> str | None:
    """The state a quoted speaker speaks for: the holder of the speaker's office, or the last polity named."""
    for m in reversed([m for m in rec.mentions if m.end <= offset and not m.nested][-40:]):
        if m.type in allowed and m.kind != "demonym":
            return m.entity
    return None


# --- structural patterns -------------------------------------------------------------------------


_ORGANISATIONS: Final = expand_classes(["organisation"])
_ORGANISATIONS_EVENTS: Final = _ORGANISATIONS | EVENT_TYPES
#: The classes of the names that begin a structural pattern (the first name of each pattern below).
_STRUCTURAL_FIRST: Final = _ORGANISATIONS_EVENTS | {"State", "Place", "Region", "GovernmentBody"}
_BASED: Final = re.compile(r"-based\s")
_BRACKETED: Final = re.compile(r"(?:\*\*)?\s\(")  # between a name (bold in Markdown, perhaps) and a bracket that opens
_HOME_BODIES: Final = frozenset({"Company", "FinancialInstitution", "ResearchInstitute", "MediaOutlet"})
#: between an organisation and the place it is based in: ", based in", " is a research centre headquartered in" (an
#: article after the copula, then no preposition or negation: not "is not based in", "is a partner of firms based in")
_BASED_IN: Final = re.compile(r"(?:\s\([^()]{1,60}\))?(?:,\s|\s(?:is|was|remains)\s(?:an?|the)\s(?:(?!(?:of|for|with|to|by|from|not|"
                              r"no|never|longer)\s)[\w’'-]+\s){0,6}?|\s)(?:based|headquartered)\sin\s(?:the\s)?")
_IN_PLACE: Final = re.compile(r"(?:\s[a-z]+){0,3}\sin\s(?:the\s(?:city|town|capital|region|province)\sof\s)?")
_COUNTRIES_LIKE: Final = re.compile(r"\s(?:countries|states|nations|republics)(?:’|')?,?\s(?:like|such as|including|notably|notably with|especially)\s")
_COUNTRIES: Final = re.compile(r"\s(?:countries|states)\b")
_LIKE: Final = re.compile(r"\b(?:like|such as|including|notably)\b")
#: between a name and its apposition's article: "HMS Bergbau AG, a …" (after an abbreviation in brackets too)
_APPOSITION_ARTICLE: Final = re.compile(r"(?:\s\([^()]{1,20}\))?,\s+(?:a|an|the)\s+")
#: before "<organisation> in <place>" that gives its seat: an article or "at" ("the Steppe Policy Institute in
#: Almaty", "researchers at Nazarbayev University in Astana"); after a verb, "of" or "from" the place is where something
#: happened ("Orano met Kazatomprom in Astana", "met the CEO of Orano in Paris")
_SEAT_LEAD: Final = re.compile(r"(?:^|\b(?:the|at)\s+|\()$", re.I | re.M)
_MANY_OFFICES: Final = frozenset({"IntergovernmentalOrganisation", "FinancialInstitution"})
#: before an organisation: the gathering it names ("10th Summit of the Organization of Turkic States, Astana, …":
#: the summit's place, not the organisation's seat)
_OF_AN_EVENT: Final = re.compile(r"(?i:summit|forum|meeting|conference|session|congress|assembly)\s+of\s+(?:the\s+)?$")
_ADDRESS_END: Final = re.compile(r"\s*(?:[,.;:)\]]|$)", re.M)
#: what every match of the role pattern contains, " at " or " with " (the space before is tested after the first
#: letter: a pattern that opens with letters is searched for them in C, several times as fast)
_AT: Final = re.compile(r"(?:a(?<=\sa)t|w(?<=\sw)ith)\s")


#: after a name: a possessive and a capitalised word, a name the name's owner has ("Kazakhstan's Ust-Kamenogorsk …")
_POSSESSIVE_BEFORE_NAME: Final = re.compile(r"(?:’s|'s)\s+[A-Z]")


def _owner_of_unnamed(text: str, owner: Mention, names: list[Mention]) -> re.Match | None:
    """The possessive and the first letter of a name after ``owner`` that none of ``names`` is ("Saudi Arabia's ACWA
    Power", not recognised: the company acts, not the state); None when no capitalised word follows its possessive,
    or a recognised name does ("China's CNNC")."""
    owned = _POSSESSIVE_BEFORE_NAME.match(text, owner.end)
    if owned is None or any(owner.end < m.start < owned.end() for m in names):
        return None
    return owned
#: from a verb to the states whose people it is done with: "met the leaders of", "met with the presidents of"
_PEOPLE_OF: Final = re.compile(r"\s+(?:with\s+)?(?:the\s+)?(?:\w+\s+)?(?:leaders|presidents|heads\s+of\s+state|heads\s+of\s+government|"
                               r"representatives|delegations?|officials|ministers|foreign\s+ministers|prime\s+ministers)\s+of\s+"
                               r"(?:the\s+)?")
#: between such a verb and the people it names after the states: a dash, a bracket or a colon
_NAMED_AFTER_DASH: Final = re.compile(r"\s[–—]\s|\s-\s|\(|:\s")
#: before a place in brackets: the name it qualifies ("IREL (", "Cameco (")
_NAME_BRACKET_BEFORE: Final = re.compile(r"[A-Z][\w.&’'-]*\s?\($")
#: before a name: a noun in lower case that governs it with "of" ("a subsidiary of", "a consortium of")
_NOUN_OF_BEFORE: Final = re.compile(r"\b[a-z][\w-]*\s+of\s+(?:the\s+)?$")


def structural(rec: Recognition, view: SentenceView) -> list[Proposal]:
    text = rec.text
    args = [m for m in view.mentions if not m.nested and m.kind not in ("backref", "pair", "definition")]
    out: list[Proposal] = []
    orgs = _ORGANISATIONS
    for i, m in enumerate(args):
        if m.type not in _STRUCTURAL_FIRST:
            continue  # minerals, persons, topics …: no pattern begins with them
        nxt = args[i + 1] if i + 1 < len(args) else None
        # "U.S.-based International Tax and Investment Center"
        if m.type in ("State", "Place") and text.startswith("-based", m.end) and _BASED.match(text, m.end, m.end + 8) \
                and nxt is not None and nxt.type in _ORGANISATIONS_EVENTS:
            if nxt.start - m.end <= 8:
                out.append(Proposal(nxt.entity, "basedIn", m.entity, m.start, nxt.end, "x-based-organisation", 0.85))
        # "HMS Bergbau AG, a Berlin-based raw materials company": the name the apposition describes
        if m.type in ("State", "Place") and i > 0 and text.startswith("-based", m.end) \
                and _BASED.match(text, m.end, m.end + 8) and args[i - 1].type in _ORGANISATIONS \
                and _APPOSITION_ARTICLE.fullmatch(text, args[i - 1].end, m.start):
            out.append(Proposal(args[i - 1].entity, "basedIn", m.entity, args[i - 1].start, m.end + 6,
                                "x-based-apposition", 0.8))
        # an organisation, then a place; not a diplomatic format: "the China–Central Asia Summit in Xi’an" is where
        # one meeting of it was, not its seat
        org_then_place = m.type in orgs and m.type != "DiplomaticFormat" and nxt is not None \
            and nxt.type in ("Place", "State")
        # "Maqsut Narikbayev University, Astana, Kazakhstan" and "the Steppe Policy Institute in Almaty"
        if org_then_place and nxt is not None:
            gap = text[m.end:nxt.start]
            # (an organisation of states or a bank "in" a city is its office or a meeting there, not its seat:
            # "Leaders gathered at the SCO in Astana", "talks at the EBRD in Tashkent")
            if (gap == ", " and not _OF_AN_EVENT.search(text, max(0, m.start - 30), m.start)) or (gap == " in " and m.type not in _MANY_OFFICES
                               and _SEAT_LEAD.search(text, max(0, m.start - 8), m.start)):
                targets = [nxt]
                third = args[i + 2] if i + 2 < len(args) else None
                if third is not None and third.type == "State" and text[nxt.end:third.start] == ", ":
                    targets.append(third)
                # an address ends where its place does ("…, Astana, Kazakhstan."); "with the European Union,
                # Kazakhstan in November 2022 and …" goes on: a list, not an address
                if gap == ", " and not _ADDRESS_END.match(text, targets[-1].end):
                    targets = []
                for t in targets:
                    out.append(Proposal(m.entity, "basedIn", t.entity, m.start, targets[-1].end, "organisation-location",
                                        0.75 if gap == ", " else 0.7))
        # "Cameco (Canada) 40%", "**Kazatomprom** (Kazakhstan): …": a state alone in brackets after a company's name
        if m.type in _HOME_BODIES and nxt is not None and nxt.type == "State" and nxt.kind == "name" \
                and _BRACKETED.fullmatch(text, m.end, nxt.start) and text.startswith(")", nxt.end):
            out.append(Proposal(m.entity, "basedIn", nxt.entity, m.start, nxt.end + 1, "organisation-state-in-brackets",
                                0.7))
        # "the Aral Policy Institute, based in Almaty", "X is an independent research centre based in Almaty", "NMMC is
        # a state-owned gold mining company headquartered in Navoi" (past the name again and the minerals)
        if m.type in orgs and m.type != "DiplomaticFormat" and nxt is not None and not org_then_place:
            # (past a demonym, and past the names in brackets after the name: "NMMC (…; Uzbek: Navoiy …) is a …")
            later = next((k for k in range(i + 1, min(len(args), i + 7))
                          if args[k].entity != m.entity and args[k].type not in ("Mineral", "Topic")
                          and args[k].kind != "demonym"
                          and text.count("(", m.end, args[k].start) <= text.count(")", m.end, args[k].start)), None)
            if later is not None and args[later].type in ("Place", "State"):
                nxt, org_then_place = args[later], True
        if org_then_place and nxt is not None and _BASED_IN.fullmatch(text, m.end, nxt.start) \
                and not _NOUN_OF_BEFORE.search(text, max(0, m.start - 30), m.start):
            # (not "a subsidiary of Kazatomprom based in Ust-Kamenogorsk": the participle may be the subsidiary's)
            out.append(Proposal(m.entity, "basedIn", nxt.entity, m.start, nxt.end, "organisation-based-in", 0.75))
        # events: "Forum in Tashkent", "Summit in Xi’an"; names that contain a place: "Tashkent Investors Forum"
        if m.type in EVENT_TYPES:
            if nxt is not None and nxt.type in ("Place", "State") and _IN_PLACE.fullmatch(text[m.end:nxt.start]):
                targets = [nxt]
                third = args[i + 2] if i + 2 < len(args) else None
                if third is not None and third.type == "State" and text[nxt.end:third.start] == ", ":
                    targets.append(third)
                # a relative date only from the clause of the event and its place
                date = sentence_date(rec, view, clause_start(text, view.start, m.start),
                                     clause_end(text, targets[-1].end, view.end), (m.start, targets[-1].end))
                for target in targets:
                    out.append(Proposal(m.entity, "heldIn", target.entity, m.start, targets[-1].end, "event-in-place", 0.8,
                                        date=date))
            inner = [x for x in rec.mentions if x.nested and m.start <= x.start and x.end <= m.end and x.type == "Place"]
            for x in inner[:1]:
                out.append(Proposal(m.entity, "heldIn", x.entity, m.start, m.end, "event-name-place", 0.65,
                                    needs_review=True))
        # "the European Union’s Global Gateway"; "Kazakhstan’s Subsoil Code" is a law it adopted (a region adopts no
        # law: "Europe’s Critical Raw Materials Act" is the EU's, which the words do not name)
        if m.type in ("State", "Region", "IntergovernmentalOrganisation", "GovernmentBody") and nxt is not None and \
                nxt.type in ("Initiative", "Dialogue", "Law") and text[m.end:nxt.start] in POSSESSIVE_GAPS:
            if nxt.type != "Law":
                out.append(Proposal(nxt.entity, "organisedBy", m.entity, m.start, nxt.end, "possessive-initiative", 0.75))
            elif m.type != "Region":
                out.append(Proposal(m.entity, "adopts", nxt.entity, m.start, nxt.end, "possessive-law", 0.75))
        # "Central Asian countries like Uzbekistan", "… countries, notably with Kazakhstan"
        if m.type == "Region" and m.kind in ("demonym", "name"):
            after = text[m.end:m.end + 60]
            cue = _COUNTRIES_LIKE.match(after)
            if cue and nxt is not None and nxt.type == "State" and nxt.start == m.end + cue.end():
                out.append(Proposal(nxt.entity, "partOfRegion", m.entity, m.start, nxt.end, "region-countries-like", 0.75))
            elif nxt is not None and nxt.type == "State" and _COUNTRIES.search(after[:12]):
                gap = text[m.end:nxt.start]
                if _LIKE.search(gap) and len(gap) < 40:
                    out.append(Proposal(nxt.entity, "partOfRegion", m.entity, m.start, nxt.end, "region-countries-like", 0.7))
    # "a researcher at the Steppe Policy Institute", "Professor of International Relations at Maqsut Narikbayev University",
    # "a geologist with the Tien Shan Monitor"
    for match in (_roles_regex(rec.lex).finditer(view.text) if _may_name_a_role(rec, view) and _AT.search(view.text) else ()):
        at = view.start + match.end()
        org = next((m for m in args if m.start == at and m.type in orgs), None)
        if org is None or text.startswith(POSSESSIVE_ENDINGS, org.end):
            continue  # "a geologist with Kazatomprom’s backing": the organisation is not the employer
        people = [m for m in rec.mentions if m.type in ("Person", "Leader") and m.end <= view.start + match.start()
                  and not m.nested and m.kind not in ("definition",)]
        if people:
            person = people[-1]
            out.append(Proposal(person.entity, "affiliatedWith", org.entity, min(person.start, view.start + match.start())
                                if person.start >= view.start else view.start + match.start(), org.end,
                                "role-at-organisation", 0.75))
    return out


_FROM_OR_OF: Final = (" from ", " of ", " from the ", " of the ")


def _after_nationals(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` ends with a noun for nationals (``private`` in ``lexicon/cues.yaml``) and "from" or
    "of" ("investors from Canada", "companies of the EU"): they, not the state, are the actors."""
    words = text[start:end].split()
    if words and words[-1] == "the":
        words.pop()
    return len(words) > 1 and words[-1] in ("from", "of") and words[-2].lower() in derived(lex, _private_nouns)


def _private_nouns(lex: Lexicon) -> frozenset[str]:
    return frozenset(str(n).lower() for n in lex.cues.get("private") or [])


def _listed_after(text: str, mentions: list[Mention], firsts: list[Mention]) -> list[Mention]:
    """``firsts`` and the mentions listed after each of them ("South Korea and Japan")."""
    listed: list[Mention] = []
    for first in firsts:
        last = first
        listed.append(first)
        for m in mentions:
            if m.start < last.end or m in listed:
                continue
            if _COORDINATION_GAP.fullmatch(text, last.end, m.start) and _coarse(m.type) == _coarse(first.type):
                listed.append(m)
                last = m
            else:
                break
    return listed


def _private_regex(lex: Lexicon) -> re.Pattern:
    """What follows a demonym that names a state's nationals, not the state ("… mining companies")."""
    return derived(lex, _compile_private)


def _compile_private(lex: Lexicon) -> re.Pattern:
    return _nouns_after(lex.cues.get("private") or [], r"(?:\s+[a-z-]+){0,2}")


def _officer_words(lex: Lexicon) -> frozenset[str] | None:
    """A word of each officer (lower-case): a sentence without one of them names no officer."""
    return phrase_tokens(lex.cues.get("officers") or [])


def _compile_officers(lex: Lexicon) -> re.Pattern:
    # (in either case: "The French President held talks with …")
    return re.compile(_nouns_after(lex.cues.get("officers") or [], "").pattern, re.IGNORECASE)


def _nouns_after(nouns, between: str) -> re.Pattern:
    """One of ``nouns`` after a demonym, with what may stand ``between`` ("… mining companies")."""
    alternatives = "|".join(re.escape(str(n)) for n in sorted(nouns, key=str))
    return re.compile(rf"{between}\s+(?:{alternatives})\b" if alternatives else r"(?!)")


def _roles_regex(lex: Lexicon) -> re.Pattern:
    return derived(lex, _compile_roles)


def _may_name_a_role(rec: Recognition, view: SentenceView) -> bool:
    """False when no token of the sentence is the first of a role of the lexicon: then no match of the roles' pattern
    begins in it (it begins at a word boundary, where a token begins with the role's first token; a sentence that
    begins or ends inside a word is searched)."""
    firsts = derived(rec.lex, _role_first_tokens)
    text = rec.text
    if firsts is None or _word_character_at(text, view.start - 1) or _word_character_at(text, view.end):
        return True
    return begins_within(rec.token_starts(firsts), view.start, view.end)


def _word_character_at(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a word character (``\\w``, which ``str.isalnum`` tells but for the underscore); False
    outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _role_first_tokens(lex: Lexicon) -> frozenset[str] | None:
    """The first token (``TOKEN``) of each role of the lexicon; None when a role begins with white space."""
    firsts = set()
    for role in lex.roles:
        tokens = TOKEN.findall(role)
        if not tokens or not role.startswith(tokens[0]):
            return None
        firsts.add(tokens[0])
    return frozenset(firsts)


def _compile_roles(lex: Lexicon) -> re.Pattern:
    roles = "|".join(re.escape(r) for r in sorted(lex.roles))
    # "at" may come after the role's complement ("Professor of International Relations at …"); "with" only right
    # after the role ("a geologist with the … Monitor"): "an analyst who met with Kazatomprom" is no employee of it
    return re.compile(rf"\b(?:{roles})\b(?:[^.,;]{{0,60}}?\sat|\swith)\s(?:the\s)?")


def according_to(rec: Recognition, view: SentenceView) -> str | None:
    """The source a sentence cites with "according to", "as noted by" … (the lexicon's ``according``)."""
    lowered = view.text.lower()
    for phrase in rec.lex.according:
        position = lowered.find(phrase)
        if position != -1:
            start = view.start + position + len(phrase)
            for m in view.mentions:
                if m.start >= start and m.start - start <= 6 and m.kind != "definition":
                    return m.entity
    return None
