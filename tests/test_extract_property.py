"""Property test: the extractor never crashes and always returns an annotation the build accepts."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crmgraph.annotations import annotation_from_dict, annotation_to_dict, locate_quotes
from crmgraph.corpus import Document
from crmgraph.extract import extract

WORDS = st.sampled_from([
    "Kazakhstan", "Uzbekistan", "China", "the EU", "European Union", "President", "Tokayev", "signed", "with",
    "lithium", "uranium", "(EBRD)", "the two sides", "met", "in", "Astana", "“", "”", "said", ".", ",", "\n",
    "Bank", "Forum", "Law on", "Subsoil", "References", "1.", "(2024, May 2).", "https://x.org", "He", "not",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join)))
def test_random_text_never_crashes(text):
    document = Document.from_text("random", text)
    annotation = extract(document)
    locate_quotes(annotation, document)
    annotation_from_dict(annotation_to_dict(annotation), where="roundtrip")


TOKEN_CHARACTERS = st.sampled_from(list("ab1_ é’“”-.,;:()\t\n\u00a0\u2028\u0301Ω٣\u3000\x1c"))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(TOKEN_CHARACTERS, max_size=40).map("".join)))
def test_tokens_are_the_matches_of_the_token_pattern(text):
    # token_list cuts the text at spaces first and runs the pattern only where a piece needs it: the tokens, with
    # their offsets, must be those of the pattern over the whole text, whatever the white space and the scripts
    from crmgraph.extract.gazetteer import TOKEN
    from crmgraph.extract.recognise import token_list

    assert token_list(text) == [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


DATE_WORDS = st.sampled_from([
    "by", "BY", "until", "untİl", "to", "into", "up", "no", "later", "than", "prior", "ahead", "of", "since", "the",
    "The", "end", "start", "12", "3rd", "March", "Sept.", "May,", "2030", "1999", "2024–2025", "2020-2022", "and",
    "in", "signed", "Agenda", "Summit", "(", "“by", "a", "\n", "  ", "\u00a0", ",", "ſince", "Kelvin", "K",
    "guidance", "Targets", "plan", "ſtrategy", "production",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(DATE_WORDS, max_size=30).map(" ".join), st.booleans())
@example("signed it by the end of 12th March, 2030", False)  # the bound (or "the") up to seven words before a year
@example("to be done by end of 12th March 3rd, 2030", False)
@example("to be done until 12th March 3rd, 2030", False)
@example("no later than the  close of  3rd Sept.\n2030 and 2031", False)
@example("partners since the start of 2019", True)
@example("adopted the 2030 Agenda", False)  # "the" right before a year: a name's
@example("adopted “the 2030 Agenda", False)
@example("cut its 2025 production guidance by 2030", False)  # a plan's year is blanked, with or without a bound
@example("the 2030 a b Targets", False)  # (the noun is the third word after the year, in capitals)
@example("2030 guidance,", True)
def test_years_blanked_without_a_search_are_those_the_search_blanks(text, starts):
    # blank_years leaves a text without a bounding word among the seven words before a year as it is, without the
    # search: it must give what the search gives, whatever the words, spaces, dates and case variants
    from crmgraph.extract.dates import _blank, _compiled
    from crmgraph.extract.gazetteer import load_lexicon

    rules = _compiled(load_lexicon())
    pattern = rules.not_event_years if starts else rules.not_years
    assert rules.blank_years(text, starts) == rules.planned.sub(_blank, pattern.sub(_blank, text))


ROLE_WORDS = st.sampled_from([
    "analyst", "Professor", "chief", "executive", "Chief Executive", "managing director", "researcher", "at", "with",
    "the", "Bank", "Astana", ".", ",", "said", "an", "\n", "analysts", "co-analyst", "geologist", "(", ")", "-",
    "_", "é", "5",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(ROLE_WORDS, max_size=40).map(" ".join), st.lists(ROLE_WORDS, max_size=10).map("".join))
@example("at the", "Bankanalyst")  # a stretch that begins inside "Bankanalyst" begins with a role
@example("the analyst at the Bank", "")
@example("x", "_analyst at the Bank")  # a stretch that begins after "_", a word character, begins inside a word
def test_sentences_passed_over_for_roles_have_no_role(spaced, glued):
    # structural looks for "a researcher at …" only in sentences that have a role's first word among their tokens:
    # every sentence in which the roles' pattern matches must be one of them, however the words are glued or cut
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition, token_list
    from crmgraph.extract.relations import SentenceView, _may_name_a_role, _roles_regex

    text = spaced + glued + " " + spaced
    rec = Recognition(text, load_gazetteer(), load_lexicon())
    rec.tokens = token_list(text)
    for sentence in Document.from_text("roles", text).sentences:
        view = SentenceView(rec, sentence.start, sentence.end, [], text=sentence.text)
        if _roles_regex(rec.lex).search(view.text):
            assert _may_name_a_role(rec, view)
    for start, end in [(a, len(text)) for a in range(min(len(text), 40))] + [(0, b) for b in range(min(len(text), 40))]:
        view = SentenceView(rec, start, end, [])  # and stretches that begin or end inside a word
        if _roles_regex(rec.lex).search(view.text):
            assert _may_name_a_role(rec, view)


HEDGE_WORDS = st.sampled_from([
    "Kazakhstan", "Kazakhstan’s", "isn’t", "isn't", "n’t", "n't", "doesn’t", "not", "NOT", "Not", "could", "Could",
    "never", "allegedly", "are said to", "said", "to", "é", "Ísn’t", "İsn’t", "DOESN’T", "no", "São", "Tomé", "is",
    "hoping", "without", "-", "’", "'", ",", ";", ".", "“", "”", "doubt-free", "re-doubted", "ΣΑΣ", "K", "invested",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(HEDGE_WORDS, max_size=30).map(" ".join), st.lists(HEDGE_WORDS, max_size=6).map("".join))
@example("Kazakhstan’s partners doesn’t invest", "")  # a negation with a curly apostrophe, outside ASCII
@example("Tomé", "Nİnot")  # "İ" lower-cases to two characters, "i̇": the word "not" of "ni̇not" is in no token
@example("São Tomé", "are said to")
def test_sentences_passed_over_for_hedges_have_none(spaced, glued):
    # SentenceView.may_hedge rules a sentence out by its tokens before hedge() splits it into words: whenever it
    # does, hedge() must find no hedge nor negation in the sentence, whatever its script, apostrophes and case
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition
    from crmgraph.extract.relations import hedge

    text = spaced + " " + glued + " " + spaced
    lex = load_lexicon()
    rec = Recognition(text, load_gazetteer(), lex)
    for view in _views(rec, "hedges"):
        if not view.may_hedge():
            assert hedge(lex, view.text) == (1.0, False), view.text


def test_lower_casing_keeps_each_character_one_of_its_class():
    """SentenceView.may_hedge reads a sentence's lower-cased words from its tokens lower-cased one by one, except in
    a sentence with "İ": that is sound only if every other character lower-cases to one character of its class."""
    import re

    word = re.compile(r"[\w’'-]")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000 or code == 0x130:
            continue
        char = chr(code)
        lowered = char.lower()
        assert len(lowered) == 1, hex(code)
        assert bool(word.match(char)) == bool(word.match(lowered)), hex(code)
    assert len("\u0130".lower()) == 2


HEARSAY_WORDS = st.sampled_from([
    "a", "A", "person", "close", "to", "familiar", "with", "officials", "Officials", "OFFICIALS", "diplomats", "one",
    "source", "sources", "ſources", "İnsiders", "insiders", "said", "say", "told", "according", "Kazakh", "EU", "But",
    "two", "unnamed", "people", "Tokayev", "met", ",", ".", "’", "-", "\n", "observers", "an", "official",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(HEARSAY_WORDS, max_size=25).map(" ".join), st.lists(HEARSAY_WORDS, max_size=5).map("".join))
@example("Diplomats say Tokayev met Xi Jinping", "")
@example("Tokayev met Xi, according to two people familiar with the talks", "")
@example("Kazakh officials said", "ſources say")  # "ſ" matches "s" when case is ignored: the gate must let it in
def test_hearsay_searched_from_its_gate_finds_what_the_phrase_pattern_finds(spaced, glued):
    # hearsay() searches the sources only where one may begin (gated_pattern): it must decide as a search of the
    # sources' own pattern over the sentence does, whatever the case, the glue and the words around them
    from crmgraph.extract.gazetteer import load_lexicon
    from crmgraph.extract.relations import _Hearsay, hearsay, phrase_pattern

    lex = load_lexicon()
    found = _Hearsay(lex)
    sentence = spaced + " " + glued

    def reference(name_ends):
        for m in phrase_pattern(lex.hearsay_sources).finditer(sentence):
            before = sentence[:m.start()].rstrip()
            words = before.split()
            if len(before) in name_ends or (len(words) > 1 and words[-1][:1].isupper()):
                continue
            if found.verb_after.match(sentence, m.end()) or found.verb_before.search(sentence, 0, m.start()):
                return True
        return False

    for name_ends in (frozenset(), frozenset([len(spaced.split(" ")[0])])):
        assert hearsay(lex, sentence, name_ends) == reference(name_ends), (sentence, name_ends)


NAME_PIECES = st.sampled_from([
    "Ab", "Cd", "ef", "JOHN", "Mc", "DONALD", "van", "der", "de", "al", "-", "’", "'", "’s", " ", " ", "\n", ".", "é",
    "Ö", "x", "Jean-Pierre", "Ursula", "Leyen", "Kazakhstan", "has", "A", "ß", "_", "5",
])


@settings(max_examples=500, deadline=None)
@given(st.lists(NAME_PIECES, max_size=30).map("".join))
@example("Ab-CD Ef")  # a first word that ends in a capital: no name
@example("Ab-Cd’ Ef Gh")  # nor in an apostrophe
@example("Jean-Pierre van der Leyen’s")
@example("Ab’s Cd")
def test_person_pattern_finds_and_matches_what_the_plain_pattern_does(text):
    # the person pattern's first word is an atomic run of name characters ending in a lower-case letter: it must
    # find, and match from every position, what the plain pattern of name words does, with the lexicon's particles
    import re

    from crmgraph.extract.gazetteer import load_lexicon
    from crmgraph.extract.recognise import _NAME_WORD, person_pattern

    lex = load_lexicon()
    particles = "|".join(re.escape(p) for p in sorted(lex.name_particles, key=len, reverse=True))
    plain = re.compile(rf"(?<![\w.-])({_NAME_WORD}(?:-{_NAME_WORD})?)\s((?:(?:{particles})\s){{0,2}}{_NAME_WORD}"
                       rf"(?:-{_NAME_WORD})?)(?:\s({_NAME_WORD}))?(?![\w-])")
    pattern = person_pattern(lex)
    assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == \
        [(m.span(), m.groups()) for m in plain.finditer(text)]
    for position in range(len(text)):
        found, expected = pattern.match(text, position), plain.match(text, position)
        assert (found and (found.span(), found.groups())) == (expected and (expected.span(), expected.groups()))


@settings(max_examples=300, deadline=None)
@given(st.lists(HEARSAY_WORDS, max_size=25).map(" ".join), st.lists(HEARSAY_WORDS, max_size=5).map("".join))
@example("Officials said Tokayev met Xi.", "")
@example("OFFICIALS", " said")
@example("ſources", " say")  # a word outside ASCII always passes: its lower case is not in the index
def test_sentences_passed_over_for_hearsay_have_none(spaced, glued):
    # sentence_relations asks hearsay() only about sentences with a token that is a source's word in lower case
    # (the text's index of words): hearsay() must find no anonymous source in the others
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition
    from crmgraph.extract.relations import _Hearsay, hearsay

    text = spaced + glued + ". " + glued + spaced
    lex = load_lexicon()
    rec = Recognition(text, load_gazetteer(), lex)
    for view in _views(rec, "hearsay"):
        if not view.may_hold(_Hearsay(lex).tokens):
            assert not hearsay(lex, view.text), view.text


def _views(rec, name):
    """The sentences of ``rec.text`` as the extractor views them: with their tokens when they are its words."""
    from crmgraph.extract.gazetteer import TOKEN
    from crmgraph.extract.relations import SentenceView, fold

    for sentence in Document.from_text(name, rec.text).sentences:
        folded = fold(sentence.text)
        tokens = TOKEN.findall(sentence.text) if len(folded) == len(sentence.text) else None
        yield SentenceView(rec, sentence.start, sentence.end, [], folded, tokens, sentence.text)


RELATIVE_WORDS = st.sampled_from([
    "last", "LAST", "month", "Month", "this", "This", "week", "WEEK", "week’s", "year", "years", "ago", "on",
    "Monday", "MONDAY", "ſunday", "yesterday", "Yesterday", "earlier", "today", "In", "April", "May", "signed",
    "Tokayev", "met", "Xi", ",", ".", "the", "over", "\n", "2023", "this-year", "toDay",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(RELATIVE_WORDS, max_size=25).map(" ".join), st.sampled_from(["2024-05-14", "2024-05", "2024"]))
@example("Tokayev met Xi last month.", "2024-05-14")
@example("Tokayev met Xi on ſunday.", "2024-05-14")  # a word outside ASCII always passes
@example("Tokayev met Xi THIS WEEK.", "2024-05-14")
def test_clauses_passed_over_for_relative_phrases_date_as_those_searched(text, doc_date):
    # sentence_relations tells dated_by_document that a clause has no relative phrase when none of its tokens is a
    # phrase's word in lower case (the text's index of words): the date must be the one a search of the clause gives
    from crmgraph.extract.dates import dated_by_document, relative_phrase_words
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition

    lex = load_lexicon()
    rec = Recognition(text, load_gazetteer(), lex)
    for view in _views(rec, "relative"):
        # the sentence, and a clause of it that ends between words (as clause_end's do)
        for end in {view.end, max(view.start, text.rfind(" ", view.start, (view.start + view.end) // 2))}:
            if not view.may_hold(relative_phrase_words(lex), end):
                assert dated_by_document(text, view.start, end, doc_date, lex, False) == \
                    dated_by_document(text, view.start, end, doc_date, lex), text[view.start:end]


LINE_PIECES = st.sampled_from(["\n", "\n\n", " ", "\t", "#", "## ", "References", "Sources:", "sources", "ASTANA",
                               "NEW YORK", ", ", "12 May", "May 12", " - ", "text", "References\n", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE_PIECES, max_size=30).map("".join))
@example("References\n\nSources\n")  # a heading's pattern takes blank lines after it: the next try is after them
@example("\n \nReferences")  # … and before it: the match starts at the first blank line
@example("ASTANA, 12 May - text\nNEW YORK, May 12 - x")
def test_patterns_tried_at_line_starts_find_what_their_search_finds(text):
    """The line-start patterns (dateline places, reference headings) tried at each line's start find the matches a
    search of the whole text finds."""
    from crmgraph.extract.patterns import line_start_matches
    from crmgraph.extract.recognise import _DATELINE_PLACE
    from crmgraph.extract.references import HEADING

    for pattern in (_DATELINE_PLACE, HEADING):
        assert [m.span() for m in line_start_matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["19", "20", "2019", "1920", "2020", "202", "0", "9", "1", " ", "in", "May", "June",
                                 "s", "–", "tonnes", "(", ")"]), max_size=20).map("".join))
@example("in 2019 and 2020")
@example("1920s and 2019")  # a decade is no year: one year
@example("201920")  # one year-like string inside another
def test_one_date_without_a_search_where_no_two_years_can_be(text):
    """A clause in which "19" and "20" occur once at most is judged to name one year at most without a search, as
    the search judges it."""
    from crmgraph.extract.dates import _ANY_MONTH, _YEAR, _one_date

    assert _one_date(text) == (len(set(_YEAR.findall(text))) < 2 and len(set(_ANY_MONTH.findall(text))) < 2)


OFFICER_WORDS = st.sampled_from([
    "The", "French", "President", "PRESIDENT", "president", "Prime", "Minister", "foreign", "minister", "Mİnister",
    "envoy", "Envoy", "officials", "official", "US", "the US", "Kazakhstan", "met", "Tokayev", ".", ",", "\n", "  ",
    "vice-president", "ambassador", "Kelvin", "ſ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(OFFICER_WORDS, max_size=25).map(" ".join), st.lists(OFFICER_WORDS, max_size=5).map("".join))
@example("The French President met Tokayev.", "")
@example("The US", "Mİnister")  # a word outside ASCII always passes
def test_sentences_passed_over_for_officers_have_none(spaced, glued):
    # sentence_relations looks for an officer after a state ("The French President met …") only in the sentences
    # whose words may hold one: the others must have no match of the officers' pattern
    from crmgraph.extract.gazetteer import derived, load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition
    from crmgraph.extract.relations import _compile_officers, _officer_words

    text = spaced + " " + glued + " " + spaced
    lex = load_lexicon()
    rec = Recognition(text, load_gazetteer(), lex)
    officer = derived(lex, _compile_officers)
    for view in _views(rec, "officers"):
        if not view.may_hold(derived(lex, _officer_words)):
            assert officer.search(view.text) is None, view.text
