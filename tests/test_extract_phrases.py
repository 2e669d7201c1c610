"""The phrase patterns tried only at their first words, and the cue words found among the tokens, are what a scan
of the whole text finds."""

from __future__ import annotations

import re
import sys

from conftest import ROOT
from crmgraph.extract import cues, linking, recognise
from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
from crmgraph.extract.recognise import Recognition, leading_words, token_list

TRICKY = [
    "THE BANK and ſhe; The Two Sides, both LEADERS. He said. the bloc’s the two countries",
    "a MEMORANDUM of Understanding, İNVESTED in ſtrategic partnerſhips; the_bank the-bank ROADMAP Road map",
    "Naryn Region, the JOINT VENTURE, Sughd oblast; Province, provincial regional ıoint venture the2 sides",
    "“The bank”—‘he’ said: «both sides»; ’the company’ …memorandum–agreement",
    "",
]


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import generate

    paths = [*(ROOT / "tests" / "texts").glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]
    return [p.read_text(encoding="utf-8") for p in paths] + [generate(30_000, seed=3)] + TRICKY


def _patterns():
    lex = load_lexicon()
    out = [(recognise._backref_pattern(lex), recognise._backref_leading_words(lex)),
           (linking._generic_pattern(lex), linking._AgreementWords.of(lex).first_words)]
    compiled = cues._patterns(lex)
    out.append((compiled.any_after, compiled.after_words))
    out += [(pattern, first_words) for pattern, first_words, *_ in compiled.after]
    return out


def test_phrase_matches_are_those_of_finditer():
    gaz, lex = load_gazetteer(), load_lexicon()
    patterns = _patterns()
    assert all(first_words for _, first_words in patterns)
    for text in _texts():
        for with_tokens in (True, False):
            rec = Recognition(text, gaz, lex)
            if with_tokens:
                rec.tokens = token_list(text)
            for pattern, first_words in patterns:
                fast = [(m.span(), m.group()) for m in rec.phrase_matches(pattern, first_words)]
                assert fast == [(m.span(), m.group()) for m in pattern.finditer(text)], (pattern.pattern, text[:60])


def test_leading_words():
    assert leading_words(["the bank", "He", "both sides"]) == frozenset({"the", "he", "both"})
    assert leading_words(["(the bank"]) is None
    assert leading_words(["ſhe"]) is None
    assert leading_words([]) is None


def test_cue_words_before_capitals_are_those_of_the_pattern():
    gaz, lex = load_gazetteer(), load_lexicon()
    words = cues._patterns(lex).cue_words
    plain = re.compile(r"\b([a-z]+) (?=[A-Z])")
    extra = ["company Foo, _company Bar, Xcompany Baz, company  Two, company\u00a0Nbsp, company É",
             "ministry\nX, bank Z, the agency Ab", "firm A"]
    for text in _texts() + extra:
        rec = Recognition(text, gaz, lex)
        expected = [(m.end(), m.group(1)) for m in plain.finditer(text) if m.group(1) in words]
        assert cues._before_capitals(rec, words) == expected, text[:60]


def test_plural_titles_found_at_their_last_words_are_those_of_finditer():
    from crmgraph.extract.offices import _PluralTitles

    gaz, lex = load_gazetteer(), load_lexicon()
    plurals = _PluralTitles(lex.titles)
    texts = _texts() + [
        "The presidents of Kazakhstan and the Foreign Ministers, the PRIME MINISTERS and ministers of foreign affairs "
        "met; Secretaries-General, Vice-Presidents and High Representative/Vice-Presidents; foreign ministers' "
        "presidents-elect, ex-presidents, Prime Ministers’ Trade Ministers Chairmen chairs",
    ]
    for text in texts:
        rec = Recognition(text, gaz, lex)
        rec.tokens = token_list(text)
        fast = [(m.span(), m.group()) for m in plurals.matches(rec)]
        assert fast == [(m.span(), m.group()) for m in plurals.pattern.finditer(text)], text[:60]
    assert len(list(plurals.pattern.finditer(texts[-1]))) >= 12
