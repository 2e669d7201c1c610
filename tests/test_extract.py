"""The extractor: recognition, relations, statements, the extract/evaluate commands, robustness."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, assert_one_line_error, run_cli, triples
from conftest import memo as doc
from crmgraph.annotations import load_annotation, locate_quotes
from crmgraph.corpus import load_document
from crmgraph.extract import DEFAULT_MIN_CONFIDENCE, extract, propose_annotation

TEXTS = ROOT / "tests" / "texts"


def edges(text, predicate):
    """The (subject, object) pairs of ``predicate`` that the build keeps from ``text``, sorted."""
    return sorted((r.subject, r.object) for r in propose_annotation(doc(text)).relations if r.predicate == predicate)


def test_gazetteer_names_demonyms_minerals():
    a = extract(doc("German Chancellor Olaf Scholz visited Kazakhstan. Lithium and rare earth elements matter."))
    ids = {e.id for e in a.entities}
    assert {"germany", "olaf-scholz", "kazakhstan", "lithium", "rare-earth-elements"} <= ids
    assert ("olaf-scholz", "holdsOffice", "chancellor-of-germany") in triples(a)
    assert ("chancellor-of-germany", "officeIn", "germany") in triples(a)
    assert ("olaf-scholz", "visits", "kazakhstan") in triples(a)


def test_context_names_abbreviations_and_persons():
    text = ("The Steppe Mining Company (SMC) opened an office. Dana Omarova, a researcher at the Aral Policy Institute "
            "in Almaty, said the SMC is growing.")
    a = extract(doc(text))
    by_id = {e.id: e for e in a.entities}
    assert by_id["steppe-mining-company"].type == "Company"
    assert "SMC" in by_id["steppe-mining-company"].aliases
    assert by_id["dana-omarova"].type == "Person"
    assert by_id["aral-policy-institute"].type == "ResearchInstitute"
    assert ("dana-omarova", "affiliatedWith", "aral-policy-institute") in triples(a)
    assert ("aral-policy-institute", "basedIn", "almaty") in triples(a)


def test_back_reference_two_sides():
    a = extract(doc("The European Union met Kazakhstan. The two sides signed the Raw Materials Partnership."))
    assert ("european-union", "partyTo", "raw-materials-partnership") in triples(a)
    assert ("kazakhstan", "partyTo", "raw-materials-partnership") in triples(a)


def test_hedged_and_denied_relations_stay_out_of_the_build():
    hedged = "Kazakhstan may cooperate with Uzbekistan on uranium."
    assert triples(propose_annotation(doc(hedged))) == set()
    review = extract(doc(hedged)).relations
    assert review and all(r.provenance.needs_review for r in review)
    assert triples(propose_annotation(doc("China does not trade with Kazakhstan."))) == set()


def test_dates_places_and_concerns():
    a = extract(doc("Central Asian leaders met with President Joseph Biden in New York in September 2023."))
    meet = [r for r in a.relations if r.predicate == "meetsWith"]
    assert meet and meet[0].date == "2023-09" and meet[0].place == "new-york"


def test_a_named_agreement_takes_the_year_of_its_sentence_or_of_the_narrative_before_it():
    def declarations(text, **metadata):
        return sorted(e.id for e in extract(doc(text, **metadata)).entities if e.type == "JointStatement")

    # a year in a later sentence is of something else: the next summit, not the declaration
    flash = ("XI’AN, 19 May – Chinese President Xi Jinping and the presidents of Kazakhstan and Uzbekistan signed the "
             "Xi’an Declaration at the close of the summit. The next summit is to be held in Kazakhstan in 2025.")
    assert declarations(flash, date="2023-12-29") == ["xian-declaration-2023"]
    # a year earlier in the paragraph dates the story the name is told in
    story = ("At the first China–Central Asia Summit in Xi’an in May 2023, Xi Jinping announced financing of 26 billion "
             "yuan. The summit adopted the Xi’an Declaration.")
    assert declarations(story, date="2024-10-01") == ["xian-declaration-2023"]
    # the sentence's own year comes first
    assert declarations("In 2019 the ministers met. They signed the Xi’an Declaration in 2023.") == ["xian-declaration-2023"]


def test_an_executive_seat_that_speaks_is_a_government_body_not_a_person():
    a = extract(doc("The White House said the six countries would launch a dialogue. The Kremlin said it would wait."))
    types = {e.id: e.type for e in a.entities}
    assert types.get("white-house") == "GovernmentBody" and types.get("kremlin") == "GovernmentBody"
    assert "Person" not in types.values()


def test_the_month_may_is_no_hedge_but_the_verb_is():
    def party_to(text):
        return {(r.subject, r.provenance.needs_review) for r in extract(doc(text), min_confidence=0).relations
                if r.predicate == "partyTo"}

    dated = "On 19 May 2023 Kazakhstan signed the Xi’an Declaration."
    assert party_to(dated) == {("kazakhstan", False)}
    assert party_to("Kazakhstan signed the Xi’an Declaration, officials may say.") == {("kazakhstan", True)}


def test_the_states_their_leaders_act_for_are_the_actors():
    a = extract(doc("Chinese President Xi Jinping and the presidents of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan "
                    "and Uzbekistan signed the Xi’an Declaration in 2023."))
    parties = {r.subject for r in a.relations if r.predicate == "partyTo"}
    assert {"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"} <= parties
    # a state after another preposition is still governed by it: no party
    b = extract(doc("The visit of Xi Jinping to Kazakhstan signed the Xi’an Declaration in 2023."))
    assert "kazakhstan" not in {r.subject for r in b.relations if r.predicate == "partyTo"}


def test_a_head_of_state_signing_a_law_is_no_party_to_it():
    a = extract(doc("On 13 May 2024 President Joe Biden signed the Prohibiting Russian Uranium Imports Act."))
    assert not [r for r in a.relations if r.predicate == "partyTo"]


def test_a_name_inside_an_apposition_is_not_the_subject_of_the_verb_after_it():
    text = "But Uranium One, a subsidiary of Russia’s state nuclear corporation Rosatom, holds stakes in the Karatau joint venture."
    # (Rosatom owns Uranium One, not Karatau: Uranium One does, and the gazetteer knows it)
    assert [(r.subject, r.object) for r in extract(doc(text)).relations if r.predicate == "owns"] == [
        ("rosatom", "uranium-one"), ("uranium-one", "karatau")]
    text = "Rosatom, Russia’s state nuclear corporation, holds stakes in the Karatau joint venture."
    assert ("rosatom", "karatau") in {(r.subject, r.object) for r in extract(doc(text)).relations if r.predicate == "owns"}
    # an apposition that ends in a phrase naming a place or a venture
    for text, supplier in (
            ("Cameco, Kazatomprom's partner in the Inkai venture, supplies uranium to the United States.", "cameco"),
            ("Eurasian Resources Group, a Luxembourg-based miner with large assets in Kazakhstan, supplies aluminium "
             "to China.", "eurasian-resources-group")):
        assert [r.subject for r in propose_annotation(doc(text)).relations if r.predicate == "suppliesTo"] == [
            supplier], text


def test_a_name_inside_a_relative_clause_is_not_the_subject_of_the_verb_after_it():
    a = extract(doc("The European Union, whose members include France, signed a memorandum of understanding with "
                    "Kazakhstan in 2022."))
    # France signed nothing; the relative clause tells its membership only
    assert [t for t in triples(a) if "france" in t] == [("france", "memberOf", "european-union")], triples(a)
    assert ("european-union", "partnerOf", "kazakhstan") in triples(a)
    b = extract(doc("Kazakhstan, which joined the World Trade Organization in 2015, signed a memorandum of "
                    "understanding with the European Union in 2022."))
    assert not [t for t in triples(b) if t[0] == "wto"], triples(b)
    assert [t for t in triples(b) if t[0] == "kazakhstan" and t[1] == "partyTo"], triples(b)


def test_a_list_that_distributes_the_subjects_adds_no_object_and_no_address():
    a = extract(doc("Kazakhstan and Uzbekistan have both signed memoranda on critical raw materials with the European "
                    "Union, Kazakhstan in November 2022 and Uzbekistan in April 2024."))
    facts = {(r.subject, r.predicate, r.object) for r in a.relations}
    assert not {f for f in facts if {f[0], f[2]} == {"kazakhstan", "uzbekistan"}}, facts
    assert ("european-union", "basedIn", "kazakhstan") not in facts
    b = extract(doc("He teaches at Maqsut Narikbayev University, Astana, Kazakhstan."))
    assert ("maqsut-narikbayev-university", "basedIn", "kazakhstan") in {(r.subject, r.predicate, r.object) for r in b.relations}


def test_a_diplomatic_format_named_with_a_place_is_not_based_there():
    # where one meeting of a format was is not the format's seat
    a = extract(doc("Leaders gathered at the China–Central Asia Summit in Xi’an to discuss lithium. Ministers of the C5+1 "
                    "in Astana agreed a plan."))
    assert {e.id for e in a.entities} >= {"china-central-asia", "xian", "c5-plus-1", "astana"}
    assert not [t for t in triples(a) if t[1] == "basedIn"]


def test_the_governments_of_the_two_states_are_the_parties():
    a = extract(doc("In the presence of the two Presidents, the Governments of the Republic of Korea and the Republic of "
                    "Kazakhstan signed a memorandum of understanding on critical minerals in June 2024."))
    assert {"south-korea", "kazakhstan"} <= {r.subject for r in a.relations if r.predicate == "partyTo"}


def test_summits_and_talks_are_meetings_with_the_office_holder_not_the_state():
    def meetings(text):
        return {frozenset((r.subject, r.object)) for r in extract(doc(text)).relations if r.predicate == "meetsWith"}

    held = meetings("In Ashgabat, Xi Jinping held a summit with the President of Turkmenistan, Serdar Berdimuhamedov.")
    assert held == {frozenset(("xi-jinping", "serdar-berdimuhamedov"))}
    assert meetings("On 12 June Xi Jinping and Kassym-Jomart Tokayev held talks in Astana.") == \
        {frozenset(("xi-jinping", "kassym-jomart-tokayev"))}
    # talks with a third party do not make the two a meeting of their own
    assert frozenset(("kazakhstan", "uzbekistan")) not in meetings("Kazakhstan and Uzbekistan held talks with China.")


def test_a_new_clause_after_comma_and_ends_the_objects_of_the_first():
    a = extract(doc("The European Union signed memoranda on critical raw materials with Kazakhstan and Uzbekistan, and "
                    "the United States launched the C5+1 Critical Minerals Dialogue in 2023."))
    facts = {(r.subject, r.predicate, r.object) for r in a.relations}
    assert ("european-union", "partnerOf", "kazakhstan") in facts
    assert ("united-states", "establishes", "c5-plus-1-critical-minerals-dialogue") in facts
    assert not [f for f in facts if f[0] == "european-union" and f[2] in ("united-states", "c5-plus-1-critical-minerals-dialogue")]
    # without a verb before it, ", and" ends a list of subjects
    b = extract(doc("Kazakhstan, Uzbekistan, and Kyrgyzstan signed the Xi’an Declaration in 2023."))
    assert {r.subject for r in b.relations if r.predicate == "partyTo"} == {"kazakhstan", "uzbekistan", "kyrgyzstan"}


def test_the_source_of_a_citation_is_no_party_to_the_sentence():
    a = extract(doc("China has become a major supplier of electric vehicles in Central Asia (Eurasianet, 2024) and a key "
                    "provider in developing EV infrastructure in the region (Eurasianet, 2023)."))
    assert "eurasianet" not in {r.subject for r in a.relations} | {r.object for r in a.relations}


def test_miners_and_past_production_are_production_but_not_the_passive():
    def producers(text):
        return {(r.subject, r.object) for r in extract(doc(text)).relations if r.predicate == "produces"}

    assert producers("Tajikistan is the world’s second-largest miner of antimony after China.") == {("tajikistan", "antimony")}
    assert ("tajikistan", "uranium") in producers("Kyrgyzstan and Tajikistan produced uranium in Soviet times.")
    assert not producers("Most of the uranium of Kazakhstan is mined by Kazatomprom and produced by its joint ventures.")


def test_statement_with_parenthetical_attribution():
    text = ("Kassym-Jomart Tokayev, the President of Kazakhstan, spoke: “Developing deposits of rare metals should be a "
            "priority task for the whole country.” (Tokayev, State of the Nation Address, 2023)")
    a = extract(doc(text))
    assert a.statements and a.statements[0].speaker == "kassym-jomart-tokayev"
    assert a.statements[0].date == "2023"


def test_every_item_has_quote_span_rule_confidence():
    document = load_document(TEXTS / "press-release-eu-kazakhstan-2022.txt")
    a = extract(document)
    for item in [*a.entities, *a.relations, *a.statements]:
        assert item.span is not None and document.text[item.span.start:item.span.end] == item.quote
        assert item.provenance.method == "extracted" and item.provenance.rule
        assert 0 <= item.provenance.confidence <= 1
    assert locate_quotes(a, document) is a


def test_no_entity_is_named_in_the_code():
    """String literals of the extractor's code (docstrings and comments aside) name no gazetteer entity."""
    import ast
    import re

    from crmgraph.extract.gazetteer import load_gazetteer

    names = {e.label for e in load_gazetteer().entries.values() if e.type not in ("Mineral", "Topic") and len(e.label) > 3}
    literals = []
    for path in (ROOT / "src" / "crmgraph" / "extract").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        literals += [n.value for n in ast.walk(tree)
                     if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]
    strings = " ".join(literals)
    named = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", strings))
    assert named == [], named


# Entity and relation F1 floors (targets 0.90 and 0.70). The first five texts were coded before the rules
# were tuned on them. The others were held out (coded by hand, never run through the extractor) until one
# blind measurement each, recorded here and in docs/extraction.md; rules were improved on them afterwards,
# so they are development texts now, and where a text is below a target its floor is what it reaches:
# the test guards against regressions without hiding the miss.
#   blind: briefing 0.88/0.62, company update 0.83/0.21 (round 1); NGO report 0.64/0.29,
#          trade press 0.62/0.40 (round 2); interview 0.63/0.32, encyclopedia entry 0.75/0.41 (round 3);
#          wire flashes 0.83/0.41, policy brief 0.82/0.34 (round 4)
F1_FLOORS = {
    "qoraboyev-2024-crm-central-asia": (0.90, 0.70),
    "press-release-eu-kazakhstan-2022": (0.90, 0.70),
    "joint-statement-eu-central-asia-2025": (0.90, 0.70),
    "news-korea-kazakhstan-minerals-2024": (0.90, 0.70),
    "analysis-china-central-asia-mining": (0.90, 0.70),
    "briefing-japan-central-asia-2024": (0.90, 0.68),
    "company-update-uranium-2024": (0.90, 0.68),
    "ngo-report-kyrgyzstan-mining-2023": (0.76, 0.42),
    "trade-press-tungsten-kazakhstan-2025": (0.93, 0.62),
    "interview-uzbekistan-minerals-2024": (0.74, 0.51),  # relative dates and portfolios since
    "encyclopedia-kazakhstan-rare-earths-2025": (0.76, 0.40),
    "wire-flashes-central-asia-2023": (0.84, 0.52),
    "policy-brief-uranium-central-asia-2024": (0.81, 0.37),
    "readout-korea-central-asia-state-visits-2024": (0.78, 0.49),
    "market-report-minor-metals-central-asia-2025": (0.91, 0.41),
    # round 6, measured blind: 0.84 / 0.43 and 0.73 / 0.47
    "chronology-eu-central-asia-raw-materials-2025": (0.83, 0.42),
    "hearing-critical-minerals-central-asia-2024": (0.72, 0.46),
    # round 7, measured blind: 0.97 / 0.72 and 0.74 / 0.23
    "op-ed-central-asia-minerals-2025": (0.98, 0.78),
    "annual-report-excerpt-uranium-2024": (0.89, 0.68),  # its stakes table read since
    # round 8, measured blind: 0.87 / 0.55 and 0.86 / 0.38
    "conference-report-critical-minerals-2025": (0.91, 0.66),
    "fact-sheet-central-asia-crm-2025": (0.93, 0.71),
}


@pytest.mark.parametrize("name", sorted(F1_FLOORS))
def test_texts_reach_their_f1_floors(name):
    from crmgraph.extract.evaluate import evaluate_files

    folder = ROOT / "corpus" if (ROOT / "corpus" / f"{name}.txt").exists() else TEXTS
    ev = evaluate_files(folder / f"{name}.txt")
    entity_floor, relation_floor = F1_FLOORS[name]
    assert ev.entities.f1 >= entity_floor and ev.relations.f1 >= relation_floor, (ev.entities.f1, ev.relations.f1)


def test_every_test_text_has_a_floor():
    assert {p.stem for p in TEXTS.glob("*.txt")} <= set(F1_FLOORS)


def test_extract_then_build_is_shacl_valid(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in TEXTS.glob("*.txt"):
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "proposed"
    result = run_cli("extract", *[str(p) for p in sorted(corpus.glob("*.txt"))], "--out", str(out))
    assert result.returncode == 0, result.stderr
    for proposed in out.glob("*.annotations.yaml"):
        annotation = load_annotation(proposed)
        assert annotation.method == "extracted"
        (corpus / proposed.name).write_text(proposed.read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("build", "--corpus", str(corpus), "--out", str(tmp_path / "graph"))
    assert result.returncode == 0, result.stderr


def test_the_curated_test_texts_build_together(tmp_path):
    # one corpus of every coded text: an id that two annotations give two labels or types is refused by build,
    # so the texts' codings must agree where they name the same entity
    result = run_cli("build", "--corpus", str(TEXTS), "--out", str(tmp_path / "graph"), "--no-extract")
    assert result.returncode == 0, result.stderr


def test_build_runs_the_extractor_with_curated_documents_beside(tmp_path):
    from crmgraph.pipeline import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in [*TEXTS.glob("*.txt"), *TEXTS.glob("*.meta.yaml"), TEXTS / "news-korea-kazakhstan-minerals-2024.annotations.yaml"]:
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    report = build(corpus, tmp_path / "graph", views=False)
    assert report.summary["facts per method"].get("extracted", 0) > 0
    assert report.summary["facts per method"].get("curated", 0) > 0


def test_evaluate_command_prints_figures_and_misses():
    result = run_cli("evaluate", str(TEXTS / "news-korea-kazakhstan-minerals-2024.txt"))
    assert result.returncode == 0, result.stderr
    assert "ENTITIES" in result.stdout and "RELATIONS" in result.stdout and "F1" in result.stdout


def test_evaluate_many_documents_prints_one_table_with_the_pooled_figures():
    from crmgraph.extract.evaluate import evaluate_files

    names = ["news-korea-kazakhstan-minerals-2024", "press-release-eu-kazakhstan-2022"]
    result = run_cli("evaluate", *(str(TEXTS / f"{n}.txt") for n in names), "--brief")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == [*names, "all"]
    evs = [evaluate_files(TEXTS / f"{n}.txt") for n in names]
    tp = sum(ev.relations.tp for ev in evs)
    fn = sum(ev.relations.fn for ev in evs)
    assert f"/ {tp / (tp + fn):.2f} /" in lines[-1].split("  ")[-1]  # pooled relation recall
    assert_one_line_error(run_cli("evaluate", *(str(TEXTS / f"{n}.txt") for n in names), "--gold", "x.yaml"),
                          "--gold")


def test_evaluate_without_gold_is_a_one_line_error(tmp_path):
    path = tmp_path / "lonely.txt"
    path.write_text("Kazakhstan.", encoding="utf-8")
    assert_one_line_error(run_cli("evaluate", str(path)), "no curated annotation")


@pytest.mark.parametrize("content, fragment", [
    (b"", "is empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 \xff", "not valid UTF-8"),
])
def test_bad_files_give_one_line_errors(tmp_path, content, fragment):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert_one_line_error(run_cli("extract", str(path), "--out", str(tmp_path / "o")), fragment)


def test_html_and_russian_give_valid_results(tmp_path):
    html = "<html><script>var x = 'Kazakhstan“';</script><p>China &amp; Kazakhstan trade “a” lot.</p></html>"
    russian = "Казахстан и Узбекистан подписали меморандум о критическом сырье. «Это важно», — сказал Токаев."
    for name, text in (("page", html), ("russian", russian)):
        a = extract(doc(text))
        document = doc(text)
        locate_quotes(a, document)


def test_large_text_is_fine():
    text = ("Kazakhstan has reserves of uranium. China is the main trade partner of Kazakhstan. " * 2000) + "\n"
    a = propose_annotation(doc(text))
    assert ("china", "tradePartnerOf", "kazakhstan") in triples(a)


def test_extraction_leaves_the_garbage_collector_as_it_found_it():
    import gc

    from crmgraph.errors import CrmgraphError
    from crmgraph.extract import MAX_CHARACTERS

    was = gc.isenabled()
    try:
        gc.enable()
        extract(doc("Kazakhstan has reserves of uranium."))
        assert gc.isenabled()
        with pytest.raises(CrmgraphError):  # an error inside the call restores it too
            extract(doc("x" * (MAX_CHARACTERS + 1)))
        assert gc.isenabled()
        gc.disable()
        extract(doc("Kazakhstan has reserves of uranium."))
        assert not gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()


def test_fifty_megabytes_is_a_one_line_error(tmp_path):
    path = tmp_path / "big.txt"
    line = "During the forum, Uzbekistan’s President Shavkat Mirziyoyev met the EBRD in Tashkent in May 2024.\n"
    path.write_text(line * (50_000_000 // len(line)), encoding="utf-8")
    assert_one_line_error(run_cli("extract", str(path), "--out", str(tmp_path / "o"), "-q"), "too long")


def test_long_text_in_pieces_keeps_offsets():
    from crmgraph.extract import CHUNK_CHARACTERS

    line = "Kazakhstan has reserves of uranium. The EBRD will support the mining sector of Kyrgyzstan.\n"
    text = line * (2 * CHUNK_CHARACTERS // len(line) + 5)
    document = doc(text)
    annotation = extract(document)
    locate_quotes(annotation, document)
    assert len({e.id for e in annotation.entities}) == len(annotation.entities)
    assert len(annotation.relations) > 2 * CHUNK_CHARACTERS // len(line)


def _trigger_texts(ruleset) -> list[str]:
    """Texts for the relation rules' triggers: the coded texts, generated text, and the triggers' words shuffled with
    letters that match ASCII ones when case is ignored ("İ", "ſ")."""
    import random
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import generate

    texts = [p.read_text(encoding="utf-8") for p in [*TEXTS.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]]
    texts.append(generate(60_000, seed=3))
    rng = random.Random(5)
    words = [w for r in ruleset.rules for w in r.trigger.replace("\\b", " ").split() if w.isalpha()]
    texts.append(" ".join(rng.choice(words + ["İNVESTED", "ſupplies", "Kazakhstan", "X-trade", ","]) for _ in range(4000)))
    return texts


def test_trigger_prefilter_never_skips_a_matching_rule():
    """The word-key pre-filter of the relation rules only skips rules whose trigger cannot match."""
    from crmgraph.corpus import split_sentences
    from crmgraph.extract.gazetteer import load_lexicon
    from crmgraph.extract.relations import _ruleset

    ruleset = _ruleset(load_lexicon())
    for text in _trigger_texts(ruleset):
        for sentence in split_sentences(text):
            chosen = {r.name for r in ruleset.candidates(sentence.text)}
            matching = {r.name for r in ruleset.rules if r.regex.search(sentence.text)}
            assert matching <= chosen, (sentence.text, matching - chosen)


def test_the_case_variants_of_ascii_letters_are_all_known():
    """The gates of the triggers list, for each ASCII letter, the characters outside ASCII that Python's regular
    expressions match to it when case is ignored: there must be no others, in any character."""
    import string
    import sys

    from crmgraph.extract.patterns import CASE_VARIANTS

    letters = re.compile("(?i)[" + string.ascii_lowercase + "]")
    found: dict[str, str] = {}
    for code in range(0x80, sys.maxunicode + 1):
        c = chr(code)
        if letters.fullmatch(c):
            letter = next(x for x in string.ascii_lowercase if re.fullmatch("(?i)" + x, c))
            found[letter] = found.get(letter, "") + c
    assert found == CASE_VARIANTS


def test_gated_triggers_find_the_matches_of_the_triggers():
    """A rule's trigger, compiled to skip ahead to its first characters, finds what the trigger finds, from every
    position the extractor searches from (and most rules get such a gate: else the search is as slow as before)."""
    from crmgraph.corpus import split_sentences
    from crmgraph.extract.gazetteer import load_lexicon
    from crmgraph.extract.relations import _ruleset

    ruleset = _ruleset(load_lexicon())
    assert sum(r.scan.pattern.startswith("(?-i:[") for r in ruleset.rules) > 0.9 * len(ruleset.rules)
    for text in _trigger_texts(ruleset):
        for sentence in split_sentences(text):
            for rule in ruleset.candidates(sentence.text):
                for start in range(0, len(sentence.text), 7):
                    plain, gated = rule.regex.search(sentence.text, start), rule.scan.search(sentence.text, start)
                    assert (plain and plain.span()) == (gated and gated.span("found")), (rule.name, sentence.text)
                    assert gated is None or gated.start() == gated.start("found")


def test_coordination_joins_like_with_like():
    a = extract(doc("Kazakhstan has reserves of uranium and copper, Tajikistan has reserves of antimony, and Kyrgyzstan "
                    "has reserves of gold."))
    assert {("tajikistan", "hasReserves", "antimony"), ("kyrgyzstan", "hasReserves", "gold")} <= triples(a)
    assert ("kazakhstan", "hasReserves", "antimony") not in triples(a)


def test_a_relative_clause_belongs_to_the_name_before_its_pronoun():
    # the miner is the unrecognised works right before "which", not the last company recognised
    a = extract(doc("The sector is led by the Navoi Mining and Metallurgical Company (NMMC), one of the largest gold "
                    "producers, and by the Qarmir Works, which mines copper."))
    assert not any(r.object == "copper" and r.predicate == "produces" for r in a.relations)
    for text in ["The sector is led by Kazatomprom, which mines uranium.",
                 "The sector is led by Kazatomprom (KAP), which also mines uranium."]:
        assert ("kazatomprom", "produces", "uranium") in triples(extract(doc(text)))


def test_nouns_and_restrictions_are_not_the_verbs_of_a_relation():
    a = extract(doc("In November the Russian government restricted exports of enriched uranium to the United States. "
                    "The EBRD last held its annual meeting in Central Asia in 2003. "
                    "Blinken met President Shavkat Mirziyoyev before a meeting of G20 foreign ministers."))
    assert not any(r.predicate == "suppliesTo" for r in a.relations)
    assert {(r.subject, r.object) for r in a.relations if r.predicate == "meetsWith"} <= {
        ("antony-blinken", "shavkat-mirziyoyev"), ("blinken", "shavkat-mirziyoyev")}
    assert not any("g20" in (r.subject, r.object) or "central-asia" in (r.subject, r.object)
                   for r in a.relations if r.predicate == "meetsWith")
    b = extract(doc("Russia exports uranium to China. French President Emmanuel Macron held talks with "
                    "Kazakh President Kassym-Jomart Tokayev in Astana."))
    assert ("russia", "suppliesTo", "china") in triples(b)
    assert ("emmanuel-macron", "meetsWith", "kassym-jomart-tokayev") in triples(b)
    assert not any(r.predicate == "negotiatesWith" for r in b.relations)


def test_a_stake_is_in_the_name_right_after_the_trigger():
    a = extract(doc("Rosatom holds stakes in the Karatau and Akbastau joint ventures, and China General Nuclear Power "
                    "Group (CGN) holds 49% of Semizbay-U."))
    owned = {r.object for r in a.relations if r.predicate == "owns"}
    assert "cgn" not in owned and "semizbay-u" in owned


def test_demonym_before_a_title_modifies_the_holder():
    a = extract(doc("Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Astana."))
    assert ("xi-jinping", "meetsWith", "kassym-jomart-tokayev") in triples(a)
    assert not any(r.predicate == "meetsWith" and "kazakhstan" in (r.subject, r.object) for r in a.relations)


def test_an_office_after_a_copula_is_held_by_the_person_before_it():
    def offices(text):
        return sorted((r.subject, r.object) for r in propose_annotation(doc(text)).relations
                      if r.predicate == "holdsOffice")

    assert offices("Tokayev is the President of Kazakhstan.") == [("kassym-jomart-tokayev", "president-of-kazakhstan")]
    assert offices("Almasadam Satkaliyev is Kazakhstan's Minister of Energy.") == [
        ("almasadam-satkaliyev", "minister-of-energy-of-kazakhstan")]
    assert offices("Tokayev met Putin, who is the President of Russia.") == [("vladimir-putin", "president-of-russia")]
    # a portfolio of capitalised words runs up to the person it names
    assert offices("Uzbekistan's Minister of Mining Industry and Geology Bobir Islamov met the EBRD president.") == [
        ("bobir-islamov", "minister-of-mining-industry-and-geology-of-uzbekistan")]
    assert offices("Kazakhstan's Minister of Industry and Construction Kanat Sharlapaev visited Seoul.") == [
        ("kanat-sharlapaev", "minister-of-industry-and-construction-of-kazakhstan")]
    assert offices("Prime Minister of Japan Fumio Kishida visited Astana.") == [("fumio-kishida", "prime-minister-of-japan")]
    assert not [o for _, o in offices("Kazakh Deputy Prime Minister and Foreign Minister Murat Nurtleu met Blinken.")
                if "-and-foreign-minister" in o]
    # (a former office is held no more)
    assert offices("Tokayev met Nazarbayev, the former President of Kazakhstan.") == []


def test_person_after_a_sentence_initial_stopword_and_appositions_after_offices():
    a = extract(doc("As Dana Omarova, a researcher at the Aral Policy Institute, has argued, the region is rich."))
    assert ("dana-omarova", "affiliatedWith", "aral-policy-institute") in triples(a)
    b = extract(doc("The President of the European Council, António Costa, and the President of Kazakhstan, "
                    "Kassym-Jomart Tokayev, met in Astana for the Astana Investment Forum."))
    assert {"antonio-costa", "kassym-jomart-tokayev"} <= {r.subject for r in b.relations if r.predicate == "participatesIn"}


def test_hedge_of_the_verb_does_not_deny_a_nominal_relation():
    a = propose_annotation(doc("The rivalry between China and Russia may not serve Kazakhstan."))
    assert ("china", "rivalOf", "russia") in triples(a)


def test_folding_one_character_to_one_keeps_its_word_class():
    """The rule pre-filter reads a sentence's words from its tokens when folding maps every character of the text to
    one character: that is sound only if such a character stays a word character, or a non-word one."""
    import re

    from crmgraph.extract.relations import _FOLD, fold

    word = re.compile(r"\w")
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = fold(char)
        assert folded, hex(code)  # no character folds to nothing
        assert folded == char.translate(_FOLD).casefold(), hex(code)
        if len(folded) == 1:
            assert bool(word.match(char)) == bool(word.match(folded)), hex(code)


def test_rule_candidates_from_tokens_are_those_from_the_text():
    """Candidates from a sentence's tokens and folded text equal those from its text."""
    import sys

    from crmgraph.corpus import split_sentences
    from crmgraph.extract.gazetteer import TOKEN, load_lexicon
    from crmgraph.extract.relations import _ruleset, fold

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_extract import generate

    ruleset = _ruleset(load_lexicon())
    texts = [p.read_text(encoding="utf-8") for p in [*TEXTS.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]]
    texts += [generate(30_000, seed=11), "İNVESTED in ſupplies; Ⅻ trade partner of ΣΑΣ, assistance ı support.",
              "Straße-Investoren INVESTIERTEN in ﬁrms. Kazakhstan’s trade partner is China."]
    for text in texts:
        for sentence in split_sentences(text):
            plain = [r.name for r in ruleset.candidates(sentence.text)]
            # as the extractor folds a sentence, and passes its tokens when folding maps each character to one
            folded = sentence.text.casefold() if sentence.text.isascii() else fold(sentence.text)
            tokens = TOKEN.findall(sentence.text) if len(folded) == len(sentence.text) else None
            fast = [r.name for r in ruleset.candidates(sentence.text, folded, tokens)]
            assert fast == plain, sentence.text


def test_backref_pattern_lookahead_changes_no_match():
    import re

    from crmgraph.extract.gazetteer import load_lexicon
    from crmgraph.extract.recognise import _backref_pattern

    lex = load_lexicon()
    phrases = sorted(lex.backrefs, key=len, reverse=True) + lex.pair_refs
    plain = re.compile(r"\b(" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)
    texts = [p.read_text(encoding="utf-8") for p in [*TEXTS.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]]
    texts.append("THE BANK and ſhe; The Two Sides, both LEADERS. He said. the bloc’s the two countries")
    for text in texts:
        assert [m.span() for m in _backref_pattern(lex).finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_outputs_do_not_depend_on_the_caches():
    """The memoised look-ups (dates, words, rule keys) give what a fresh computation gives."""
    from crmgraph.extract import dates, relations
    from crmgraph.extract.gazetteer import slugify

    text = (TEXTS / "press-release-eu-kazakhstan-2022.txt").read_text(encoding="utf-8")
    first = extract(doc(text))
    dates._find_date.cache_clear()
    relations._word_set.cache_clear()
    relations._word_tuple.cache_clear()
    ruleset = relations._ruleset(extract.__globals__["load_lexicon"]())
    ruleset.memo.clear()
    ruleset.token_memo.clear()
    ruleset._by_mask.clear()
    slugify.cache_clear()
    assert extract(doc(text)) == first


def test_title_pattern_matches_what_the_plain_pattern_matches():
    """The title pattern (look-behind after each title's first character) finds what the plain pattern finds."""
    import re

    from crmgraph.extract.gazetteer import load_lexicon
    from crmgraph.extract.offices import _title_pattern

    titles = load_lexicon().titles
    alternatives = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    plain = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    texts = [p.read_text(encoding="utf-8") for p in [*TEXTS.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]]
    texts += ["President", "xPresident", "-President Premier", "\nPrime Minister-", "Vice-President Vice President",
              "_Chancellor (Chancellor)\n" + "\n".join(titles)]
    for text in texts:
        assert [m.span() for m in _title_pattern(titles).finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_person_pattern_matches_what_the_plain_pattern_matches():
    """The person pattern (look-behind after the first capital) finds and matches what the plain pattern does."""
    import re

    from crmgraph.extract.recognise import _NAME_WORD, _PERSON

    plain = re.compile(rf"(?<![\w.-])({_NAME_WORD}(?:-{_NAME_WORD})?)\s({_NAME_WORD}(?:-{_NAME_WORD})?)(?:\s({_NAME_WORD}))?(?![\w-])")
    texts = [p.read_text(encoding="utf-8") for p in [*TEXTS.glob("*.txt"), *(ROOT / "corpus").glob("*.txt")]]
    texts += ["Ab Cd", "xAb Cd", ".Ab Cd", "-Ab Cd", "\nAb Cd Ef", "Ab-Cd Ef-Gh Ij", "É Ab Cd", "_Ab Cd", "Ab Cd-"]
    for text in texts:
        assert [m.groups() for m in _PERSON.finditer(text)] == [m.groups() for m in plain.finditer(text)]
        for position in range(0, min(len(text), 2000), 3):
            found, expected = _PERSON.match(text, position), plain.match(text, position)
            assert (found and found.span()) == (expected and expected.span())


def _bodies(annotation) -> dict[str, str]:
    return {e.id: e.label for e in annotation.entities if e.type == "GovernmentBody"}


def test_a_ministry_takes_the_state_the_text_gives_it():
    a = extract(doc("China’s Ministry of Commerce announced controls on gallium exports. "
                    "The ministry said the rules protect national security."))
    assert _bodies(a) == {"ministry-of-commerce-of-china": "Ministry of Commerce of China"}
    assert ("ministry-of-commerce-of-china", "basedIn", "china") in triples(a)
    assert "Ministry of Commerce" in next(e for e in a.entities if e.type == "GovernmentBody").aliases
    # a demonym before it, "of (the) <state>" after it
    assert set(_bodies(extract(doc("The Chinese Ministry of Commerce announced controls on gallium.")))) == \
        {"ministry-of-commerce-of-china"}
    assert set(_bodies(extract(doc("The Ministry of Foreign Affairs of the Republic of Korea welcomed the talks.")))) \
        == {"ministry-of-foreign-affairs-of-south-korea"}


def test_two_states_ministries_are_two_entities():
    a = extract(doc("Kazakhstan’s Ministry of Commerce met officials in Astana. Later, China’s Ministry of Commerce "
                    "announced export licences for gallium."))
    assert set(_bodies(a)) == {"ministry-of-commerce-of-kazakhstan", "ministry-of-commerce-of-china"}
    # named apart before the relations are read: the agreement both signed is named after each, of its own state
    b = extract(doc("China’s Ministry of Commerce and Kazakhstan’s Ministry of Commerce signed a memorandum in 2024."))
    assert [e.id for e in b.entities if e.type == "Memorandum"] \
        == ["ministry-of-commerce-of-china-ministry-of-commerce-of-kazakhstan-memorandum-2024"]


def test_a_generic_agency_a_state_owns_is_that_states_and_a_proper_name_stays_its_own():
    a = extract(doc("Rosatom and Uzbekistan’s Atomic Energy Agency (Uzatom) signed a preliminary agreement in 2018."))
    assert set(_bodies(a)) == {"atomic-energy-agency-of-uzbekistan"}
    b = extract(doc("The Euratom Supply Agency said Kazakhstan supplied a quarter of the EU's uranium."))
    assert "euratom-supply-agency" in {e.id for e in b.entities}


def test_a_ministry_of_no_named_state_stays_in_its_document(tmp_path):
    from rdflib import Graph
    from rdflib.namespace import RDF

    from crmgraph.ontology import CRM

    a = extract(doc("The Ministry of Commerce said on Monday that gallium exports would need licences."))
    assert _bodies(a) == {"ministry-of-commerce-memo": "Ministry of Commerce (memo)"}
    # two documents, two ministries of foreign affairs that the texts do not say are one: two nodes in the graph
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "seoul-readout.txt").write_text(
        "Seoul, 14 June 2024. The Ministry of Foreign Affairs said Korea and Kazakhstan signed a memorandum on "
        "critical minerals.\n", encoding="utf-8")
    (corpus / "astana-readout.txt").write_text(
        "Astana, 2 May 2024. The Ministry of Foreign Affairs said Kazakhstan and Germany agreed to cooperate on "
        "rare earth elements.\n", encoding="utf-8")
    result = run_cli("build", "--corpus", str(corpus), "--out", str(tmp_path / "g"), "--no-validate")
    assert result.returncode == 0, result.stderr
    graph = Graph().parse(tmp_path / "g" / "crmgraph.ttl")
    bodies = {str(s).rsplit("/", 1)[-1] for s in graph.subjects(RDF.type, CRM.GovernmentBody)}
    assert {"ministry-of-foreign-affairs-seoul-readout", "ministry-of-foreign-affairs-astana-readout"} <= bodies
    assert "ministry-of-foreign-affairs" not in bodies


def test_two_possessive_ministries_joined_by_and_are_two_names():
    a = extract(doc("Kazakhstan’s Ministry of Energy and Uzbekistan’s Ministry of Energy signed a memorandum on "
                    "uranium in 2024."))
    # the gazetteer's ids and names, which these mentions now reach
    assert _bodies(a) == {"ministry-of-energy-of-kazakhstan": "Ministry of Energy of the Republic of Kazakhstan",
                          "ministry-of-energy-of-uzbekistan": "Ministry of Energy of the Republic of Uzbekistan"}
    assert ("ministry-of-energy-of-uzbekistan", "basedIn", "uzbekistan") in triples(a)


def test_a_lexicon_word_that_yaml_reads_as_true_is_refused(tmp_path):
    import shutil

    from crmgraph.errors import CrmgraphError
    from crmgraph.extract.gazetteer import load_lexicon

    lexicon = tmp_path / "lexicon"
    shutil.copytree(ROOT / "lexicon", lexicon)
    heads = lexicon / "heads.yaml"
    heads.write_text(heads.read_text(encoding="utf-8").replace('for, "on", the', "for, on, the"), encoding="utf-8")
    with pytest.raises(CrmgraphError, match=r"heads\.yaml: connectors\[3\] is true.*quote"):
        load_lexicon(str(lexicon))
    # and the shipped lexicon has "on" as a word: "Law on Subsoil" and "Committee on Geology" are names
    assert "on" in load_lexicon().connectors and "On" in load_lexicon().stopwords


def test_the_head_before_of_on_for_types_the_name():
    a = extract(doc("Bobir Islamov chaired the State Committee on Geology and Mineral Resources in Tashkent."))
    bodies = [e for e in a.entities if e.quote == "State Committee on Geology and Mineral Resources"]
    assert [e.type for e in bodies] == ["GovernmentBody"]
    assert not [e for e in a.entities if e.type == "Company"]


def test_a_ministry_of_several_fields_is_one_name():
    a = extract(doc("Japan’s Ministry of Economy, Trade and Industry signed a memorandum with Kazakhstan in 2023."))
    assert set(_bodies(a)) == {"ministry-of-economy-trade-and-industry-of-japan"}
    assert _bodies(extract(doc("We met the Ministry of Mining, Industry, and Geology."))) == {
        "ministry-of-mining-industry-and-geology-memo": "Ministry of Mining, Industry, and Geology (memo)"}
    # a list of names after the comma is a list, not the ministry's fields
    a = extract(doc("The Ministry of Energy, Kazakhstan and Uzbekistan signed a memorandum in 2024."))
    assert set(_bodies(a)) == {"ministry-of-energy-memo"}
    assert {"kazakhstan", "uzbekistan"} <= {e.id for e in a.entities}


def test_x_is_ys_largest_trading_partner():
    a = extract(doc("Kazakhstan, the world’s largest producer of uranium, is South Korea’s largest trading partner in "
                    "Central Asia. China has become Kazakhstan’s main trading partner."))
    assert ("kazakhstan", "tradePartnerOf", "south-korea") in triples(a)
    assert ("china", "tradePartnerOf", "kazakhstan") in triples(a)
    assert ("kazakhstan", "suppliesTo", "china") in triples(extract(doc("Kazakhstan is China’s largest supplier of "
                                                                         "uranium.")))
    assert ("china", "investsIn", "kyrgyzstan") in triples(extract(doc("China has become Kyrgyzstan’s biggest foreign "
                                                                       "investor.")))
    # a role noun a possessive owns is the possessor's: no edge from the name before it, nor from the possessor
    assert triples(extract(doc("Russia remains Kazakhstan’s biggest supplier of uranium."))) == {
        ("russia", "suppliesTo", "kazakhstan")}
    assert not {t for t in triples(extract(doc("China’s largest supplier of uranium is Kazakhstan."))) if t[1] == "suppliesTo"}
    # the possessor must follow its subject's copula: no partner from a list of names
    assert not {t for t in triples(extract(doc("Germany and China’s largest trading partner met in Berlin.")))
                if t[1] == "tradePartnerOf"}


def test_korea_alone_is_the_korea_the_text_has_named():
    a = extract(doc("The Republic of Korea and Kazakhstan signed a memorandum in 2024. Kazakhstan is Korea’s largest "
                    "trading partner in Central Asia."))
    assert ("kazakhstan", "tradePartnerOf", "south-korea") in triples(a)
    # unnamed, or both named: "Korea" stays unknown
    assert "south-korea" not in {e.id for e in extract(doc("Kazakhstan is Korea’s largest trading partner.")).entities}
    both = extract(doc("South Korea and North Korea differ. Korea is divided, and Korea’s partners know it."))
    assert {e.quote for e in both.entities} == {"South Korea", "North Korea"}


def test_a_demonym_before_companies_is_not_the_state():
    a = extract(doc("The Republic of Korea signed a memorandum with Kazakhstan. Korean companies have invested in "
                    "Kazakhstan’s energy sector for years, and Chinese mining firms invest in Kyrgyzstan."))
    assert not {t for t in triples(a) if t[1] == "investsIn"}


def test_evaluate_lists_the_same_mention_under_another_id():
    from crmgraph.extract.evaluate import evaluate_files, format_evaluation

    ev = evaluate_files(TEXTS / "readout-korea-central-asia-state-visits-2024.txt")
    pairs = {(p, g) for p, g, _, _ in ev.other_ids}
    assert ("south-korea-kazakhstan-memorandum-2024", "korea-kazakhstan-critical-minerals-memorandum-2024") in pairs
    assert (("kazakhstan", "partyTo", "south-korea-kazakhstan-memorandum-2024"),
            ("kazakhstan", "partyTo", "korea-kazakhstan-critical-minerals-memorandum-2024")) in ev.other_id_relations
    # a diagnosis only: the pair is still one false and one missed entity
    assert "south-korea-kazakhstan-memorandum-2024" in {i for i, _, _ in ev.false_entities}
    assert "The same mention under another id" in format_evaluation(ev)


def test_headline_present_tense_and_en_dash_names():
    a = extract(doc("- 1 December 2021 – European Commission launches the Global Gateway.\n"
                    "- 7 November 2022 – EU and Kazakhstan sign a memorandum of understanding on raw materials; "
                    "signatories: Commission Vice-President Maroš Šefčovič and Prime Minister Alikhan Smailov.\n"
                    "- 3–4 April 2025 – First EU–Central Asia Summit in Samarkand.\n"))
    assert ("european-commission", "establishes", "global-gateway") in triples(a)
    parties = {s for s, p, o in triples(a) if p == "partyTo"}
    assert {"european-union", "kazakhstan"} <= parties
    # "Commission" is the European Commission once the text has named it
    assert ("maros-sefcovic", "holdsOffice", "vice-president-of-the-european-commission") in triples(a)
    assert any(e.id.startswith("eu-central-asia-summit") for e in a.entities)
    # an intention is not a signature
    b = extract(doc("Kazakhstan and the EU agreed to sign a memorandum of understanding on raw materials in 2025."))
    assert not {t for t in triples(b) if t[1] == "partyTo"}


def test_honorifics_introduce_persons():
    a = extract(doc("Witnesses: Dr. Saule Temirova, Director of Eurasian Studies, Meridian Policy Institute; "
                    "Mr. Thomas Brandt, Chief Executive Officer, Aralis Minerals."))
    persons = {e.id: e.type for e in a.entities if e.type in ("Person", "Leader")}
    assert persons == {"saule-temirova": "Person", "thomas-brandt": "Person"}


def test_hosted_by_and_a_new_clause_after_a_comma():
    a = extract(doc("On 6 November, during Kazakh President Kassym-Jomart Tokayev’s visit to Washington for the C5+1 "
                    "summit hosted by US President Donald Trump, Cove Kaz Capital Group, a portfolio company of "
                    "US-based Cove Capital, agreed with Tau-Ken Samruk to develop tungsten deposits.",
                    date="2025-11-27"))
    summit = next(e.id for e in a.entities if e.type == "Summit")
    assert (summit, "organisedBy", "donald-trump") in triples(a)
    assert ("donald-trump", "participatesIn", summit) in triples(a)
    # the company after the comma is the subject of the next clause, not a second host
    assert not {t for t in triples(a) if t[1] == "organisedBy" and t[2] != "donald-trump"}
    # nor are coordinated subjects after the comma
    b = extract(doc("At the Astana International Forum in 2024 hosted by Kazakhstan, China and Russia signed a "
                    "memorandum."))
    assert {o for s, p, o in triples(b) if p == "organisedBy"} == {"kazakhstan"}


def test_those_who_meet_at_a_summit_take_part_in_it():
    a = extract(doc("At the China–Central Asia Summit in Xi’an in May 2023, Chinese President Xi Jinping met Kazakh "
                    "President Kassym-Jomart Tokayev."))
    participation = {r.subject: r for r in a.relations if r.predicate == "participatesIn"}
    assert set(participation) == {"xi-jinping", "kassym-jomart-tokayev"}
    # the one met, not the subject of the opening "At the …", is there by the meeting: flagged for review
    assert participation["kassym-jomart-tokayev"].provenance.rule == "meetsWith-at-event"
    assert participation["kassym-jomart-tokayev"].provenance.needs_review
    # two events in the sentence: which one the meeting was at is not said
    b = extract(doc("Before the Astana International Forum in 2024 and after the China–Central Asia Summit in 2023, "
                    "Xi Jinping met Kassym-Jomart Tokayev."))
    assert not {t for t in triples(b) if t[1] == "participatesIn"}
    # a meeting ahead of, after or to prepare an event is not at it
    for text in ("Ahead of the SCO Summit in Astana in 2024, Xi Jinping met Vladimir Putin in Moscow.",
                 "Xi Jinping met Vladimir Putin in Moscow to prepare for the SCO Summit in Astana in 2024."):
        assert not {t for t in triples(extract(doc(text))) if t[1] == "participatesIn"}, text
    c = extract(doc("On the sidelines of the SCO Summit in Astana in 2024, Xi Jinping met Vladimir Putin."))
    assert {s for s, p, o in triples(c) if p == "participatesIn"} == {"xi-jinping", "vladimir-putin"}


def test_the_subjects_of_a_sentence_opening_at_a_summit_take_part_in_it():
    a = extract(doc("At the first China–Central Asia Summit in Xi’an in May 2023, Chinese President Xi Jinping and "
                    "Kazakh President Kassym-Jomart Tokayev announced new projects."))
    assert {s for s, p, o in triples(a) if p == "participatesIn"} == {"xi-jinping", "kassym-jomart-tokayev"}
    # an actor that is not the main clause's subject takes no part
    b = extract(doc("At the China–Central Asia Summit in Xi’an in May 2023, analysts said that Kazakhstan gained most."))
    assert not {t for t in triples(b) if t[1] == "participatesIn"}


def test_its_ministry_is_the_one_state_of_the_sentence():
    a = extract(doc("China, the largest producer, has required export licences for antimony since 2024; its Ministry of "
                    "Commerce said the controls protect national security."))
    assert set(_bodies(a)) == {"ministry-of-commerce-of-china"}
    assert ("ministry-of-commerce-of-china", "basedIn", "china") in triples(a)
    # two states before the pronoun: whose is not said
    b = extract(doc("Kazakhstan signed a memorandum with China in 2024; its Ministry of Energy welcomed it."))
    assert set(_bodies(b)) == {"ministry-of-energy-memo"}
    # a capital names its government: "Beijing said its …" is not Kazakhstan's ministry
    d = extract(doc("After talks with Kazakhstan, Beijing said its Ministry of Commerce would issue licences."))
    assert set(_bodies(d)) == {"ministry-of-commerce-memo"}
    c = extract(doc("The Ministry of Foreign Affairs of the Republic of Korea welcomed the talks."))
    assert ("ministry-of-foreign-affairs-of-south-korea", "basedIn", "south-korea") in triples(c)


def test_an_annual_reports_self_references_are_no_names():
    a = extract(doc("In 2024 the Group produced 23,270 tonnes of uranium. Samruk-Kazyna holds 75% of the Company."))
    assert not [e for e in a.entities if e.type == "Company"]
    assert not {t for t in triples(a) if t[1] in ("produces", "owns")}
    # a subject inside "…, our joint venture with CGN, …" is not the subject: the venture (unrecognised here) is
    b = extract(doc("Ulba-FA, our joint venture with CGN, makes fuel assemblies at Ust-Kamenogorsk and supplies them to "
                    "nuclear power plants in China."))
    assert not {t for t in triples(b) if t[1] == "suppliesTo"}


def test_a_shareholder_list_gives_each_holder_a_stake_in_the_venture():
    a = extract(doc("Our joint ventures:\n"
                    "• JV Inkai – Kazatomprom 60%, Cameco (Canada) 40%.\n"
                    "• Appak – Kazatomprom 65%, Sumitomo Corporation (Japan) 25%, Kansai Electric Power 10%.\n"
                    "• Karatau and Akbastau – Kazatomprom 50% each; the other 50% is held by Uranium One.\n"
                    "• Kazatomprom – Samruk-Kazyna 75%, Free Float 25%.\n"))
    owns = {(s, o) for s, p, o in triples(a) if p == "owns"}
    assert {("kazatomprom", "jv-inkai"), ("cameco", "jv-inkai"), ("kazatomprom", "appak"),
            ("sumitomo-corporation", "appak"), ("kansai-electric-power", "appak"), ("kazatomprom", "karatau"),
            ("kazatomprom", "akbastau"), ("samruk-kazyna", "kazatomprom")} <= owns
    by_id = {e.id: e for e in a.entities}
    assert by_id["jv-inkai"].type == by_id["kansai-electric-power"].type == "Company"
    assert "free-float" not in by_id
    stake = next(r for r in a.relations if (r.subject, r.object) == ("cameco", "jv-inkai"))
    assert stake.quote == "JV Inkai – Kazatomprom 60%, Cameco (Canada) 40%" and stake.provenance.rule == "stake-list"


def test_a_share_of_output_or_a_list_that_adds_up_to_too_much_is_no_stake():
    a = extract(doc("Shares of world output:\n"
                    "• REE – China 70%, Myanmar 11%.\n"
                    "• Lithium – Australia 47%, Chile 24%.\n"
                    "• Steppe Mining – Kazatomprom 70%, Cameco 40%.\n"       # 110%
                    "• Karatau and Akbastau – Kazatomprom 50%.\n"            # a share of which?
                    "• Tokayev – Kazatomprom 50%.\n"))
    assert not [t for t in triples(a) if t[1] == "owns"]
    assert not [e for e in a.entities if e.id in ("karatau", "akbastau", "ree")]


def test_a_sentence_without_a_year_is_dated_by_the_documents_date_where_it_says_how():
    def dates(text, date):
        a = extract(doc(text, date=date) if date else doc(text))
        return {(r.subject, r.predicate, r.object): r.date for r in a.relations}

    assert dates("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev last month.",
                 "2025-01-10")[("kassym-jomart-tokayev", "meetsWith", "shavkat-mirziyoyev")] == "2024-12"
    assert dates("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev yesterday.",
                 "2024-03-01")[("kassym-jomart-tokayev", "meetsWith", "shavkat-mirziyoyev")] == "2024-02-29"
    assert dates("On 16 September Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev.",
                 "2024-10")[("kassym-jomart-tokayev", "meetsWith", "shavkat-mirziyoyev")] == "2024-09-16"
    # not dated: no date of the document; a month later than it; a period ("over the last year"); two that
    # disagree; a paragraph about another year
    met = ("kassym-jomart-tokayev", "meetsWith", "shavkat-mirziyoyev")
    assert dates("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev last month.", None)[met] is None
    assert dates("In November Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev.",
                 "2024-10")[met] is None
    assert dates("Over the last year Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev.",
                 "2024-10")[met] is None
    assert dates("Last year and again this year Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat "
                 "Mirziyoyev.", "2024-10")[met] is None
    assert dates("The 2019 talks were tense. In April Kazakh President Kassym-Jomart Tokayev met Uzbek President "
                 "Shavkat Mirziyoyev.", "2024-10")[met] is None
    # a generic memorandum of the document's year links to the gazetteer's agreement
    a = extract(doc("In April the European Union signed a memorandum of understanding with Uzbekistan on critical raw "
                    "materials.", date="2024-10"))
    assert {("european-union", "partyTo", "eu-uzbekistan-crm-partnership-2024"),
            ("uzbekistan", "partyTo", "eu-uzbekistan-crm-partnership-2024")} <= triples(a)


def test_membership_of_an_organisation_of_states():
    a = extract(doc("Osmonaliev noted that Kazakhstan and Kyrgyzstan are members of the Eurasian Economic Union, and that "
                    "Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan are members of the Shanghai Cooperation "
                    "Organisation. Uzbekistan, an observer, is not a member of the EAEU."))
    members = {(s, o) for s, p, o in triples(a) if p == "memberOf"}
    assert members == {("kazakhstan", "eaeu"), ("kyrgyzstan", "eaeu"), ("kazakhstan", "sco"), ("kyrgyzstan", "sco"),
                       ("tajikistan", "sco"), ("uzbekistan", "sco")}


def test_a_capitalised_preposition_opening_a_sentence_is_no_part_of_a_name():
    a = extract(doc("Under the Critical Raw Materials Act, tungsten is a strategic raw material. Among the Steppe Mining "
                    "Forum delegates was Kazakhstan."))
    ids = {e.id for e in a.entities}
    assert {"critical-raw-materials-act", "steppe-mining-forum"} <= ids
    assert not [i for i in ids if i.startswith(("under-", "among-"))]


def test_a_name_with_particles_and_a_role_with_an_organisation():
    a = extract(doc("Pieter van Rossum, a senior adviser at the Lowlands Policy Institute, reviewed the European track. "
                    "Aibek Osmonaliev, a geologist with the Tien Shan Research Institute, described the resource base."))
    facts = triples(a)
    assert ("pieter-van-rossum", "affiliatedWith", "lowlands-policy-institute") in facts
    assert ("aibek-osmonaliev", "affiliatedWith", "tien-shan-research-institute") in facts
    assert "van-rossum" not in {e.id for e in a.entities}


def test_a_formats_summit_is_an_edition_and_the_format_stays_itself():
    a = extract(doc("We have the C5+1 format. In September 2023 US President Joe Biden met the five Central Asian "
                    "presidents in New York at the first C5+1 summit of presidents."))
    types = {e.id: e.type for e in a.entities}
    assert types.get("c5-plus-1") == "DiplomaticFormat" and types.get("c5-plus-1-summit-2023") == "Summit"
    assert ("joe-biden", "participatesIn", "c5-plus-1-summit-2023") in triples(a)
    # a summit without a year, after a paragraph's other year, is not the document's year's
    b = extract(doc("The EU signed a memorandum with Kazakhstan in November 2022. At the first C5+1 summit, leaders met.",
                    date="2024-05-14"))
    assert not [e for e in b.entities if e.id.startswith("c5-plus-1-summit")]
    # "the Dialogue, launched at …": a participle; the name before it launched nothing
    c = extract(doc("The C5+1 Critical Minerals Dialogue, launched at the C5+1 format meeting, still matters."))
    assert not [t for t in triples(c) if t[1] == "establishes"]


def test_a_title_after_a_name_without_an_article_and_a_ministers_portfolio():
    a = extract(doc("Key people:\n- Ursula von der Leyen, President of the European Commission\n"
                    "- Bobir Islamov, Uzbekistan’s Minister of Mining Industry and Geology, chaired the committee.\n"))
    facts = triples(a)
    assert ("ursula-von-der-leyen", "holdsOffice", "president-of-the-european-commission") in facts
    assert ("bobir-islamov", "holdsOffice", "minister-of-mining-industry-and-geology-of-uzbekistan") in facts
    assert ("minister-of-mining-industry-and-geology-of-uzbekistan", "officeIn", "uzbekistan") in facts
    # a name right after the portfolio is no part of it
    b = extract(doc("Uzbekistan’s Minister of Mining Industry and Geology Bobir Islamov said it."))
    assert not [e for e in b.entities if "bobir" in e.id and e.type == "Office"]


def test_a_markdown_table_states_the_facts_its_headers_name():
    text = ("| Country | Head of state | Key mineral resources | Key agreements |\n"
            "|---|---|---|---|\n"
            "| Kazakhstan | President Kassym-Jomart Tokayev | uranium, tungsten | EU memorandum (2022) |\n"
            "| Kyrgyzstan and Tajikistan | – | antimony | – |\n"
            "\n"
            "| Organisation | Central Asian members |\n"
            "|:---|---:|\n"
            "| Eurasian Economic Union (EAEU) | Kazakhstan, Kyrgyzstan |\n"
            "\n"
            "| Organisation | Observers |\n"
            "|---|---|\n"
            "| Eurasian Economic Union | Uzbekistan |\n")
    a = extract(doc(text))
    facts = triples(a)
    assert {("kazakhstan", "hasReserves", "uranium"), ("kazakhstan", "hasReserves", "tungsten"),
            ("kazakhstan", "memberOf", "eaeu"), ("kyrgyzstan", "memberOf", "eaeu")} <= facts
    # a row of two names is no one row's; an observer is no member; a column the lexicon does not know states nothing
    assert not {f for f in facts if f[2] == "antimony"}
    assert ("uzbekistan", "memberOf", "eaeu") not in facts
    quote = next(r.quote for r in a.relations if r.object == "uranium")
    assert quote == "Kazakhstan | President Kassym-Jomart Tokayev | uranium, tungsten | EU memorandum (2022)"
    assert next(r for r in a.relations if r.object == "uranium").provenance.rule == "table-hasReserves"


def test_reserves_named_inside_the_verb_phrase_and_an_organisation_based_in_a_place():
    a = extract(doc("Kazakhstan also has large tungsten deposits. Kazakhstan has no lithium deposits. The Aral Policy "
                    "Institute is an independent research centre based in Almaty."))
    kept = {(r.subject, r.predicate, r.object) for r in a.relations if r.provenance.confidence >= DEFAULT_MIN_CONFIDENCE}
    assert ("kazakhstan", "hasReserves", "tungsten") in kept
    assert ("kazakhstan", "hasReserves", "lithium") not in kept  # negated
    assert ("aral-policy-institute", "basedIn", "almaty") in kept
    b = extract(doc("The Steppe Policy Institute hired a consultant based in Almaty."))
    assert not [t for t in triples(b) if t[1] == "basedIn"]


# --- what a review of the new rules found (each fails without its fix) -------------------------------------------


def test_a_dash_and_percentages_without_a_word_about_shareholders_are_no_stakes():
    a = extract(doc("Results:\n• Kazatomprom – Q3 Output Up 12%\n• Market Share – Kazatomprom 23%, Cameco 15%, Orano 10%.\n"
                    "• Revenue – Kazatomprom 60%, Cameco 40%.\n"))
    assert not [t for t in triples(a) if t[1] == "owns"]


def test_a_table_cell_that_is_more_than_a_list_of_names_states_nothing():
    a = extract(doc("| Organisation | Members |\n|---|---|\n"
                    "| Eurasian Economic Union (EAEU) | Kazakhstan, Kyrgyzstan; Uzbekistan (observer since 2020) |\n"
                    "| Shanghai Cooperation Organisation (SCO) | all Central Asian states except Turkmenistan |\n"
                    "| Organization of Turkic States | Kazakhstan (since 2009), Kyrgyzstan and Uzbekistan |\n"
                    "\n| Country | Key resources |\n|---|---|\n| Kyrgyzstan | gold; no significant uranium |\n"))
    facts = triples(a)
    assert ("uzbekistan", "memberOf", "eaeu") not in facts and ("turkmenistan", "memberOf", "sco") not in facts
    assert ("kyrgyzstan", "hasReserves", "uranium") not in facts
    assert ("kyrgyzstan", "memberOf", "organization-of-turkic-states") in facts


def test_with_makes_an_affiliation_only_right_after_the_role():
    a = extract(doc("Aigerim Sadykova, an analyst who met with Kazatomprom officials, said the talks went well. "
                    "Dana Omarova, a geologist with Kazatomprom's backing, said so."))
    assert not [t for t in triples(a) if t[1] == "affiliatedWith"]


def test_a_relative_date_dates_only_its_own_clause():
    a = extract(doc("Kazakhstan produces 40% of the world's uranium, up from 38% last year.", date="2024-05-14"))
    assert next(r.date for r in a.relations if r.predicate == "produces") is None
    b = extract(doc("The EU and Uzbekistan signed a memorandum on critical raw materials, building on talks held last "
                    "year.", date="2025-03-10"))
    assert "eu-uzbekistan-crm-partnership-2024" not in {e.id for e in b.entities}
    # what is to come, a named day that is no date, an impossible day
    for text in ("The EU will sign a memorandum with Uzbekistan in April.",
                 "Since the September 11 attacks, the EU has signed a memorandum with Uzbekistan.",
                 "The EU signed a memorandum with Uzbekistan on 30 February."):
        c = extract(doc(text, date="2024-10-14"))
        assert {r.date for r in c.relations if r.predicate == "partnerOf"} == {None}, text


def test_members_of_something_else_are_no_members_of_an_organisation():
    a = extract(doc("Kazakhstan and Uzbekistan are members of the working group created by the European Union. "
                    "Kazakhstan and Uzbekistan are members of the delegation to the Shanghai Cooperation Organisation."))
    assert not [t for t in triples(a) if t[1] == "memberOf"]


def test_a_bare_apposition_takes_no_title_that_goes_on_to_another_name():
    a = extract(doc("After meeting Tokayev, President of Uzbekistan Karimov said the deal was fair."))
    assert not [t for t in triples(a) if t[1] == "holdsOffice" and t[0] == "kassym-jomart-tokayev"]
    b = extract(doc("European Union leaders:\n- Kaja Kallas, High Representative of the Union for Foreign Affairs and "
                    "Security Policy\n"))
    assert [t for t in triples(b) if t[0] == "kaja-kallas" and t[1] == "holdsOffice"]


def test_a_formats_meeting_named_with_an_ordinal_or_a_takes_no_year_but_its_sentences():
    for text in ("In September, Biden recalled the first C5+1 summit of presidents, held in New York.",
                 "Leaders agreed in September to hold a C5+1 summit next year."):
        a = extract(doc(text, date="2024-10-02"))
        assert not [e for e in a.entities if e.type == "Summit"], text
        assert "C5+1" in {e.quote for e in a.entities}  # the format keeps its own name
    b = extract(doc("On 6 November, Tokayev flew to Washington for the C5+1 summit hosted by US President Donald Trump.",
                    date="2025-11-27"))
    # the day is the flight's clause's: the summit takes its year only
    assert {e.id: e.date for e in b.entities}.get("c5-plus-1-summit-2025") == "2025"


def test_after_a_bare_by_a_name_with_a_particle_is_no_person_and_a_comma_after_an_insertion_is_no_participle():
    a = extract(doc("The loan was provided by Banco de Desarrollo."))
    assert not [e for e in a.entities if e.type == "Person"]
    b = extract(doc("Kazakhstan, together with the European Union, launched the Global Gateway initiative."))
    assert ("kazakhstan", "establishes", "global-gateway") in triples(b)


# --- what a second review found ------------------------------------------------------------------------------------


def test_reserves_inside_a_verb_phrase_only_with_describing_words_between():
    for text in ("Russia has developed uranium deposits in Kazakhstan.", "Germany has access to lithium deposits.",
                 "Kazakhstan has exhausted its tungsten deposits."):
        assert not [t for t in triples(extract(doc(text))) if t[1] == "hasReserves"], text
    a = extract(doc("Kazakhstan has large tungsten and molybdenum deposits."))
    assert {("kazakhstan", "hasReserves", "tungsten"), ("kazakhstan", "hasReserves", "molybdenum")} <= triples(a)


def test_based_in_needs_the_organisation_itself_and_no_negation():
    for text in ("Kazatomprom is not based in Almaty.", "Kazatomprom is a partner of firms based in Almaty."):
        assert not [t for t in triples(extract(doc(text))) if t[1] == "basedIn"], text


def test_a_stake_list_needs_its_own_line_or_heading_to_say_so_and_no_measure_is_a_holder():
    for text in ("Kazatomprom reported results to partners on Monday.\nKazatomprom – Q3 Output Up 12%.\n",
                 "Our joint ventures:\nKazatomprom – Revenue Growth 12%, Net Margin 30%.\n"):
        assert not [t for t in triples(extract(doc(text))) if t[1] == "owns"], text


def test_relative_dates_of_another_thing_date_nothing():
    for text in ("After last year's drought Kazakhstan signed a memorandum with the European Union.",
                 "Kazakhstan signed a memorandum with the European Union that builds on talks held last month.",
                 "Ten years ago this month Kazakhstan signed a memorandum with the European Union.",
                 "Kazakhstan signed a memorandum with the European Union, compared to last year."):
        a = extract(doc(text, date="2024-05-14"))
        assert {r.date for r in a.relations if r.predicate == "partnerOf"} == {None}, text
    b = extract(doc("Kazakhstan has supplied uranium to China since the attacks of September 11.", date="2024-10-14"))
    assert {r.date for r in b.relations} == {None}
    c = extract(doc("In April, officials prepared for the C5+1 summit in New York.", date="2024-10-14"))
    assert {e.date for e in c.entities if e.type == "Summit"} <= {"2024"}  # the month is the preparing's


def test_a_former_or_past_span_is_no_membership_and_a_body_with_a_particle_is_no_person():
    assert not triples(extract(doc("Uzbekistan was a member of the CSTO.")))
    assert ("kazakhstan", "memberOf", "eaeu") in triples(extract(doc("Kazakhstan was a founding member of the EAEU.")))
    a = extract(doc("| Organisation | Members |\n|---|---|\n| Collective Security Treaty Organization | Kazakhstan, "
                    "Kyrgyzstan; Uzbekistan (2006–2012) |\n"))
    assert not [t for t in triples(a) if t[0] == "uzbekistan"]
    b = extract(doc("Banco del Sur said Kazakhstan supplies uranium to China."))
    assert not [e for e in b.entities if e.type == "Person"]


def test_a_region_written_with_a_capital_is_the_region_not_its_city():
    a = extract(doc("Upper Kairakty lies in the Karaganda Region. Naryn region is poor."))
    ids = {e.id: e.type for e in a.entities}
    assert ids.get("karaganda-region") == "Place" and "karaganda" not in ids
    assert ids.get("naryn-region") == "Place"


def test_a_state_alone_in_brackets_after_a_company_is_its_home():
    a = extract(doc("Our joint ventures:\n• JV Inkai – Kazatomprom 60%, Cameco (Canada) 40%.\n"
                    "- **Kazatomprom** (Kazakhstan): the world’s largest uranium producer.\n"
                    "Kazatomprom (Kazakhstan and Uzbekistan) grew. China General Nuclear Power Group (CGN) bought uranium.\n"))
    based = {(s, o) for s, p, o in triples(a) if p == "basedIn"}
    assert based == {("cameco", "canada"), ("kazatomprom", "kazakhstan")}
    b = extract(doc("Kazakhstan has some of the world’s largest uranium reserves."))
    assert ("kazakhstan", "hasReserves", "uranium") in triples(b)


def _assert_lexicon_edit_refused(folder: Path, name: str, old: str, new: str, message: str) -> None:
    """A copy of the lexicon in ``folder`` with ``old`` replaced by ``new`` in file ``name`` is refused in one line
    that matches ``message``."""
    import shutil

    from crmgraph.errors import CrmgraphError
    from crmgraph.extract.gazetteer import load_lexicon

    lexicon = folder / "lexicon"
    shutil.copytree(ROOT / "lexicon", lexicon)
    file = lexicon / name
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CrmgraphError, match=message) as info:
        load_lexicon(str(lexicon))
    assert "\n" not in str(info.value)


def test_a_lexicon_pattern_that_is_no_regular_expression_is_refused_in_one_line(tmp_path):
    for i, (name, old, new) in enumerate((
            ("tables.yaml", 'header: "(?:owners?|', 'header: "(?:owners?|(['),
            ("tables.yaml", 'share: "(?P<holder>', 'share: "((?P<holder>'),
            ("tables.yaml", 'partner: "(?:the', 'partner: "((?:the'),
            ("relations.yaml", 'trigger: "(?:owns|own|holds|acquired)', 'trigger: "((?:owns|own|holds|acquired)'),
            ("relations.yaml", 'subject_gap: "\\\\s*,', 'subject_gap: "(\\\\s*,'))):
        _assert_lexicon_edit_refused(tmp_path / str(i), name, old, new,
                                     rf"{name}: item \d+: .* is not a valid regular expression")


def test_a_stakes_share_pattern_without_its_holder_group_is_refused_in_one_line(tmp_path):
    _assert_lexicon_edit_refused(tmp_path, "tables.yaml", 'share: "(?P<holder>', 'share: "(?P<owner>',
                                 r"tables.yaml: stakes: share has no group \(\?P<holder>…\)")


def test_a_relation_rule_option_that_is_no_number_is_refused_in_one_line(tmp_path):
    for i, (old, new) in enumerate((("object_within: 3,", "object_within: three,"),
                                     ("max_subjects: 6,", "max_subjects: true,"),
                                     ("confidence: 0.85,", "confidence: high,"))):
        _assert_lexicon_edit_refused(tmp_path / str(i), "relations.yaml", old, new,
                                     r"relations.yaml: item \d+: \w+ '\w+' is not a number")


def _dated(text: str, **metadata) -> dict[tuple[str, str, str], str | None]:
    """The date of each relation the build would take from ``text``."""
    return {(r.subject, r.predicate, r.object): r.date for r in propose_annotation(doc(text, **metadata)).relations}


def test_a_year_that_bounds_a_period_or_dates_another_clause_dates_no_fact():
    assert _dated("Uzbekistan has been a member of the Shanghai Cooperation Organisation and will stay one until"
                  " 2030.")[("uzbekistan", "memberOf", "sco")] is None
    # (a state of affairs in the past "until" a year has ended: no fact to date)
    assert _dated("Uzbekistan was a founding member of the Shanghai Cooperation Organisation until 2012.") == {}
    assert _dated("China will invest in Kazakhstan and Uzbekistan by 2030.").get(("china", "investsIn", "kazakhstan")) is None
    assert _dated("Between 2015 and 2020, China invested heavily in Kazakhstan.")[("china", "investsIn", "kazakhstan")] is None
    assert _dated("China invested in Kazakhstan, which joined the WTO in 2015.")[("china", "investsIn", "kazakhstan")] is None
    assert _dated("Tokayev visited Samarkand, where he had studied in 1975.")[
        ("kassym-jomart-tokayev", "visits", "samarkand")] is None
    assert _dated("Russia supplied uranium to China, while Kazakhstan signed a memorandum with the European Union on "
                  "7 November 2022.")[("russia", "suppliesTo", "china")] is None
    # two years in one clause: each fact takes the one of its own phrase
    two = _dated("Kazakhstan met with China in 2019 and signed a memorandum with the European Union in 2022.")
    assert two[("kazakhstan", "meetsWith", "china")] == "2019"
    assert two[("kazakhstan", "partnerOf", "european-union")] == "2022"
    # a year of another clause of the sentence, or no year at all
    assert _dated("Samruk-Kazyna holds 75% of Kazatomprom; the rest has traded in London since an offering in 2018.")[
        ("samruk-kazyna", "owns", "kazatomprom")] is None
    for text in ("China exported 2025 tonnes of antimony to Kazakhstan.",
                 "Kazakhstan cooperates with the European Union, as it has done since the 1990s.",
                 "Kazakhstan met with China in the 2020–2022 period.",
                 "Kazakhstan cooperates with the European Union on the 2030 Agenda."):
        assert set(_dated(text).values()) == {None}, text
    # a date heading a line dates what the line tells after a semicolon or colon
    line = _dated("- 7 November 2022 – COP27 in Sharm el-Sheikh; Kazakhstan signed a memorandum with the European Union.")
    assert line[("kazakhstan", "partnerOf", "european-union")] == "2022-11-07"
    # a relative date that bounds a period
    assert _dated("China invested in Kazakhstan until last month.", date="2025-06-10")[
        ("china", "investsIn", "kazakhstan")] is None


def test_a_year_that_dates_another_fact_names_no_event_and_links_no_agreement():
    a = propose_annotation(doc("At the second China–Central Asia Summit, Tokayev met with Xi Jinping, who first visited "
                               "Astana in 2013.", date="2025-06-17"))
    assert not [e for e in a.entities if e.id.endswith("2013")], [e.id for e in a.entities]
    assert ("xi-jinping", "visits", "astana") in triples(a)
    assert ("kassym-jomart-tokayev", "visits", "astana") not in triples(a)
    b = propose_annotation(doc("Tokayev attended the C5+1 summit, where leaders set targets for 2030.", date="2025-06-17"))
    assert not [e for e in b.entities if e.id.endswith("2030")], [e.id for e in b.entities]
    # partners since 2022, a new memorandum now: not the gazetteer's memorandum of 2022
    c = propose_annotation(doc("Kazakhstan and the European Union, partners on critical raw materials since 2022, signed "
                               "a new memorandum last month.", date="2025-06-10"))
    assert not [e for e in c.entities if e.id.endswith("2022")], [e.id for e in c.entities]
    d = propose_annotation(doc("Kazakhstan signed a memorandum with the European Union until 2012."))
    assert not [e for e in d.entities if e.id.endswith("2012")], [e.id for e in d.entities]


def test_anonymous_sources_tell_hearsay_for_review():
    """A fact anonymous sources tell is proposed for review, below build's threshold; sources the text names tell
    facts, and "sources" that nobody quotes are no sources."""
    for text in ("Diplomats say Tokayev met Xi Jinping in Astana.",
                 "Tokayev met Putin in Moscow in 2023, two officials said.",
                 "But diplomats briefed on the talks say Tokayev met Putin in Moscow.",
                 "According to people familiar with the talks, Kazakhstan signed a memorandum with the European Union "
                 "on 2 May 2024."):
        proposed = extract(doc(text)).relations
        assert proposed and all(r.provenance.needs_review for r in proposed), text
        assert not propose_annotation(doc(text)).relations, text
    for text, fact in (("Kazakh officials said Tokayev met Xi Jinping in Astana.",
                        ("kassym-jomart-tokayev", "meetsWith", "xi-jinping")),
                       ("According to EU officials, Kazakhstan signed a memorandum with Japan in 2023.",
                        ("kazakhstan", "partyTo", "kazakhstan-japan-memorandum-2023")),
                       ("Kazakhstan diversified its sources of lithium and signed a memorandum with Japan in 2023.",
                        ("kazakhstan", "partnerOf", "japan"))):
        assert fact in triples(propose_annotation(doc(text))), text


def test_denials_stops_plans_requests_and_questions_are_no_facts():
    for text in ("China denied that it invested in Kazakhstan.",
                 "Critics claim that Rosatom owns a 50% stake in Kazatomprom.",
                 "Will China invest in Tajikistan?",
                 "China is planning to invest in Kazakhstan.",
                 "Kazakhstan asked China to invest in Kyrgyzstan.",
                 "Kazakhstan stopped cooperating with Russia in 2022.",
                 "Tokayev cancelled his visit to Beijing.",
                 "Tokayev cancelled his meeting with Putin.",
                 "Tajikistan was formerly a producer of uranium.",
                 # hearsay, beliefs and plans; dismissals and bans
                 "Uzbekistan is said to have supplied gold to Turkey.",
                 "The EU is believed to be negotiating with Tajikistan on antimony.",
                 "Few analysts believe Russia will invest in Kyrgyzstan.",
                 "Japan is set to invest $1 billion in Uzbekistan.",
                 "Officials dismissed the idea that China owns a stake in Kazatomprom.",
                 "China's exports of gallium to the United States were banned in 2023.",
                 # next to nothing
                 "Before the 2023 summit, Japan had invested little in Central Asia.",
                 "Japan invested almost nothing in Kyrgyzstan."):
        assert not propose_annotation(doc(text)).relations, text
    assert ("china", "investsIn", "kazakhstan") in triples(propose_annotation(doc(
        "China invested a little over $1 billion in Kazakhstan in 2023.")))
    # the agreement a denial names is still that agreement, but its parties are not told
    a = propose_annotation(doc("Kazakhstan did not sign a memorandum of understanding with the European Union on critical "
                               "raw materials in 2022."))
    assert not [t for t in triples(a) if t[1] == "partyTo"], triples(a)
    # what leads to a colon or a quotation frames it
    for text in ("It is not true that “China invested in Kazakhstan in 2023.”",
                 "Analysts say it may be so: China has invested in Tajikistan.",
                 "Myth: Rosatom owns a 20% stake in Kazatomprom."):
        assert not propose_annotation(doc(text)).relations, text
    # what a contrast adds does not unsay what came before it
    b = propose_annotation(doc("Kazakhstan has deposits of rare earth elements but is not named as a producer."))
    assert ("kazakhstan", "hasReserves", "rare-earth-elements") in triples(b)


def test_each_clause_keeps_its_own_subject_object_and_place():
    # a verb left out, or a new subject with its own verb, ends the list of objects
    assert triples(propose_annotation(doc("China invested in Kazakhstan, Russia in Kyrgyzstan and Turkey in "
                                          "Uzbekistan."))) == {("china", "investsIn", "kazakhstan")}
    assert triples(propose_annotation(doc("China invests in Kazakhstan and Kyrgyzstan invests in Tajikistan."))) == {
        ("china", "investsIn", "kazakhstan"), ("kyrgyzstan", "investsIn", "tajikistan")}
    a = propose_annotation(doc("Kazakhstan signed a memorandum with the European Union, and Uzbekistan with Japan."))
    assert not {t for t in triples(a) if t[0] == "kazakhstan" and t[2] in ("japan", "uzbekistan")}, triples(a)
    # but a list with a place after it is one list
    b = propose_annotation(doc("The EU signed memoranda with Kazakhstan and Uzbekistan in Samarkand."))
    assert {("european-union", "partnerOf", "kazakhstan"), ("european-union", "partnerOf", "uzbekistan")} <= triples(b)
    # a possessive before another name modifies it; a participle with "by" is passive
    assert triples(propose_annotation(doc("Japan invested in Kazakhstan's neighbour Kyrgyzstan."))) == {
        ("japan", "investsIn", "kyrgyzstan")}
    assert not triples(propose_annotation(doc("Tokayev, visited by Putin in Astana, said little.")))
    c = propose_annotation(doc("The mine, which Rosatom sold to Kazatomprom, is owned by Samruk-Kazyna."))
    assert ("samruk-kazyna", "owns", "kazatomprom") not in triples(c)
    # the place is the one of the fact's own phrase
    places = {(r.subject, r.object): r.place for r in propose_annotation(doc(
        "Tokayev met with Xi Jinping in Beijing, a day after Mirziyoyev met with Putin in Moscow.")).relations}
    assert places == {("kassym-jomart-tokayev", "xi-jinping"): "beijing", ("shavkat-mirziyoyev", "vladimir-putin"): "moscow"}
    for text in ("Tokayev met with Xi Jinping and the Mayor of Almaty.", "Tokayev, who was born in Moscow, met with Xi Jinping."):
        assert {r.place for r in propose_annotation(doc(text)).relations if r.predicate == "meetsWith"} == {None}, text


def _places(text: str, **metadata) -> dict[tuple[str, str, str], str | None]:
    """The place of each relation the build would take from ``text``."""
    return {(r.subject, r.predicate, r.object): r.place for r in propose_annotation(doc(text, **metadata)).relations}


def test_a_comparison_or_a_later_phrase_does_not_date_the_fact():
    assert _dated("In 2023 Kazakhstan exported more uranium to China than in 2022.")[
        ("kazakhstan", "suppliesTo", "china")] == "2023"
    assert _dated("In 2024 Tokayev met Xi Jinping in Astana, as he had done in 2019.")[
        ("kassym-jomart-tokayev", "meetsWith", "xi-jinping")] == "2024"
    assert _dated("Kazakhstan signed a memorandum with the European Union in 2024, modelled on the one Uzbekistan "
                  "signed in 2022.")[("kazakhstan", "partnerOf", "european-union")] == "2024"
    # "since" begins no event
    assert _dated("President Tokayev visited Beijing for the first time since 2019.")[
        ("kassym-jomart-tokayev", "visits", "beijing")] is None
    # a relative clause without a comma is another fact's
    assert _dated("Tokayev met with Xi Jinping, the Chinese leader who visited Astana in 2013.")[
        ("kassym-jomart-tokayev", "meetsWith", "xi-jinping")] is None
    # a list distributes the dates: no date of one member for another
    assert _dated("Kazakhstan and Uzbekistan have both signed memoranda with the European Union, Kazakhstan in November "
                  "2022 and Uzbekistan in April 2024.").get(("uzbekistan", "partnerOf", "european-union")) != "2022-11"
    # a span of days is of its month; a gathering's year is its date, no name's
    assert _dated("Tokayev visited China from 2 to 4 September 2024.")[("kassym-jomart-tokayev", "visits", "china")] \
        == "2024-09"
    assert _dated("Tokayev met with Xi Jinping at the 2023 C5+1 Summit.")[
        ("kassym-jomart-tokayev", "meetsWith", "xi-jinping")] == "2023"


def test_an_agreement_is_not_named_by_the_document_year_when_its_sentence_names_another():
    a = propose_annotation(doc("Kazakhstan signed a memorandum with the European Union, which was ratified in 2019.",
                               date="2024-05-01"))
    assert not [e for e in a.entities if e.id.endswith("2024")], [e.id for e in a.entities]
    b = propose_annotation(doc("Kazakhstan signed a memorandum with the European Union.", date="2024-05-01"))
    assert [e for e in b.entities if e.id.endswith("memorandum-2024")], [e.id for e in b.entities]


def test_a_word_that_unsays_a_verb_bears_only_on_its_own_verb():
    for text, fact in (("Tokayev stopped in Astana and met with Xi Jinping.",
                        ("kassym-jomart-tokayev", "meetsWith", "xi-jinping")),
                       ("Kazakhstan, formerly part of the Soviet Union, exports uranium to China.",
                        ("kazakhstan", "suppliesTo", "china")),
                       ("Uranium prices declined, but Kazakhstan exported uranium to China.",
                        ("kazakhstan", "suppliesTo", "china")),
                       ("Kazakhstan exports uranium to China whether prices rise or fall.",
                        ("kazakhstan", "suppliesTo", "china"))):
        assert fact in triples(propose_annotation(doc(text))), text
    # but it does on its own verb, or behind "to be" after the object; a contrast may take the fact back
    for text in ("The European Union denied signing a memorandum with Kazakhstan.",
                 "Kazakhstan has yet to sign a memorandum with the European Union.",
                 "China invested in Kazakhstan in 2022, but Beijing denied this.",
                 "Kazakhstan's exports of uranium to China were later halted."):
        assert not propose_annotation(doc(text)).relations, (text, triples(propose_annotation(doc(text))))
    # a contrast after the fact keeps a "not" of its own from the signing
    a = propose_annotation(doc("Kazakhstan signed a memorandum with the European Union in 2024, but not in 2022."))
    assert ("european-union", "partyTo") in {(r.subject, r.predicate) for r in a.relations}, triples(a)


def test_the_place_of_a_fact_is_its_scene_not_a_place_its_object_names():
    assert _places("At the Akorda in Astana, Tokayev signed a memorandum with the European Union on a lithium plant "
                   "in Shymkent.")[("kassym-jomart-tokayev", "partyTo", "european-union-memorandum")] == "astana"
    for text, place in (("In Astana, Tokayev met with Xi Jinping.", "astana"),
                        ("Tokayev met with Xi Jinping in the Uzbek city of Samarkand.", "samarkand"),
                        ("Tokayev met with Xi Jinping in the Kazakh capital, Astana.", "astana"),
                        ("Having studied in Moscow, Tokayev met with Xi Jinping.", None)):
        assert _places(text)[("kassym-jomart-tokayev", "meetsWith", "xi-jinping")] == place, text
    # a relative clause happens where its antecedent is
    where = _places("Trump hosted the leaders at a summit in Washington, where Kazakhstan and the United States signed a "
                    "memorandum of understanding on critical minerals.")
    assert {p for (s, r, o), p in where.items() if r == "partyTo"} == {"washington"}, where


def test_a_month_or_a_modified_noun_does_not_end_a_list_of_objects():
    assert {("china", "investsIn", "kazakhstan"), ("china", "investsIn", "uzbekistan")} <= triples(
        propose_annotation(doc("China invested in Kazakhstan and Uzbekistan in March 2024.")))
    # "Kazakhstan's mining sector": Kazakhstan is invested in, not a modifier of the name after "and"
    assert ("south-korea", "investsIn", "kazakhstan") in triples(
        propose_annotation(doc("South Korea invested in Kazakhstan's mining sector and Uzbekistan.")))


def test_a_surname_after_another_first_name_is_another_person():
    for text in ("Hunter Biden visited Astana.", "Eric Trump met Tokayev in Astana.",
                 "Donald Trump Jr. visited Kazakhstan.", "Aisultan Nazarbayev visited London."):
        a = propose_annotation(doc(text))
        assert not {e.id for e in a.entities} & {"joe-biden", "donald-trump", "nursultan-nazarbayev"}, (text, triples(a))
    # a title, an honorific or a sentence's first adverb is no first name
    for text in ("President Biden met Tokayev.", "Xi Jinping met Putin. Later Biden met Tokayev."):
        assert ("joe-biden", "meetsWith", "kassym-jomart-tokayev") in triples(propose_annotation(doc(text))), text


def test_a_capital_inside_a_longer_name_and_an_organisation_after_a_verb():
    a = propose_annotation(doc("Air Astana signed a memorandum with Boeing."))
    assert "kazakhstan" not in {e.id for e in a.entities}, triples(a)
    assert ("kazatomprom", "basedIn", "astana") not in triples(propose_annotation(doc("Orano met Kazatomprom in Astana.")))
    assert ("steppe-policy-institute", "basedIn", "almaty") in triples(propose_annotation(doc(
        "Researchers at the Steppe Policy Institute in Almaty met.")))


def test_a_reported_fact_or_a_request_is_not_the_speakers_act():
    for text in ("Tokayev said his country exports uranium to China.",
                 "Tokayev called on Japan to invest in Kyrgyzstan."):
        assert not {t for t in triples(propose_annotation(doc(text))) if t[0] == "kassym-jomart-tokayev"}, text
    assert ("kazakhstan", "partnerOf", "european-union") in triples(propose_annotation(doc(
        "Kazakhstan announced a partnership with the European Union.")))


def test_whom_a_statement_is_about_or_for_does_not_make_it_theirs():
    for text in ('Critics of Tokayev said that “the deal with China is a betrayal of national interests and must end.”',
                 "A spokesman for President Tokayev said that the deal with China is a good one for the country."):
        assert not propose_annotation(doc(text)).statements, text
    a = propose_annotation(doc("Tokayev said that the deal with China is a good one for the people of the country."))
    assert [s.speaker for s in a.statements] == ["kassym-jomart-tokayev"]


def test_a_sentence_initial_pronoun_after_two_persons_is_the_subject_before_it():
    # the subject of the sentence before, proposed for review but kept out of the graph; not the last person named
    text = "Mirziyoyev met Tokayev in Astana. He later visited Japan."
    visits = [r for r in extract(doc(text)).relations if r.predicate == "visits"]
    assert [(r.subject, r.provenance.needs_review) for r in visits] == [("shavkat-mirziyoyev", True)]
    assert not [r for r in propose_annotation(doc(text)).relations if r.predicate == "visits"]
    # when the sentence before opens with something else, either may be meant: no visit
    a = propose_annotation(doc("In Astana, Tokayev met Mirziyoyev. He later visited Japan."))
    assert not [r for r in a.relations if r.predicate == "visits"], triples(a)
    # one person named: that one
    assert ("kassym-jomart-tokayev", "visits", "japan") in triples(propose_annotation(doc(
        "Tokayev spoke in Astana. He later visited Japan.")))


def test_a_relation_named_by_a_noun_phrase_that_never_existed_is_no_fact():
    for text in ("The partnership between Kazakhstan and China has never existed.",
                 "The partnership between Kazakhstan and China has never really existed, analysts say.",
                 "Relations between Kazakhstan and Russia were severed."):
        assert not propose_annotation(doc(text)).relations, text
    # other verbs after the noun phrase do not bear on it
    assert ("china", "rivalOf", "russia") in triples(propose_annotation(doc(
        "The rivalry between China and Russia has never been stronger.")))
    assert ("kazakhstan", "partnerOf", "china") in triples(propose_annotation(doc(
        "The partnership between Kazakhstan and China grew, but the deal collapsed.")))


def test_a_state_that_opens_a_longer_unknown_name_is_not_the_actor():
    for text in ("China Railway invested in Kyrgyzstan.", "Uzbekistan Airways invested in Kyrgyzstan.",
                 "Kazakhstan Temir Zholy signed a memorandum with China."):
        a = propose_annotation(doc(text))
        assert not {t for t in triples(a) if t[0] in ("china", "uzbekistan", "kazakhstan") and t[1] != "partyTo"}, text
    # a title, a weekday or a headline in title case keeps the state
    assert ("president-of-kazakhstan", "officeIn", "kazakhstan") in triples(propose_annotation(doc(
        "Kazakhstan President Tokayev visited China.")))
    assert ("kazakhstan", "partnerOf", "china") in triples(propose_annotation(doc(
        "Kazakhstan Tuesday signed a memorandum with China.")))
    assert "kazakhstan" in {e.id for e in propose_annotation(doc("Kazakhstan Signs Uranium Deal With China")).entities}


def test_a_name_that_describes_a_subject_or_object_in_an_apposition_is_neither():
    cases = {"Tokayev, the Kazakh president, met Putin.": ("kassym-jomart-tokayev", "meetsWith", "vladimir-putin"),
             "Cameco, the Canadian uranium miner, owns 40% of Inkai.": ("cameco", "owns", "inkai"),
             "Eurasian Resources Group, a Luxembourg-based miner, invested in Zambia.":
                 ("eurasian-resources-group", "investsIn", "zambia")}
    for text, fact in cases.items():
        assert triples(propose_annotation(doc(text))) & {fact} == {fact}, text
        assert not {t for t in triples(propose_annotation(doc(text)))
                    if t[0] in ("kazakhstan", "canada", "luxembourg")}, text
    found = triples(propose_annotation(doc("Tokayev met Xi Jinping, the Chinese leader, in Astana.")))
    assert ("kassym-jomart-tokayev", "meetsWith", "xi-jinping") in found
    assert ("kassym-jomart-tokayev", "meetsWith", "china") not in found


def test_a_joined_verb_shares_the_subject_of_the_verb_before_it_and_its_own_date():
    a = propose_annotation(doc("Tokayev received Putin in Astana in 2022 and later visited Beijing."))
    visits = [(r.subject, r.object, r.date) for r in a.relations if r.predicate == "visits"]
    assert visits == [("kassym-jomart-tokayev", "beijing", None)], visits
    found = triples(propose_annotation(doc("Tajikistan mines antimony, Kazakhstan produces titanium and holds large "
                                           "tungsten reserves.")))
    assert ("kazakhstan", "hasReserves", "tungsten") in found and ("tajikistan", "hasReserves", "tungsten") not in found
    # a pronoun before the verb is its subject; a verb joined after the fact ends its objects
    found = triples(propose_annotation(doc("Tokayev met Scholz in Berlin before travelling to Paris, where he met Macron.")))
    assert ("olaf-scholz", "meetsWith", "emmanuel-macron") not in found
    found = triples(propose_annotation(doc("Kazakhstan and Uzbekistan met in Tashkent and signed a memorandum with Japan.")))
    assert not {t for t in found if t[1] == "meetsWith"}, found


def test_the_person_addressed_before_a_quotation_is_not_its_speaker():
    cases = {'Tokayev told von der Leyen: “Kazakhstan is open to European investors in rare earths.”':
                 "kassym-jomart-tokayev",
             'In a meeting with Putin, Tokayev said: “We will not recognise the breakaway republics at all.”':
                 "kassym-jomart-tokayev",
             'Putin, speaking to Tokayev, said: “Russia remains the main partner of Kazakhstan in energy.”':
                 "vladimir-putin"}
    for text, speaker in cases.items():
        assert [s.speaker for s in propose_annotation(doc(text)).statements] == [speaker], text


def test_a_quotation_that_ends_its_sentence_is_not_the_next_sentences_subjects():
    # the speaker introduced before the colon keeps it; the next sentence's subject said something else
    text = ('Executive Vice-President Maroš Šefčovič said: "Kazakhstan is a key partner for Europe’s supply of critical '
            'raw materials." Kazakhstan’s Prime Minister Oljas Bektenov welcomed the roadmap and said his government '
            'would present a list of projects.')
    assert [s.speaker for s in propose_annotation(doc(text)).statements] == ["maros-sefcovic"]
    # a name right before its verb of speech still speaks the quotation before it
    for text in ('Reporters asked about output. "We will double uranium output by 2030." Tokayev said at the forum.',
                 '"We will double uranium output by 2030," Tokayev said at the forum.'):
        assert [s.speaker for s in propose_annotation(doc(text)).statements] == ["kassym-jomart-tokayev"], text


def test_membership_in_an_apposition_or_a_relative_clause_and_lists_past_abbreviations():
    def members(text):
        return {(r.subject, r.object) for r in propose_annotation(doc(text)).relations if r.predicate == "memberOf"}

    assert members("Erdogan spoke at the Organization of Turkic States, whose members include Kazakhstan, Kyrgyzstan "
                   "and Uzbekistan.") == {(s, "organization-of-turkic-states")
                                          for s in ("kazakhstan", "kyrgyzstan", "uzbekistan")}
    assert members("Kyrgyzstan, a member of the Eurasian Economic Union (EAEU) and the Collective Security Treaty "
                   "Organization (CSTO), depends on Russia for fuel.") == {("kyrgyzstan", "eaeu"), ("kyrgyzstan", "csto")}
    assert members("Tokayev, a member of the SCO council, met Xi Jinping.") == set()
    # after an abbreviation in brackets, up to the main clause's verb, observers apart
    assert members("The Organization of Turkic States (OTS), whose members include Azerbaijan, Kazakhstan, Kyrgyzstan, "
                   "Turkey and Uzbekistan, with Hungary and Turkmenistan as observers, has put critical minerals on its "
                   "agenda.") == {(s, "organization-of-turkic-states")
                                  for s in ("azerbaijan", "kazakhstan", "kyrgyzstan", "turkey", "uzbekistan")}
    # a relative clause or apposition holds whatever the main clause's verb says, and is not dated by it
    a = propose_annotation(doc("Xi Jinping is expected to visit Astana for the summit of the Shanghai Cooperation "
                               "Organization, whose members include China, Russia and Kazakhstan."))
    assert {(r.subject, r.provenance.needs_review) for r in a.relations if r.predicate == "memberOf"} \
        == {("china", False), ("russia", False), ("kazakhstan", False)}
    a = propose_annotation(doc("Russia and Kazakhstan, both members of the EAEU and the CSTO, have deepened nuclear "
                               "cooperation since Vladimir Putin's visit to Astana in November 2023."))
    assert {(r.subject, r.object, r.date) for r in a.relations if r.predicate == "memberOf"} \
        == {(s, o, None) for s in ("russia", "kazakhstan") for o in ("eaeu", "csto")}
    # a name after an abbreviation in brackets with a verb of its own opens a clause; it is no further object
    text = ("In Kazakhstan, Kazatomprom supplies uranium to the China National Nuclear Corporation (CNNC), and China "
            "General Nuclear Power Group (CGN) holds stakes in two mines.")
    supplied = {r.object for r in propose_annotation(doc(text)).relations if r.predicate == "suppliesTo"}
    assert "cgn" not in supplied and "cnnc" in supplied


def test_the_year_of_a_participle_apposition_dates_nothing_else():
    for text in ("Tokayev, born in 1953 in Almaty, met Putin in Moscow.",
                 "Kazatomprom, founded in 1997 in Almaty, supplies uranium to CNNC."):
        a = propose_annotation(doc(text))
        assert a.relations and all(r.date is None for r in a.relations), [(r.predicate, r.date) for r in a.relations]
    a = propose_annotation(doc("Tokayev, elected in 2019, met Putin in 2023."))
    assert [r.date for r in a.relations if r.predicate == "meetsWith"] == ["2023"]


def test_relations_between_states_are_no_partnership_and_a_partnership_spoken_of_is_no_fact():
    for text in ("Relations between Kyrgyzstan and Tajikistan are strained after the border clashes.",
                 "A partnership between Kazakhstan and Japan could unlock rare earth supplies.",
                 "Talks on a partnership between Uzbekistan and the EU stalled.",
                 "Analysts doubt that a partnership between Uzbekistan and the EU will materialise.",
                 "Opponents of Japarov allege that Kyrgyzstan supplies weapons to Russia."):
        assert not propose_annotation(doc(text)).relations, text
    assert ("european-union", "partnerOf", "central-asia") in triples(propose_annotation(doc(
        "The leaders decided to elevate the relations between the European Union and Central Asia to a Strategic "
        "Partnership.")))
    assert ("kazakhstan", "partnerOf", "china") in triples(propose_annotation(doc(
        "The partnership between Kazakhstan and China deepened in 2023.")))


def test_a_visit_to_come_is_no_visit_yet():
    for text in ("Tokayev will pay a state visit to Japan in December.",
                 "Tokayev's upcoming visit to Japan will focus on rare earths.",
                 "Ahead of Scholz's visit to Astana in 2024, Tokayev said Germany was a key partner."):
        a = propose_annotation(doc(text))
        assert not {t for t in triples(a) if t[1] in ("visits", "participatesIn")}, (text, triples(a))
        assert any(r.predicate == "visits" and r.provenance.needs_review for r in extract(doc(text)).relations), text
    assert ("kassym-jomart-tokayev", "visits", "japan") in triples(propose_annotation(doc(
        "Tokayev paid a state visit to Japan in December 2022.")))
    # a commitment is no event: it keeps its "will"
    assert ("european-union", "cooperatesWith", "kazakhstan") in triples(propose_annotation(doc(
        "The European Union will cooperate with Kazakhstan on critical raw materials.")))


def test_the_co_owner_of_a_venture_is_not_owned():
    for text, owner in (("Kazatomprom owns 51% of Katco, with Orano holding the rest.", "kazatomprom"),
                        ("Orano owns 51% of Katco, and Kazatomprom owns 49%.", "orano")):
        found = triples(propose_annotation(doc(text)))
        assert (owner, "owns", "katco") in found, found
        assert not {t for t in found if t[1] == "owns" and t[2] in ("orano", "kazatomprom")}, found


def test_an_officer_named_by_role_is_the_person_not_the_company_or_whoever_meets_them():
    found = triples(propose_annotation(doc("Tokayev met the CEO of Orano in Paris.")))
    assert not {t for t in found if t[1] in ("affiliatedWith", "basedIn")}, found
    assert ("nicolas-maes", "affiliatedWith", "orano") in triples(propose_annotation(doc(
        "Nicolas Maes, the CEO of Orano, met Tokayev.")))
    found = triples(propose_annotation(doc("Tokayev met Rosatom head Alexei Likhachev in Astana.")))
    assert ("kassym-jomart-tokayev", "meetsWith", "rosatom") not in found, found
    assert ("kassym-jomart-tokayev", "meetsWith", "alexei-likhachev") in found, found
    # the companies meet nobody; the role ties its holder to the company
    found = triples(propose_annotation(doc("Kazatomprom CEO Meirzhan Yussupov met Orano chief Nicolas Maes.")))
    assert found == {("meirzhan-yussupov", "affiliatedWith", "kazatomprom")}, found


def test_a_statement_takes_the_day_its_attribution_gives():
    text = ("In a speech in Tashkent on 12 March, Mirziyoyev said: “We will build a new economy on critical raw "
            "materials together.”")
    assert [s.date for s in propose_annotation(doc(text, date="2024-05-10")).statements] == ["2024-03-12"]
    text = "Mirziyoyev said: “We will build a new economy on critical raw materials together.”"
    assert [s.date for s in propose_annotation(doc(text, date="2024-05-10")).statements] == ["2024-05-10"]


def test_a_relative_clause_or_an_aside_in_the_attribution_neither_speaks_nor_dates_the_statement():
    # the person inside "who met Putin on 2 May" is not the speaker, and its day is the meeting's, not the speech's
    text = "Tokayev, who met Putin on 2 May, said: “Kazakhstan will supply more uranium to Europe.”"
    found = propose_annotation(doc(text, date="2024-05-10")).statements
    assert [(s.speaker, s.date) for s in found] == [("kassym-jomart-tokayev", "2024-05-10")]
    text = "On 3 May Tokayev, who met Putin in April 2024, said: “Kazakhstan will supply more uranium to Europe.”"
    found = propose_annotation(doc(text, date="2024-05-10")).statements
    assert [(s.speaker, s.date) for s in found] == [("kassym-jomart-tokayev", "2024-05-03")]
    for text, speaker in (
            ("Tokayev, whom Putin met on 2 May, said: “Kazakhstan will keep selling uranium to Russia and China.”",
             "kassym-jomart-tokayev"),
            ("“Kazakhstan will supply more uranium to Europe,” said Tokayev, who met Putin on 2 May.",
             "kassym-jomart-tokayev"),
            ("Von der Leyen, speaking alongside Tokayev, said: “The European Union wants a partnership on rare "
             "earths.”", "ursula-von-der-leyen"),
            # an aside on an event before the speech, or on whose the speaker is, neither speaks nor dates it
            ("Tokayev, after meeting Putin on 2 May, said: “Kazakhstan will supply more uranium to Europe.”",
             "kassym-jomart-tokayev"),
            ("“Kazakhstan will supply more uranium to Europe,” said Tokayev, after meeting Putin on 2 May.",
             "kassym-jomart-tokayev"),
            ("Tokayev, Mirziyoyev's host, said: “Kazakhstan and Uzbekistan will jointly mine rare earths.”",
             "kassym-jomart-tokayev")):
        found = propose_annotation(doc(text, date="2024-05-10")).statements
        assert [(s.speaker, s.date) for s in found] == [(speaker, "2024-05-10")], text
    # (how the speaker speaks dates the speech)
    text = "Tokayev, speaking at the forum on 2 May, said: “Kazakhstan will supply more uranium to Europe.”"
    assert [s.date for s in propose_annotation(doc(text, date="2024-05-10")).statements] == ["2024-05-02"]


def test_a_short_quotation_before_its_speaker_and_an_actor_that_speaks_are_statements():
    def said(text):
        return [(s.speaker, s.quote) for s in propose_annotation(doc(text)).statements]

    # a quotation its speaker's verb follows is no scare quote, however short
    assert said("“Japan is a reliable partner,” Mirziyoyev said, “and we will develop rare earths together with "
                "Japanese companies.”") == [
        ("shavkat-mirziyoyev", "Japan is a reliable partner,"),
        ("shavkat-mirziyoyev", "and we will develop rare earths together with Japanese companies.")]
    assert said("Analysts call lithium “white gold,” a phrase that stuck in Kazakhstan.") == []
    # an organisation or state that says, and "according to"
    assert said("In a statement, the European Commission said: “We are ready to invest in Central Asian lithium "
                "and graphite.”") == [("european-commission", "We are ready to invest in Central Asian lithium and "
                                                              "graphite.")]
    assert said("According to Tokayev, “Kazakhstan will never sell its uranium deposits to foreign companies.”") == [
        ("kassym-jomart-tokayev", "Kazakhstan will never sell its uranium deposits to foreign companies.")]
    # (a name in the lead that does not speak is no speaker: the verb must follow it)
    assert said("Kazatomprom's output grew: “We will double our exports of uranium to China and Europe.”") == []


def test_the_guessed_speaker_of_a_pronoun_and_the_possessor_of_a_subject_do_not_act():
    text = 'Mirziyoyev and Scholz met in Samarkand. He said: “Germany is ready to invest in rare earths in Uzbekistan.”'
    assert not propose_annotation(doc(text)).statements
    assert [s.provenance.needs_review for s in extract(doc(text)).statements] == [True]
    text = 'Mirziyoyev spoke in Samarkand. He said: “Uzbekistan is ready to welcome investors in rare earths.”'
    assert [s.speaker for s in propose_annotation(doc(text)).statements] == ["shavkat-mirziyoyev"]
    for text in ("The wife of President Mirziyoyev visited Tokyo.", "Tokayev's government invested in Kyrgyzstan.",
                 "Kazatomprom's subsidiary invested in Kyrgyzstan."):
        assert not propose_annotation(doc(text)).relations, text
    assert ("kazakhstan", "investsIn", "kyrgyzstan") in triples(propose_annotation(doc(
        "Kazakhstan's government invested in Kyrgyzstan.")))


def test_todays_guards_keep_what_ordinary_prose_states():
    # found by a review of the guards above against ordinary sentences: each was a correct fact before them
    cases = {
        "Kazatomprom said it supplies uranium to China.": ("kazatomprom", "suppliesTo", "china"),
        "Mirziyoyev said he met Putin in Moscow.": ("shavkat-mirziyoyev", "meetsWith", "vladimir-putin"),
        "Tokayev travelled to Berlin in 2023, where he met Olaf Scholz.": ("kassym-jomart-tokayev", "meetsWith", "olaf-scholz"),
        "Ahead of the summit, Tokayev met Mirziyoyev in Astana.": ("kassym-jomart-tokayev", "meetsWith", "shavkat-mirziyoyev"),
        "Kishida, who will step down in September, visited Astana in August 2024.": ("fumio-kishida", "visits", "astana"),
        "Alikhan Smailov has been chairman of Samruk-Kazyna since 2022.": ("alikhan-smailov", "affiliatedWith", "samruk-kazyna"),
        "The president of Uzbekistan Shavkat Mirziyoyev visited Seoul in June 2024.": ("shavkat-mirziyoyev", "visits", "seoul"),
        "On the sidelines of the SCO Summit Tokayev met Xi Jinping.": ("kassym-jomart-tokayev", "meetsWith", "xi-jinping"),
        "Relations between Uzbekistan and South Korea have been raised to the level of a special strategic partnership.":
            ("uzbekistan", "partnerOf", "south-korea"),
    }
    for text, fact in cases.items():
        assert fact in triples(propose_annotation(doc(text))), (text, triples(propose_annotation(doc(text))))
    assert not triples(propose_annotation(doc("Tokayev said it exports uranium to China.")))
    assert not propose_annotation(doc("Tokayev met the CEO of Orano in Paris.")).relations
    # the person met, not the bank she presides
    assert triples(propose_annotation(doc("Tokayev met Odile Renaud-Basso, President of the EBRD, in Astana."))) == {
        ("kassym-jomart-tokayev", "meetsWith", "odile-renaud-basso"),
        ("odile-renaud-basso", "holdsOffice", "president-of-ebrd"), ("president-of-ebrd", "officeIn", "ebrd")}
    for text, speaker in (('Thanking Xi Jinping for the investment, Tokayev said: “China is our largest partner in '
                           'rare earths and lithium.”', "kassym-jomart-tokayev"),
                          ('Speaking alongside Tokayev, von der Leyen said: “Europe needs Kazakhstan’s lithium and '
                           'rare earths now.”', "ursula-von-der-leyen")):
        assert [s.speaker for s in propose_annotation(doc(text)).statements] == [speaker], text


def test_a_clause_joined_after_a_comma_dates_itself():
    a = propose_annotation(doc("Tokayev met Xi Jinping in Astana on 3 July 2024, and Mirziyoyev visited Beijing in "
                               "January."))
    assert [(r.subject, r.date) for r in a.relations if r.predicate == "visits"] == [("shavkat-mirziyoyev", None)]
    a = propose_annotation(doc("Tokayev met Xi in Astana in 2023, and in 2024 visited Tashkent."))
    assert [(r.subject, r.date) for r in a.relations if r.predicate == "visits"] == [("kassym-jomart-tokayev", "2024")]


def test_a_partner_a_possessive_apposition_and_an_office_are_no_fact_of_their_own():
    found = triples(propose_annotation(doc("Kazatomprom owns 49% of Katco with Orano.")))
    assert ("kazatomprom", "owns", "katco") in found and ("kazatomprom", "owns", "orano") not in found, found
    # the possessive apposition is the person's role, not Orano's meeting
    assert triples(propose_annotation(doc("Philippe Knoche, Orano's CEO, met Tokayev."))) == {
        ("philippe-knoche", "affiliatedWith", "orano"), ("philippe-knoche", "meetsWith", "kassym-jomart-tokayev")}
    for text in ("Leaders gathered at the SCO in Astana in July 2024.", "Talks at the EBRD in Tashkent focused on copper."):
        assert not {t for t in triples(propose_annotation(doc(text))) if t[1] == "basedIn"}, text


def test_the_cheap_tests_before_costly_searches_hold_for_the_patterns_they_spare():
    # A str.find before a pattern's search skips the search where the pattern cannot match: every apposition and
    # relative clause closes with a comma, every relative pronoun begins "wh", every joined verb follows "and" or
    # "but". A pattern edited so that it may match without these would be silently cut short: this test says so.
    from crmgraph.extract import dates, relations

    for closing in (relations._APPOSITION_CLOSES, relations._POSSESSIVE_APPOSITION_CLOSES,
                    relations._DESCRIBED_CLOSES, relations._RELATIVE_CLOSES):
        assert closing.pattern.endswith(r",\s"), closing.pattern
    for relative in (relations._RELATIVE_VERB, relations._RELATIVE_BEFORE_VERB):
        alternatives = re.search(r"\(\?:((?:wh\w*\|)*wh\w*)\)", relative.pattern)
        assert alternatives and relative.pattern.count("(?:wh") == 1, relative.pattern
    assert re.match(r",\?\\s\(\?:and\|but\)\\s", dates.NEXT_VERB.pattern), dates.NEXT_VERB.pattern
    # where the test finds nothing, the search finds nothing, at every position of a sentence that has both
    text = "Tokayev, who met Xi, and Cameco, the Canadian miner, signed it but later met Putin, which visited."
    for t0 in range(len(text)):
        if text.find("wh", max(0, t0 - 60), t0) == -1:
            assert relations._RELATIVE_VERB.search(text, max(0, t0 - 60), t0) is None
        if text.find(",", 0, t0) == -1:
            assert relations._APPOSITION_CLOSES.match(text, 0, t0) is None


def test_coordinated_subjects_each_act_and_a_name_a_verb_follows_opens_a_clause():
    text = "Kassym-Jomart Tokayev, Shavkat Mirziyoyev and Sadyr Japarov met Xi Jinping in Xi’an in May 2023."
    assert edges(text, "meetsWith") == [("kassym-jomart-tokayev", "xi-jinping"), ("sadyr-japarov", "xi-jinping"),
                                        ("shavkat-mirziyoyev", "xi-jinping")]
    assert edges("In 2023, Kazakhstan and Uzbekistan invested in Kyrgyzstan.", "investsIn") == [
        ("kazakhstan", "kyrgyzstan"), ("uzbekistan", "kyrgyzstan")]
    # not the object of a verb before them, and not a name of another class after a bare comma
    assert edges("Tokayev met Xi Jinping and Putin met Erdogan.", "meetsWith") == [
        ("kassym-jomart-tokayev", "xi-jinping"), ("vladimir-putin", "recep-tayyip-erdogan")]
    assert edges("Tokayev met Xi Jinping, and Putin met Erdogan.", "meetsWith") == [
        ("kassym-jomart-tokayev", "xi-jinping"), ("vladimir-putin", "recep-tayyip-erdogan")]
    assert edges("France, Orano and Kazatomprom invested in Uzbekistan.", "investsIn") == [
        ("kazatomprom", "uzbekistan"), ("orano", "uzbekistan")]


def test_a_quotation_followed_by_he_said_is_the_one_person_named_before_it():
    text = ("President Tokayev spoke at the Astana International Forum on Tuesday. “Kazakhstan will supply more "
            "uranium and lithium to Europe,” he said.")
    found = propose_annotation(doc(text, date="2024-05-10")).statements
    assert [(s.speaker, s.provenance.rule) for s in found] == [("kassym-jomart-tokayev", "quote-speaker-pronoun")]
    # two persons named before it: "he" could be either, and no statement is better than a wrong one
    text = "Tokayev met Putin on Monday. “Our partnership in uranium and nuclear energy will only grow,” he said."
    assert propose_annotation(doc(text, date="2024-05-10")).statements == []


def test_a_group_of_leaders_speaks_no_quotation():
    # "the six heads of state" stands for the leaders named before; the quotation is the one of the person whose
    # speech leads up to it, named after the group
    text = ("Chinese President Xi Jinping travelled to Astana for the second China-Central Asia Summit, hosted by "
            "President of Kazakhstan Kassym-Jomart Tokayev. The presidents of Kyrgyzstan, Tajikistan, Turkmenistan and "
            "Uzbekistan also attended. It was Xi's second visit to Astana in less than a year: in July 2024 he "
            "attended the Shanghai Cooperation Organisation summit there.\n\nThe six heads of state signed the Treaty on Permanent Good-Neighbourliness, "
            "Friendship and Cooperation. In his speech, Xi announced 1.5 billion yuan in grants for livelihood and "
            "development projects in Central Asian countries. \"China is willing to work with Central Asia to expand "
            "cooperation in traditional areas such as energy and minerals,\" he said.")
    assert [s.speaker for s in propose_annotation(doc(text, date="2025-06-17")).statements] == ["xi-jinping"]


def test_a_participle_after_a_listed_name_and_respectively_keep_the_right_pairs():
    # a participle that describes the last name does not open a clause: the name is still an object
    assert edges("Japan has invested in Kazakhstan and Uzbekistan located along the Middle Corridor.", "investsIn") == [
        ("japan", "kazakhstan"), ("japan", "uzbekistan")]
    assert edges("Xi Jinping met Tokayev and Mirziyoyev accompanied by their foreign ministers.", "meetsWith") == [
        ("xi-jinping", "kassym-jomart-tokayev"), ("xi-jinping", "shavkat-mirziyoyev")]
    # a comma before "and" closes the list: its names stay objects, the next clause's subject does not
    assert edges("Xi Jinping met Tokayev, Mirziyoyev and Rahmon, and Putin met Erdogan.", "meetsWith") == [
        ("vladimir-putin", "recep-tayyip-erdogan"), ("xi-jinping", "emomali-rahmon"),
        ("xi-jinping", "kassym-jomart-tokayev"), ("xi-jinping", "shavkat-mirziyoyev")]
    assert edges("Kazatomprom supplies uranium to China and Cameco supplies uranium to the United States.",
                 "suppliesTo") == [("cameco", "united-states"), ("kazatomprom", "china")]
    # "respectively" pairs the lists in order, or not at all
    assert edges("Japan and South Korea invested in Kazakhstan and Uzbekistan respectively.", "investsIn") == [
        ("japan", "kazakhstan"), ("south-korea", "uzbekistan")]
    assert edges("Orano and Cameco, respectively, invested in Kazakhstan and Uzbekistan.", "investsIn") == [
        ("cameco", "uzbekistan"), ("orano", "kazakhstan")]
    # a list of subjects an apposition describes is still a list
    assert edges("Japan and South Korea, both major importers of rare earths, invested in Kazakhstan.", "investsIn") == [
        ("japan", "kazakhstan"), ("south-korea", "kazakhstan")]
    assert len(edges("Cameco, Orano and Kazatomprom, three of the world's largest uranium miners, met Tokayev in "
                     "Astana.", "meetsWith")) == 3


def test_an_object_before_a_signing_and_a_disjunction_make_no_facts():
    # Xi Jinping is the one met, not a signatory
    assert [s for s, _ in edges("Tokayev met Xi Jinping and Putin signed a memorandum with Mirziyoyev.", "partyTo")] \
        == ["vladimir-putin"]
    # one of the two may invest: neither is said to
    assert edges("Kazakhstan or Uzbekistan invested in Kyrgyzstan, officials said.", "investsIn") == []


def test_a_name_in_an_insertion_that_compares_is_not_the_subject():
    assert edges("Japan, unlike China, invested in Kazakhstan.", "investsIn") == [("japan", "kazakhstan")]
    assert edges("Orano, unlike Cameco and Kazatomprom, invested in Uzbekistan.", "investsIn") == [
        ("orano", "uzbekistan")]


def test_a_name_a_capitalised_noun_governs_is_no_subject_unless_the_noun_is_a_title():
    assert edges("Critics of Rahmon met Putin in Moscow.", "meetsWith") == []
    assert edges("Customers of Cameco invested in Uzbekistan.", "investsIn") == []
    assert edges("Minister of Energy Almasadam Satkaliyev met Putin in Moscow.", "meetsWith") == [
        ("almasadam-satkaliyev", "vladimir-putin")]


def test_a_list_a_noun_governs_a_relative_clause_and_an_unknown_subject_give_no_subject():
    # "of" governs the whole list: none of it invested (the investors did)
    assert edges("Investors wary of China, Russia and Turkey invested in Kazakhstan.", "investsIn") == []
    assert edges("Critics of Tokayev, Mirziyoyev and Rahmon met Putin in Moscow.", "meetsWith") == []
    # (a list after a verb's preposition still ends where the next clause begins)
    assert edges("China invests in Kazakhstan and Kyrgyzstan invests in Uzbekistan.", "investsIn") == [
        ("china", "kazakhstan"), ("kyrgyzstan", "uzbekistan")]
    # the names inside "that … built" built the mine; the mine supplies
    assert edges("The mine that China and Russia built supplies uranium to Kazakhstan.", "suppliesTo") == []
    assert edges("The plant which Rosatom built supplies uranium to Kazakhstan.", "suppliesTo") == []
    # a name the gazetteer lacks ("Korea": which one?) opens a clause of its own; Japan invested only once
    assert edges("Japan invested in Kazakhstan and Korea invested in Uzbekistan.", "investsIn") == [
        ("japan", "kazakhstan")]
    assert edges("Japan invested in Kazakhstan, and Korea later invested in Uzbekistan.", "investsIn") == [
        ("japan", "kazakhstan")]
    # but an unknown name in a list of subjects is one of them
    assert ("shavkat-mirziyoyev", "xi-jinping") in edges("Tokayev, Mirziyoyev and Japarov met Xi Jinping in Xi’an.",
                                                         "meetsWith")


def test_a_preposition_repeated_in_a_list_keeps_the_list_of_objects():
    assert edges("Kazatomprom supplies uranium to CGN and to China National Nuclear Corporation (CNNC).",
                 "suppliesTo") == [("kazatomprom", "cgn"), ("kazatomprom", "cnnc")]
    assert edges("Japan exported uranium to China and to the EU.", "suppliesTo") == [
        ("japan", "china"), ("japan", "european-union")]
    # another preposition, or a clause of its own, ends it
    assert edges("Japan exported uranium to China and in Kazakhstan it invested.", "suppliesTo") == [("japan", "china")]
    assert edges("Japan invested in Kazakhstan and in Kyrgyzstan it opened a mine.", "investsIn") == [
        ("japan", "kazakhstan")]


def test_an_apposition_or_participle_tells_who_owns_the_name_before_it():
    def edges(text, predicate="owns"):
        return sorted((r.subject, r.object, r.date) for r in propose_annotation(doc(text)).relations
                      if r.predicate == predicate)

    # the owner after the possessive that modifies it, of the name (or its abbreviation) before the comma
    assert edges("The mine was run by Kumtor Gold Company (KGC), a subsidiary of Canada’s Centerra Gold.") == [
        ("centerra-gold", "kumtor-gold-company", None)]
    assert edges("In Kazakhstan, KAZ Minerals, owned since 2021 by Nova Resources, runs the Aktogay mine.") == [
        ("nova-resources", "kaz-minerals", "2021")]
    # each partner of a joint venture, not the state whose company one is
    text = ("Summit Atom Rare Earth Company (SARECO), founded in 2010 as a joint venture of Kazatomprom and Japan’s "
            "Sumitomo Corporation, produces rare earths.")
    assert edges(text) == [("kazatomprom", "summit-atom-rare-earth-company", "2010"),
                           ("sumitomo-corporation", "summit-atom-rare-earth-company", "2010")]
    # and the participle is an insertion: the joint venture produces, not Sumitomo
    assert [s for s, _, _ in edges(text, "produces")] == ["summit-atom-rare-earth-company"]
    # an apposition far from the name is none of it
    assert edges("Kazatomprom signed a deal with Orano on the mine, owned by Cameco.") == []
    # "until" bounds the period after a section's number as anywhere ("2 to 4 September" is still a span of days)
    assert edges("2.1 Until 2021 the mine was run by Kumtor Gold Company (KGC), a subsidiary of Centerra Gold.") == [
        ("centerra-gold", "kumtor-gold-company", None)]


def test_names_inside_relative_clauses_and_brackets_act_only_there():
    assert edges("Tokayev, whom Scholz invited to Berlin, met Erdogan in Ankara.", "meetsWith") == [
        ("kassym-jomart-tokayev", "recep-tayyip-erdogan")]
    assert edges("The copper smelter China built in Kazakhstan supplies cathodes to Turkey.", "suppliesTo") == []
    assert edges("The company that Eurasian Resources Group acquired in 2021 mines cobalt in Africa.", "produces") == []
    assert edges("The minister who met Putin in Sochi later visited Beijing.", "visits") == []
    assert edges("Rosatom, whose subsidiary Uranium One mines uranium in Kazakhstan, signed a deal with Uzbekistan.",
                 "produces") == [("uranium-one", "uranium")]  # (the subsidiary mines, not Rosatom)
    assert edges("Kazatomprom (in which Samruk-Kazyna holds a 75% stake) exported uranium to China.", "suppliesTo") == [
        ("kazatomprom", "china")]
    assert edges("Uzbekistan – which China regards as a key partner – signed a memorandum with the EU.", "partnerOf") == [
        ("uzbekistan", "european-union")]
    # a verb inside the clause has its objects there, when the main clause's verb follows it
    assert edges("Uzbekistan, Kazakhstan and Kyrgyzstan, whose leaders met in Bishkek in 2023, export uranium to "
                 "China, Russia and Switzerland.", "meetsWith") == []
    # (a participle is no relative clause: Kazakhstan supplies)
    assert edges("Kazakhstan located in Central Asia supplies uranium to China.", "suppliesTo") == [
        ("kazakhstan", "china")]


def test_a_third_review_s_subjects_and_a_statement_s_date_of_an_unknown_year():
    # "in which" opens a relative clause as "which" does
    assert edges("The Inkai mine, in which Cameco holds a 40% stake, supplied uranium to Canada in 2023.",
                 "suppliesTo") == []
    # an apposition may end in a relative clause
    assert edges("ERG, the Luxembourg-registered miner whose main assets are in Kazakhstan, supplies ferrochrome to "
                 "China.", "suppliesTo") == [("eurasian-resources-group", "china")]
    # a company's officer, named in an apposition, acts for himself, not the company
    assert edges("Kazatomprom's chief executive, Meirzhan Yussupov, met Orano's CEO Nicolas Maes in Paris.",
                 "meetsWith") == []
    # "as" that opens a clause governs no name
    assert edges("Russia is worried as China invests more in Kazakhstan.", "investsIn") == [("china", "kazakhstan")]
    assert edges("China as well as Russia invested in Kazakhstan in 2022.", "investsIn") == [
        ("china", "kazakhstan"), ("russia", "kazakhstan")]
    # ", then" joins a verb to the subject of the one before
    assert edges("Mirziyoyev met Macron in Paris, then travelled to Berlin.", "visits") == [
        ("shavkat-mirziyoyev", "berlin")]
    # each clause its own fronted scene ("In Astana, …, and in Tashkent, …"), else the sentence's
    found = propose_annotation(doc("In Astana, Tokayev met Xi Jinping, and in Tashkent, Mirziyoyev met Putin."))
    assert sorted((r.subject, r.place) for r in found.relations if r.predicate == "meetsWith") == [
        ("kassym-jomart-tokayev", "astana"), ("shavkat-mirziyoyev", "tashkent")]
    found = propose_annotation(doc("In Astana, Tokayev met Putin, and Mirziyoyev and Rahmon met Xi Jinping."))
    assert {r.place for r in found.relations if r.predicate == "meetsWith"} == {"astana"}
    # objects each with its own date ("Berlin in September 2023 and Paris in November 2023")
    found = propose_annotation(doc("Tokayev visited Berlin in September 2023 and Paris in November 2023."))
    assert sorted((r.object, r.date) for r in found.relations if r.predicate == "visits") == [
        ("berlin", "2023-09"), ("paris", "2023-11")]
    # (not an object without a date of its own, nor one after a comma)
    assert edges("Tokayev met Xi Jinping on 2 July 2024 and Putin the following day.", "meetsWith") == [
        ("kassym-jomart-tokayev", "xi-jinping")]
    # membership of every organisation listed
    assert edges("Kazakhstan and Kyrgyzstan are members of the CSTO and the SCO.", "memberOf") == [
        ("kazakhstan", "csto"), ("kazakhstan", "sco"), ("kyrgyzstan", "csto"), ("kyrgyzstan", "sco")]
    # a decimal amount between the verb and its preposition
    assert edges("China invested $3.5 billion in Kazakhstan in 2023.", "investsIn") == [("china", "kazakhstan")]
    assert edges("Kyrgyzstan exported gold worth $1.1 billion to the United Kingdom.", "suppliesTo") == [
        ("kyrgyzstan", "united-kingdom")]
    # selling, buying from, lending, financing in, being headquartered in
    assert edges("Kazatomprom sells uranium to China.", "suppliesTo") == [("kazatomprom", "china")]
    assert edges("CGN buys uranium from Kazatomprom under a long-term contract.", "suppliesTo") == [
        ("kazatomprom", "cgn")]
    assert edges("Rosatom sold its stake in Uranium One to Kazatomprom.", "suppliesTo") == []
    assert edges("The ADB lent $100 million to Tajikistan in 2023.", "funds") == [("adb", "tajikistan")]
    assert edges("The EBRD is financing a tungsten project in Uzbekistan.", "funds") == [("ebrd", "uzbekistan")]
    assert edges("The Organization of Turkic States is headquartered in Istanbul.", "basedIn") == [
        ("organization-of-turkic-states", "istanbul")]
    # (a name that modifies the noun a relative clause describes is not the subject)
    assert edges("The CNNC subsidiary that buys Kazakh uranium is based in Beijing.", "basedIn") == []
    # a statement on a day later in the year than the document is of a year the text does not say
    text = ("“Kazakhstan is ready to become a reliable supplier of critical raw materials to Europe,” Tokayev said at "
            "the Astana International Forum on 9 June.")
    assert [s.date for s in propose_annotation(doc(text, date="2024-05-10")).statements] == [None]


def test_a_fourth_review_s_objects_pairs_and_requests():
    # a possessive's noun phrase goes on to "after China": the investment is in Kyrgyzstan
    assert edges("Turkey is the largest foreign investor in Kyrgyzstan's gold sector after China.", "investsIn") == [
        ("turkey", "kyrgyzstan")]
    # the headquarters is the place right after the verb, not a market named later
    assert edges("Cameco, which is headquartered in Saskatoon, markets uranium to utilities in North America and "
                 "Europe.", "basedIn") == [("cameco", "saskatoon")]
    # a request is no assistance
    assert edges("He called on the EBRD to support geological exploration in Kazakhstan.", "assists") == []
    # a demonym before a title and a name: the person is met
    assert edges("Rosatom head Alexei Likhachev arrived in Tashkent on Friday. Likhachev met Uzbek Energy Minister "
                 "Jurabek Mirzamakhmudov to discuss fuel supplies.", "meetsWith") == [
        ("alexei-likhachev", "jurabek-mirzamakhmudov")]
    # "both countries" are two states, named in the sentence before or it is a guess for review
    text = ("Turkish President Erdogan and Kyrgyz President Sadyr Japarov agreed to expand cooperation in mining. "
            "“We want Turkish companies to build plants here,” Japarov said. Both countries are members of the "
            "Organization of Turkic States.")
    assert edges(text, "memberOf") == []
    # "the country" refers to a state named as such, not to a demonym ("Chinese supply")
    text = ("Uzbekistan has become a courted partner in the EU's search for alternatives to Chinese supply of critical "
            "raw materials. The country signed a memorandum of understanding with the EU on a strategic partnership.")
    assert edges(text, "partnerOf") == [("uzbekistan", "european-union")]
    # receiving, welcoming, hosting a person is meeting them (not "hosted by", nor receiving a letter)
    assert edges("Tokayev received Russian President Vladimir Putin in Astana.", "meetsWith") == [
        ("kassym-jomart-tokayev", "vladimir-putin")]
    assert edges("Tokayev received a letter from Putin.", "meetsWith") == []
    assert edges("Tokayev attended the summit hosted by Xi Jinping.", "meetsWith") == []
    # the state whose agency it is gets no aid from it
    text = "Tokayev is on a working visit to Germany. Germany's raw materials agency DERA will provide technical support."
    assert edges(text, "assists") == []


def test_a_fronted_clause_and_nationals_named_by_their_state_give_no_subject():
    # a name after the comma that a verb follows opens the main clause
    text = "While China invests in Kyrgyzstan, Russia supplies fuel to Tajikistan."
    assert edges(text, "investsIn") == [("china", "kyrgyzstan")]
    assert edges(text, "suppliesTo") == [("russia", "tajikistan")]
    text = "Unlike Russia, which supplies uranium to China, Kazakhstan exports most of its output to Europe."
    assert edges(text, "suppliesTo") == [("kazakhstan", "europe"), ("russia", "china")]
    assert edges("Rather than Russia, Kazakhstan now supplies uranium to the EU.", "suppliesTo") == [
        ("kazakhstan", "european-union")]
    # "companies from", "investors from", "officials close to", "observers of": not the state or organisation
    assert edges("Companies from South Korea and Japan invested in Uzbekistan.", "investsIn") == []
    assert edges("Japarov met investors from Canada in Bishkek.", "meetsWith") == []
    assert edges("Officials close to Tokayev met representatives of the European Commission.", "meetsWith") == []
    assert edges("Observers of the SCO and the EAEU met Tokayev in Astana.", "meetsWith") == []
    # (but whom a participle's "by" names leads: "A delegation headed by Tokayev visited Tokyo")
    assert edges("A delegation headed by Tokayev visited Tokyo in December 2022.", "visits") == [
        ("kassym-jomart-tokayev", "tokyo")]


def test_a_gerund_s_object_a_discussion_a_deal_and_a_co_owner_make_no_fact():
    def facts(text):
        return sorted((r.subject, r.predicate, r.object) for r in propose_annotation(doc(text)).relations
                      if r.predicate in ("visits", "produces", "owns", "suppliesTo"))

    assert facts("Instead of meeting Putin, Japarov travelled to Beijing.") == []
    assert facts("Mirziyoyev's visit to Paris in March 2024 produced a uranium deal with Orano.") == [
        ("shavkat-mirziyoyev", "visits", "paris")]
    assert facts("Orano operates the Katco mine, which it owns jointly with Kazatomprom.") == []
    assert facts("Tokayev welcomed Erdogan in Astana, and the two leaders discussed tungsten exports to Turkey.") == []
    # (the owner of a company named right after the verb still owns it)
    assert facts("Samruk-Kazyna owns Kazatomprom.") == [("samruk-kazyna", "owns", "kazatomprom")]


def test_a_verb_after_a_comma_ends_the_objects_and_a_new_clause_ends_the_date():
    def edges(text, predicate):
        return sorted((r.subject, r.object, r.date) for r in propose_annotation(doc(text)).relations
                      if r.predicate == predicate)

    assert edges("Kazakhstan and Uzbekistan, having met in Astana, invested in Kyrgyzstan.", "meetsWith") == []
    assert edges("The EU signed a memorandum with Kazakhstan and Uzbekistan will follow in 2024.", "partnerOf") == [
        ("european-union", "kazakhstan", None)]
    # nor is the memorandum of 2024, nor its signing
    assert edges("The EU signed a memorandum with Kazakhstan and Uzbekistan will follow in 2024.", "partyTo") == [
        ("european-union", "european-union-kazakhstan-memorandum", None),
        ("kazakhstan", "european-union-kazakhstan-memorandum", None)]
    # (a participle does not open a clause: the date after it is still the fact's)
    assert ("china", "kazakhstan", "2023") in edges("China invested $5 billion in Kazakhstan and Uzbekistan combined in "
                                                    "2023.", "investsIn")


def test_a_fact_in_a_relative_clause_takes_no_date_from_the_main_verb_after_it():
    found = propose_annotation(doc("Kazatomprom, which supplies uranium to utilities in China and France, reported a "
                                   "12% rise in output in 2023."))
    assert sorted((r.object, r.date) for r in found.relations if r.predicate == "suppliesTo") == [
        ("china", None), ("france", None)]
    # (a date that heads the sentence dates the relative clause too)
    found = propose_annotation(doc("In 2022 Kazakhstan, which met Japan in Astana, signed a memorandum with the EU."))
    assert [r.date for r in found.relations if r.predicate == "meetsWith"] == ["2022"]


def test_a_clause_joined_by_and_with_a_subject_of_its_own_keeps_its_own_date():
    found = propose_annotation(doc("Tokayev visited Paris in November 2023 and Macron visited Astana a few weeks "
                                   "earlier."))
    assert sorted((r.subject, r.date) for r in found.relations if r.predicate == "visits") == [
        ("emmanuel-macron", None), ("kassym-jomart-tokayev", "2023-11")]
    # (a list of subjects is one clause)
    found = propose_annotation(doc("In 2023, Kazakhstan and Uzbekistan invested in Kyrgyzstan."))
    assert sorted((r.subject, r.date) for r in found.relations if r.predicate == "investsIn") == [
        ("kazakhstan", "2023"), ("uzbekistan", "2023")]


def test_an_earlier_event_before_the_clause_does_not_date_it():
    found = propose_annotation(doc("After meeting Putin on 2 May, Tokayev visited Tashkent, where he met Mirziyoyev on "
                                   "4 May.", date="2024-05-10"))
    assert sorted((r.predicate, r.object, r.date) for r in found.relations) == [
        ("meetsWith", "shavkat-mirziyoyev", "2024-05-04"), ("visits", "tashkent", None)]
    found = propose_annotation(doc("After meeting Putin in 2022, Tokayev visited Tashkent."))
    assert [r.date for r in found.relations if r.predicate == "visits"] == [None]


def test_a_relative_clause_does_not_date_a_fact_by_the_document_outside_it():
    found = propose_annotation(doc("Tokayev, who visited Moscow in April, met Putin in Astana.", date="2024-05-10"))
    assert sorted((r.predicate, r.date) for r in found.relations if r.predicate in ("meetsWith", "visits")) == [
        ("meetsWith", None), ("visits", "2024-04")]


def test_a_person_received_in_the_passive_or_a_delegation_led_by_one_is_met():
    assert edges("Putin was received by Tokayev in Astana in November 2023.", "meetsWith") == [
        ("kassym-jomart-tokayev", "vladimir-putin")]
    assert edges("Scholz was hosted by Tokayev and Mirziyoyev in Astana.", "meetsWith") == [
        ("kassym-jomart-tokayev", "olaf-scholz"), ("shavkat-mirziyoyev", "olaf-scholz")]
    assert edges("Mirziyoyev received a delegation led by Maroš Šefčovič in Tashkent.", "meetsWith") == [
        ("shavkat-mirziyoyev", "maros-sefcovic")]
    # the name right before the passive is its subject, not a possessive nor a name after the verb
    assert edges("Putin's envoy was received by Tokayev in Astana.", "meetsWith") == []
    assert edges("The ministers of Japan and Korea were received by Tokayev and Mirziyoyev.", "meetsWith") == []
    # not yet, and not at all
    assert edges("Putin is expected to be received by Tokayev.", "meetsWith") == []
    assert edges("Putin was not received by Tokayev.", "meetsWith") == []


def test_membership_from_joining_and_from_a_list_of_members():
    assert edges("Kyrgyzstan and Armenia joined the Eurasian Economic Union in 2015.", "memberOf") == [
        ("armenia", "eaeu"), ("kyrgyzstan", "eaeu")]
    assert edges("Uzbekistan acceded to the World Trade Organization in 2026.", "memberOf") == [("uzbekistan", "wto")]
    assert edges("The EAEU's members are Armenia, Belarus and Kazakhstan.", "memberOf") == [
        ("armenia", "eaeu"), ("belarus", "eaeu"), ("kazakhstan", "eaeu")]
    # an observer is no member; joining an organisation's summit, initiative or mission, or joining it in doing
    # something, is no membership; nor is a list that no capitalised name opens
    for text in ("Uzbekistan joined the Eurasian Economic Union as an observer in 2020.",
                 "Kazakhstan joined the SCO summit in Astana.",
                 "Japan joined the European Union in imposing sanctions on Russia.",
                 "Kazakhstan joined the EU-led mission.",
                 "Kazakhstan joined the EU’s raw materials initiative.",
                 "Turkmenistan never joined the CSTO.",
                 "The SCO's members are wary of China."):
        assert edges(text, "memberOf") == [], text


def test_a_phone_call_is_engagement_not_a_meeting():
    text = "Tokayev spoke with Xi Jinping by telephone on 3 May 2024."
    assert edges(text, "engagesWith") == [("kassym-jomart-tokayev", "xi-jinping")]
    assert edges(text, "meetsWith") == []
    assert edges("Mirziyoyev held a telephone conversation with Putin.", "engagesWith") == [
        ("shavkat-mirziyoyev", "vladimir-putin")]
    assert edges("Tokayev did not speak with Putin.", "engagesWith") == []
    assert edges("Tokayev is expected to hold a phone call with Biden.", "engagesWith") == []  # for review only
    assert edges("Tokayev held talks with Xi Jinping in Astana.", "engagesWith") == []  # a meeting


def test_a_mineral_producer_and_the_country_of_a_participle_place():
    assert edges("Tajikistan is the world's third-largest antimony producer.", "produces") == [("tajikistan", "antimony")]
    assert edges("Kazakhstan is one of the world's largest uranium and chromium producers.", "produces") == [
        ("kazakhstan", "chromium"), ("kazakhstan", "uranium")]
    # a word that is not a mineral inside the phrase, an aim, a denial: nothing
    for text in ("Kazakhstan is a major uranium and oil producer.", "Kazakhstan aims to become a major lithium producer.",
                 "Kyrgyzstan is not a significant lithium producer."):
        assert edges(text, "produces") == [], text
    # "headquartered in Almalyk, Uzbekistan,": the country is inside the participle, the company produces
    text = "Almalyk MMC, headquartered in Almalyk, Uzbekistan, produces copper and molybdenum."
    assert edges(text, "produces") == [("almalyk-mmc", "copper"), ("almalyk-mmc", "molybdenum")]


def test_the_country_after_two_states_is_the_one_the_sentence_before_opens_with_or_none():
    # two states in the sentence before, which opens with neither: "the country" may be either
    text = ("DUSHANBE, May 6 - Tajikistan's antimony exports to China rose by almost a fifth last year. "
            "The country is the world's third-largest antimony producer.")
    assert edges(text, "produces") == []
    # the sentence before opens with one of them: that one, flagged for review
    text = "Tajikistan's antimony exports to China rose last year. The country is the world's third-largest antimony producer."
    relations = [r for r in extract(doc(text)).relations if r.predicate == "produces"]
    assert [(r.subject, r.object, r.provenance.needs_review) for r in relations] == [("tajikistan", "antimony", True)]
    # one state named before in its own sentence: that one
    assert edges("China buys most of it. Tajikistan mines antimony, and the country is the world's third-largest "
                 "antimony producer.", "produces") == [("tajikistan", "antimony")]


def test_a_name_an_apposition_calls_a_subsidiary_or_venture_is_a_company():
    assert edges("Kazzinc, a subsidiary of Glencore, produces zinc.", "owns") == [("glencore", "kazzinc")]
    assert edges("KATCO, the joint venture of Orano and Kazatomprom, mines uranium.", "owns") == [
        ("kazatomprom", "katco"), ("orano", "katco")]
    assert edges("KATCO, the joint venture of Orano and Kazatomprom, mines uranium.", "produces") == [("katco", "uranium")]
    # a second apposition, joined to the first
    assert edges("Tau-Ken Samruk, the national mining company and a subsidiary of the wealth fund Samruk-Kazyna, "
                 "develops Shalkiya.", "owns") == [("samruk-kazyna", "tau-ken-samruk")]
    # a miner or producer only by what follows it; no noun of another phrase; not part of a known name
    for text in ("The Soviet Union, a major producer of uranium, collapsed in 1991.",
                 "Ust-Kamenogorsk, a city with a smelter of the company, lies in the east.",
                 "Uranium One, a subsidiary of Rosatom, mines uranium.",
                 "Kazzinc, Glencore's subsidiary in Kazakhstan, mines zinc."):
        cued = [e.id for e in extract(doc(text)).entities if e.provenance.rule == "name-in-apposition"]
        assert cued == [], text


def test_a_stake_given_roughly_or_as_the_rest_is_a_stake():
    assert edges("Glencore owns about 70% of Kazzinc.", "owns") == [("glencore", "kazzinc")]
    assert edges("Kazatomprom holds the remaining 49% of KATCO.", "owns") == [("kazatomprom", "katco")]
    assert edges("Cameco holds just over 40 percent of Kazakhmys.", "owns") == [("cameco", "kazakhmys")]


def test_the_company_after_a_quotation_is_not_the_one_last_named_as_an_object():
    # the sentence before is a quotation, and the company named last is no sentence's subject: the one that opened
    # an earlier sentence may be meant as well, so the reading is flagged (and drops below the build's threshold)
    text = ("Glencore today announced its results. The group also raised its stake in Kazakhmys, which mines copper in "
            "Kazakhstan. Chief Executive Gary Nagle said: \u201cOur mines continue to deliver.\u201d The company is "
            "headquartered in Switzerland.")
    relations = [r for r in extract(doc(text)).relations if r.predicate == "basedIn"]
    assert [(r.subject, r.provenance.needs_review) for r in relations] == [("glencore", True)]
    assert relations[0].provenance.confidence < 0.5
    # the one named last opens its sentence: that one, as before
    text = ("Glencore raised its stake in Kazakhmys. Kazakhmys mines copper in Kazakhstan. Its chief executive said: "
            "\u201cWe are pleased.\u201d The company is headquartered in Kazakhstan.")
    assert edges(text, "basedIn") == [("kazakhmys", "kazakhstan")]


def test_a_person_met_in_the_possessive_is_not_the_one_met():
    for text in ("Tokayev met Putin's aide in Astana.", "Tokayev spoke with Putin's spokesman on Monday.",
                 "Tokayev received Putin's letter."):
        assert edges(text, "meetsWith") + edges(text, "engagesWith") == [], text
    # the person named right after the possessive is
    assert edges("Tokayev met China's Xi Jinping in Astana.", "meetsWith") == [("kassym-jomart-tokayev", "xi-jinping")]
    assert edges("Tokayev met Russia's Foreign Minister Sergey Lavrov.", "meetsWith") == [
        ("kassym-jomart-tokayev", "sergey-lavrov")]


def test_names_listed_in_a_relative_clause_are_not_the_subject_after_it():
    assert edges("Cameco, which is headquartered in Saskatoon, Canada, owns 40 percent of JV Inkai.", "owns") == [
        ("cameco", "jv-inkai")]
    assert edges("Kazakhstan, which borders China, Russia and Uzbekistan, exports uranium to France.",
                 "suppliesTo") == [("kazakhstan", "france")]


def test_according_to_a_source_ends_with_its_sentence():
    text = ("Tajikistan is the world's third-largest producer of antimony, according to the US Geological Survey. "
            "Rahmon, who has ruled the country since 1992, also met Gazprom chief executive Alexei Miller.")
    assert [s.speaker for s in extract(doc(text)).statements] == []
    text = "According to the USGS, Kazakhstan produced 43 percent of the world's uranium in 2022."
    assert [s.speaker for s in extract(doc(text)).statements] == ["united-states-geological-survey"]


def test_a_demonym_before_a_counterpart_or_a_portfolio_title_is_not_the_one_met():
    assert edges("Foreign Minister Rashid Meredov also met his Kyrgyz counterpart Jeenbek Kulubaev.", "meetsWith") == [
        ("rashid-meredov", "jeenbek-kulubaev")]
    assert edges("Nurtleu also met Indian Minister of Mines Pralhad Joshi.", "meetsWith") == []
    # officials of a state are its agents, as before
    assert edges("Tokayev met Kyrgyz officials in Bishkek.", "meetsWith") == [("kassym-jomart-tokayev", "kyrgyzstan")]


def test_a_visit_in_the_possessive_of_no_name_has_no_visitor():
    text = ("The deal was signed in the presence of French President Emmanuel Macron and President Tokayev during the "
            "French leader's visit to Astana.")
    assert edges(text, "visits") == []
    # the possessor named is the visitor; a possessive of scope owns nothing
    assert edges("Xi Jinping's state visit to Kazakhstan in September 2022 produced several agreements.", "visits") == [
        ("xi-jinping", "kazakhstan")]
    assert edges("Kazakhstan is the world’s largest producer of uranium.", "produces") == [("kazakhstan", "uranium")]


def test_the_union_and_the_organisation_refer_back_to_an_organisation():
    text = ("The Eurasian Economic Union was launched in 2015. "
            "The union's members are Armenia, Belarus, Kazakhstan, Kyrgyzstan and Russia.")
    assert edges(text, "memberOf") == [("armenia", "eaeu"), ("belarus", "eaeu"), ("kazakhstan", "eaeu"),
                                       ("kyrgyzstan", "eaeu"), ("russia", "eaeu")]


def test_a_dateline_is_the_day_relative_dates_count_from():
    text = ("BISHKEK, Jan 22 - Kyrgyz President Sadyr Japarov paid a state visit to Turkmenistan on Monday. "
            "“Our gas and power links are the backbone of the region,” Japarov said.")
    a = extract(doc(text, date="2024-05-10"))
    # ("on Monday": the Monday on or before the dateline's day, which was one)
    assert [(r.object, r.date) for r in a.relations if r.predicate == "visits"] == [("turkmenistan", "2024-01-22")]
    assert [s.date for s in a.statements] == ["2024-01-22"]
    # without a dateline, the document's date, a Friday
    a = extract(doc(text.replace("BISHKEK, Jan 22 - ", ""), date="2024-05-10"))
    assert [(r.object, r.date) for r in a.relations if r.predicate == "visits"] == [("turkmenistan", "2024-05-06")]
    # a visit to come on a weekday is of the week around the document's date, not of a day before it
    from crmgraph.extract.dates import dated_by_document
    from crmgraph.extract.gazetteer import load_lexicon

    for sentence, date in (("Japarov will visit Turkmenistan on Monday.", "2024-05"),
                           ("Japarov visited Turkmenistan on Monday.", "2024-05-06"),
                           ("Japarov visited Turkmenistan on Friday.", "2024-05-10")):
        assert dated_by_document(sentence, 0, len(sentence), "2024-05-10", load_lexicon()) == date


def test_a_delegation_led_by_an_organisations_officer():
    text = "Tokayev received a delegation led by Rosatom chief executive Alexei Likhachev in Astana."
    assert edges(text, "meetsWith") == [("kassym-jomart-tokayev", "alexei-likhachev")]


def test_a_quotation_attributed_after_it_to_someone_unknown_is_nobody_elses():
    text = ("Kazatomprom said on Tuesday it had signed a supply agreement with China National Nuclear Corporation. The "
            "deal was announced after Chief Executive Meirzhan Yussupov met CNNC chairman Yu Jianfeng in Beijing last "
            "week. “China remains our key strategic market,” Yussupov told reporters.")
    assert [s.speaker for s in extract(doc(text)).statements if s.speaker == "yu-jianfeng"] == []
    text = ("Kazakh President Kassym-Jomart Tokayev, who spoke first, called for greater American investment, the White "
            "House said. “Central Asia has what the world needs,” a senior administration official told reporters.")
    assert extract(doc(text)).statements == []
    # a speaker who introduces the quotation with a colon keeps it
    text = "Tokayev said: “We will build more plants in the region,” and added that talks would go on."
    assert [s.speaker for s in extract(doc(text)).statements] == ["kassym-jomart-tokayev"]


def test_an_organisation_speaks_through_its_spokesperson_and_a_person_does_not():
    def speakers(text):
        return [s.speaker for s in extract(doc(text)).statements]

    for text in ("\u201cWe will expand zinc production next year,\u201d a Glencore spokesperson said.",
                 "\u201cWe will expand zinc production next year,\u201d said a spokesperson for Glencore.",
                 "\u201cWe will expand zinc production next year,\u201d Glencore said in a statement.",
                 "A spokesperson for Glencore said: \u201cWe will expand zinc production next year.\u201d",
                 "A Glencore spokesman told reporters: \u201cWe will expand zinc production next year.\u201d"):
        assert speakers(text) == ["glencore"], text
    # a person's spokesman is not the person; the possessor of a speaker does not speak
    for text in ("\u201cThe president will visit Beijing in the spring,\u201d Tokayev's spokesman said.",
                 "Tokayev's aide told reporters: \u201cThe president will visit Beijing in the spring.\u201d",
                 "\u201cWe will expand zinc production next year,\u201d Glencore's chief executive said."):
        assert speakers(text) == [], text


def test_last_week_is_the_thirteen_days_before_the_document():
    def statement_dates(text, date):
        return [s.date for s in extract(doc(text, date=date)).statements]

    text = "\u201cWe do not sell uranium to any army at all,\u201d Tokayev told Reuters last week."
    assert statement_dates(text, "2024-05-20") == ["2024-05"]
    assert statement_dates(text, "2024-05-10") == ["2024"]  # (from 27 April to 9 May)
    # over two years: no date, not the document's
    assert statement_dates(text, "2024-01-05") == [None]


def test_a_capitalised_role_before_a_name_is_no_part_of_it():
    text = "Chief Executive Meirzhan Yussupov met CNNC chairman Yu Jianfeng in Beijing."
    assert edges(text, "meetsWith") == [("meirzhan-yussupov", "yu-jianfeng")]
    people = [e.id for e in extract(doc("Managing Director Anna Schmidt said output would rise.")).entities]
    assert people == ["anna-schmidt"]


def test_a_supply_or_loan_agreement_is_an_agreement_its_signatories_are_party_to():
    a = extract(doc("Kazatomprom said on Tuesday it had signed a supply agreement with CNNC to deliver uranium."))
    agreements = [e for e in a.entities if e.type == "Agreement"]
    assert [e.id for e in agreements] == ["kazatomprom-cnnc-agreement"]
    assert sorted(r.subject for r in a.relations if r.predicate == "partyTo") == ["cnnc", "kazatomprom"]
    assert edges("The European Investment Bank signed a loan agreement with Uzbekistan in 2023.", "partyTo") == [
        ("eib", "eib-uzbekistan-agreement-2023"), ("uzbekistan", "eib-uzbekistan-agreement-2023")]
    # "it" is the organisation that announces its own act, not a person
    assert edges("Tokayev said it had signed a memorandum with CNNC.", "partyTo") == [("cnnc", "cnnc-memorandum")]
    # the partner in the possessive is the one possessed
    assert edges("Talco signed an agreement with China's CNNC to supply alumina.", "partyTo") == [
        ("cnnc", "talco-cnnc-agreement"), ("talco", "talco-cnnc-agreement")]
    assert edges("Talco signed an agreement with China's Zhongjin to supply alumina.", "partyTo") == [
        ("talco", "talco-agreement")]


def test_a_name_a_cue_gives_is_the_same_body_where_it_recurs():
    text = ("Kazzinc, a subsidiary of Glencore, mines zinc in East Kazakhstan. Kazzinc supplies refined zinc to "
            "China.")
    assert edges(text, "suppliesTo") == [("kazzinc", "china")]
    # an apposition that is the venture itself: not the partner's venture with another
    text = "Cameco said that JV Inkai, its joint venture with Kazatomprom, got approval. Cameco holds 40% of JV Inkai."
    assert edges(text, "jointProductionWith") == []
    assert edges("Kazatomprom, the state company, formed a joint venture with Orano in 1996.",
                 "jointProductionWith") == [("kazatomprom", "orano")]


def test_seventh_review_wrong_edges():
    # an officer the sentence does not name is not the state
    assert edges("The French president held talks with Kassym-Jomart Tokayev in Astana.", "meetsWith") == []
    assert edges("Olaf Scholz, the German chancellor, met Tokayev in Astana.", "meetsWith") == [
        ("olaf-scholz", "kassym-jomart-tokayev")]
    # … with the title capitalised, or after the state's name
    for text in ("The French President held talks with Kassym-Jomart Tokayev in Astana.",
                 "The US President met Tokayev in Astana.", "Tokayev met the Chinese President in Astana."):
        assert edges(text, "meetsWith") == [], text
    assert edges("French President Emmanuel Macron met Tokayev.", "meetsWith") == [
        ("emmanuel-macron", "kassym-jomart-tokayev")]
    # the possessor after a copula is the scope; the subject of the copula produces
    assert edges("Kazatomprom is Kazakhstan's largest producer of uranium.", "produces") == [("kazatomprom", "uranium")]
    assert edges("Almalyk MMC is based in Uzbekistan. Established in 1949, it is the country's largest producer of "
                 "copper.", "produces") == []
    # "the country" after a state named only in a possessive is no sure antecedent (and a bullet's label that a
    # trigger's words begin with hides no trigger)
    text = ("Turkmenistan: key facts\n\n\u2022 Reserves: Turkmenistan has reserves of uranium.\n\u2022 CNPC, China's "
            "state oil company, has helped develop Galkynysh.\n\u2022 Minerals: the country has large potash deposits.")
    assert edges(text, "hasReserves") == [("turkmenistan", "uranium")]
    # "and" joins two clauses after a cue, not two names
    assert edges("Cameco owns 49% of Westinghouse and Brookfield owns the remaining 51%.", "owns") == [
        ("cameco", "westinghouse")]
    # seeking a relation is not having it
    assert edges("Turkey is seeking closer cooperation with Kazakhstan on mining.", "cooperatesWith") == []
    # a name's word is no trigger; a name after an indefinite article qualifies a noun
    assert edges("India joined the Shanghai Cooperation Organisation in 2017, together with Pakistan.", "partnerOf") == []
    assert edges("He also participated in a C5+1 ministerial meeting with the foreign ministers of the five Central "
                 "Asian countries.", "meetsWith") == []


def test_owners_listed_with_their_shares_and_an_officer_in_the_possessive():
    text = "Cameco said JV Inkai, its joint venture in Kazakhstan, slowed. JV Inkai is owned 60% by Kazatomprom and 40% by Cameco."
    assert edges(text, "owns") == [("cameco", "jv-inkai"), ("kazatomprom", "jv-inkai")]
    # the owned company unknown: none of the owners owns another
    assert edges("Semizbay-U, which is 51% owned by Orano and 49% by Kazatomprom, mines uranium.", "owns") == []
    assert edges("KATCO, which is 51% owned by Orano and 49% by Kazatomprom, mines uranium.", "owns") == [
        ("kazatomprom", "katco"), ("orano", "katco")]
    text = "\u201cWe work closely with our partner,\u201d said Tim Gitzel, Cameco's president and chief executive officer."
    assert edges(text, "affiliatedWith") == [("tim-gitzel", "cameco")]


def test_landing_flying_and_touring_are_visits_dated_from_the_dateline():
    text = ("LONDON, May 10 (Reuters) - Britain's Foreign Secretary David Cameron last month toured Central Asia, "
            "visiting Tajikistan and Uzbekistan.")
    visits = {(r.object, r.date) for r in extract(doc(text, date="2024-05-10")).relations if r.predicate == "visits"}
    # (the region toured, and the states the tour took in)
    assert visits == {("central-asia", "2024-04"), ("tajikistan", "2024-04"), ("uzbekistan", "2024-04")}
    assert edges("When Emmanuel Macron landed in Astana on 1 November 2023, raw materials were on the agenda.",
                 "visits") == [("emmanuel-macron", "astana")]
    assert edges("The next day Xi Jinping flew to Samarkand to attend the summit.", "visits") == [
        ("xi-jinping", "samarkand")]


def test_a_region_is_visited_and_a_visit_in_the_passive_is_the_visitors():
    assert edges("David Cameron visited all five Central Asian countries in April 2024.", "visits") == [
        ("david-cameron", "central-asia")]
    assert edges("Xi Jinping travelled to Central Asia and Europe in May 2024.", "visits") == [
        ("xi-jinping", "central-asia"), ("xi-jinping", "europe")]
    # and in the passive, the visitor after "by"
    assert edges("Kazakhstan is visited by Russian President Vladimir Putin on a state visit.", "visits") == [
        ("vladimir-putin", "kazakhstan")]
    assert edges("Kazakhstan was not visited by Putin in 2024.", "visits") == []


def test_one_of_several_partners_investors_or_suppliers():
    assert edges("Russia remains one of Kazakhstan's two largest trading partners, alongside China.",
                 "tradePartnerOf") == [("russia", "kazakhstan")]
    assert edges("Japan is one of Uzbekistan's largest foreign investors.", "investsIn") == [("japan", "uzbekistan")]
    assert edges("Britain is one of the largest foreign investors in Kazakhstan.", "investsIn") == [
        ("united-kingdom", "kazakhstan")]
    # a visit paid, and talks held after it, by the one who paid it
    assert edges("Putin paid an official visit to Kazakhstan and held talks with Tokayev.", "meetsWith") == [
        ("vladimir-putin", "kassym-jomart-tokayev")]


def test_a_summit_attended_by_and_a_bank_a_state_is_a_member_of():
    text = "The 2023 China-Central Asia Summit was attended by Tokayev and Mirziyoyev."
    assert edges(text, "participatesIn") == [("kassym-jomart-tokayev", "china-central-asia-summit-2023"),
                                             ("shavkat-mirziyoyev", "china-central-asia-summit-2023")]
    assert edges("Kazakhstan has been a member of the EBRD since 1992.", "memberOf") == [("kazakhstan", "ebrd")]
    # a person is attended by no one: the rule reads the passive of an event
    assert edges("Tokayev was attended by doctors in Astana.", "participatesIn") == []


def test_an_organisation_based_in_a_place_past_its_abbreviation_and_a_mineral():
    text = ("Navoi Mining and Metallurgical Combinat (NMMC) is a state-owned gold mining company headquartered in "
            "Navoi, Uzbekistan.")
    assert ("navoi-mining-and-metallurgical-company", "navoi") in edges(text, "basedIn")
    # a place after a verb of its own is where something happened, not the seat
    assert edges("Kazatomprom sold uranium to CNNC in Beijing.", "basedIn") == []


def test_the_six_leaders_are_the_six_actors_named_last():
    text = ("Xi Jinping chaired the summit, attended by the presidents of Kazakhstan, Kyrgyzstan, Tajikistan, "
            "Turkmenistan and Uzbekistan. The six leaders signed the Xi'an Declaration.")
    parties = sorted(r.subject for r in extract(doc(text)).relations if r.predicate == "partyTo")
    assert parties == ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan", "xi-jinping"]
    # the states of a region, as a group, are the region; a group that counts more actors than were named is none
    text = ("Xi Jinping met the presidents of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan. Xi "
            "announced 26 billion yuan in financing for the five states.")
    def funded(text):
        return sorted((r.subject, r.object) for r in extract(doc(text)).relations if r.predicate == "funds")

    assert funded(text) == [("xi-jinping", "central-asia")]
    text = "Japan met Kazakhstan, Kyrgyzstan and Tajikistan. Japan announced financing for the three countries."
    assert funded(text) == [("japan", "kazakhstan"), ("japan", "kyrgyzstan"), ("japan", "tajikistan")]
    assert edges("Kazakhstan met Uzbekistan. The six leaders signed the Xi'an Declaration.", "partyTo") == []


def test_producing_and_ranking_among_the_producers():
    assert edges("Orano has been producing uranium in Kazakhstan for twenty years.", "produces") == [("orano", "uranium")]
    assert edges("Uzbekistan ranks among the world's top ten gold producers.", "produces") == [("uzbekistan", "gold")]
    assert edges("Uzbekistan is among the world's ten largest uranium producers.", "produces") == [
        ("uzbekistan", "uranium")]
    # not a producing country's trade
    assert edges("Kazakhstan buys from uranium-producing countries.", "produces") == []


def test_a_name_at_the_end_of_a_long_title_and_a_statement_after_another_month():
    text = ("BRUSSELS - The EU pledged 10 billion euros at a forum held in Brussels on 29-30 January 2024, "
            "Commissioner for International Partnerships Jutta Urpilainen announced. \u201cToday we are turning our "
            "words into action,\u201d Urpilainen said.")
    statements = extract(doc(text, date="2024-05-10")).statements
    assert [(s.speaker, s.date) for s in statements] == [("jutta-urpilainen", None)]
    # with no other month told before it, the document's day
    text = "Jutta Urpilainen said the EU would help. \u201cToday we are turning our words into action,\u201d Urpilainen said."
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-05-10"]


def test_he_after_a_fronted_phrase_and_a_possessive_that_closes_a_list():
    text = "David Cameron toured Central Asia. In Dushanbe he held talks with President Emomali Rahmon."
    assert edges(text, "meetsWith") == [("david-cameron", "emomali-rahmon")]
    text = ("Blinken travelled to Tashkent, where he met President Shavkat Mirziyoyev and Bakhtiyor Saidov, "
            "Uzbekistan's top diplomat.")
    assert ("antony-blinken", "uzbekistan") not in edges(text, "meetsWith")


def test_states_listed_as_a_states_trade_partners():
    assert edges("China and Russia are Kyrgyzstan's largest trade partners.", "tradePartnerOf") == [
        ("china", "kyrgyzstan"), ("russia", "kyrgyzstan")]
    # a list that does not open the clause is not the subject's
    assert ("uzbekistan", "kyrgyzstan") not in edges(
        "In Uzbekistan, China and Russia are Kyrgyzstan's largest trade partners.", "tradePartnerOf")


def test_eighth_review_wrong_edges_and_statements():
    # "his visit" is the clause's subject's, not the last person's before it
    text = ("President Kassym-Jomart Tokayev held talks with Prime Minister Giorgia Meloni in Rome during his state "
            "visit to Italy.")
    assert edges(text, "visits") == [("kassym-jomart-tokayev", "italy")]
    # the place after an event's organisation is the event's
    assert edges("Joint statement - 10th Summit of the Organization of Turkic States, Astana, 3 November 2023",
                 "basedIn") == []
    # a visit that another act is dated from is not of the dateline's day
    text = ("PARIS, May 10 (AFP) - Orano is pressing ahead with uranium exploration in Uzbekistan six months after "
            "President Emmanuel Macron's visit to the country, a company spokesperson said.")
    assert [r.date for r in extract(doc(text, date="2024-05-10")).relations if r.predicate == "visits"] == [None]
    # a quotation whose own sentence has its verb of speech: its speaker is named there
    text = ("Britain wants closer ties, the Foreign Office said. David Cameron toured Central Asia. In Astana he met "
            "Tokayev. Asked about China, a Foreign Office spokesperson said: \u201cWe are not asking anyone to "
            "choose.\u201d")
    assert [s.speaker for s in extract(doc(text)).statements] == ["foreign-office"]


def test_a_person_before_a_capitalised_role_of_an_organisation():
    text = ("Commenting on the update, Meirzhan Yussupov, Chief Executive Officer of Kazatomprom, said: \u201cWe will "
            "keep our promises to customers.\u201d")
    a = extract(doc(text))
    assert [s.speaker for s in a.statements] == ["meirzhan-yussupov"]
    assert edges(text, "affiliatedWith") == [("meirzhan-yussupov", "kazatomprom")]


def test_an_apposition_that_says_where_a_company_is_based():
    assert edges("HMS Bergbau AG, a Berlin-based raw materials company, signed a memorandum.", "basedIn") == [
        ("hms-bergbau-ag", "berlin")]
    assert edges("Glencore, the Swiss-based trader, raised its stake.", "basedIn") == [("glencore", "switzerland")]
    # not a name the apposition does not describe
    assert edges("Glencore met a Berlin-based investor.", "basedIn") == []


def test_a_legal_form_makes_a_company():
    for text, company in (("HMS Bergbau AG signed a memorandum with Kazakhstan.", "hms-bergbau-ag"),
                          ("Eramet SA signed a memorandum with Kazakhstan.", "eramet-sa")):
        assert (company, "Company") in {(e.id, e.type) for e in extract(doc(text)).entities}, text


def test_a_partner_for_a_state():
    assert edges("Kazakhstan is an important partner for the United Kingdom.", "partnerOf") == [
        ("kazakhstan", "united-kingdom")]
    assert edges("Japan is a key partner of Uzbekistan.", "partnerOf") == [("japan", "uzbekistan")]
    for text in ("Kazakhstan is not a partner of Russia.", "China may be a partner for Kazakhstan.",
                 "Kazakhstan is a key partner for France's energy security."):
        assert edges(text, "partnerOf") == [], text


def test_a_statement_at_an_event_told_of_before_is_not_of_the_documents_day():
    text = ("ASTANA, May 10 (Reuters) - Kazakhstan hosted the summit of the Organization of Turkic States on 3 November "
            "2023. \u201cThe Turkic world must become a single economic space,\u201d Tokayev said at the summit.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == [None]
    text = ("ANKARA, May 9 (AA) - Recep Tayyip Erdogan and Sadyr Japarov met in Ankara. \u201cWe want Turkish "
            "companies to build plants here,\u201d Japarov said at a joint news conference.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-05-09"]


def test_a_phone_call_with_a_titled_person():
    text = "Kyrgyz President Sadyr Japarov spoke by telephone with Russian President Vladimir Putin on Monday."
    assert edges(text, "engagesWith") == [("sadyr-japarov", "vladimir-putin")]


def test_sixth_review_wrong_edges():
    # a state's business people are not the state; an organisation's executives are its agents
    assert edges("Kazakh President Tokayev also met German business leaders at a round table.", "meetsWith") == []
    assert edges("Bobir Islamov, Uzbekistan's minister of mining, met executives of Rio Tinto in London.",
                 "meetsWith") == [("bobir-islamov", "rio-tinto")]
    # the trigger's place is the region right after it, not the state of "America's top diplomat"
    text = ("Blinken met Kazakh President Kassym-Jomart Tokayev in Astana on Tuesday, his first visit to Central Asia "
            "as America's top diplomat.")
    assert edges(text, "visits") == [("antony-blinken", "central-asia")]
    # an apposition that names a city and its country
    assert edges("Navoiyuran, a state company based in Navoi, Uzbekistan, produces uranium.", "produces") == [
        ("navoiyuran", "uranium")]
    # a dateline with its country
    from crmgraph.extract.dates import dateline_date
    assert dateline_date("XI'AN, China, May 19 (Xinhua) - Chinese President Xi Jinping opened …", "2024-05-10") == "2023-05-19"


def test_a_statement_after_another_year_is_not_dated_by_the_document():
    text = ("French President Emmanuel Macron arrived in Astana on 1 November 2023 and held talks with Tokayev. "
            "“Kazakhstan is a key partner for France's energy sovereignty,” Macron said.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == [None]
    # with nothing else dated before it, the document's date; in a news item, its dateline's
    text = "Macron held talks with Tokayev. “Kazakhstan is a key partner for France's energy sovereignty,” Macron said."
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-05-10"]
    text = ("ASTANA, Nov 1 (AFP) - Macron, who first came here in 2019, held talks with Tokayev. "
            "“Kazakhstan is a key partner for France's energy sovereignty,” Macron said.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2023-11-01"]


def test_a_statement_spoken_at_a_place_takes_the_date_of_the_speakers_visit_there():
    text = ("The Foreign Secretary, Lord Cameron, visited Astana in April 2024 as part of a tour of Central Asia.\n\n"
            "Speaking in Astana, Lord Cameron said: “Central Asia matters to the UK, and we want to be a partner.”")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-04"]
    # the visit's sentence, not the nearest sentence naming the place and a year ("provided in 2022")
    text = ("Secretary of State Antony J. Blinken travelled to Astana on February 28, 2023, where he met President "
            "Kassym-Jomart Tokayev. In Astana, Blinken announced $25 million for the Economic Resilience Initiative, "
            "following $25 million provided in 2022. “The United States is committed to the sovereignty of Central "
            "Asian countries,” Blinken said in Astana.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2023-02-28"]
    # another's event at the place dates nothing of the speaker's
    text = ("Kazakhstan hosted the SCO summit in Astana in July 2024.\n\n"
            "Speaking in Astana, Lord Cameron said: “Central Asia matters to the UK, and we want to be a partner.”")
    assert [s.date for s in extract(doc(text, date="2024-09-10")).statements] == ["2024-09-10"]


def test_a_fourteenth_review_s_wrong_edges():
    # a name after "Outside" is not the subject of the clause
    text = ("Outside Kazakhstan, its Metalkol RTR plant in the Democratic Republic of the Congo produces cobalt and "
            "copper.")
    assert not [r for r in propose_annotation(doc(text)).relations if r.subject == "kazakhstan"]
    # the name the joint venture is called by is not a partner of it
    text = ("In 2022 NMMC's uranium business was separated into a new state company, Navoiyuran, which has since formed "
            "the Nurlikum Mining joint venture with France's Orano.")
    assert not edges(text, "jointProductionWith")
    assert edges("Kazatomprom formed a joint venture with Orano in 1996.", "jointProductionWith") == [
        ("kazatomprom", "orano")]
    # assistance goes to the polity named after "to", not to one named earlier; none when it is on hold
    text = "CAREC brings together Kazakhstan and Uzbekistan.\n- The EBRD will provide assistance to Kyrgyzstan."
    assert edges(text, "assists") == [("ebrd", "kyrgyzstan")]
    for text in ("CAREC brings together Kazakhstan and Uzbekistan.\n- ADB has placed its assistance to Afghanistan on "
                 "hold since August 2021.",
                 "CAREC brings together Kazakhstan and Uzbekistan.\n- In Tajikistan, the EBRD will provide technical "
                 "assistance."):
        assert not edges(text, "assists"), text
    # a name after a quotation whose verb leads up to a quotation of its own is not the first one's speaker
    text = ("At the Berlin meeting a year ago, Scholz had said: “Central Asia is a region of great strategic importance "
            "for Germany and Europe.” On Tuesday, Tokayev told the summit: “Kazakhstan is ready to become a reliable "
            "supplier of critical raw materials to Germany.”")
    assert [s.speaker for s in extract(doc(text)).statements] == ["olaf-scholz", "kassym-jomart-tokayev"]
    # a title line's place and date after its full stop date the document's statements
    text = ("Russian-Uzbek talks. Tashkent, 27 May 2024.\nVladimir Putin held talks with Shavkat Mirziyoyev. “This is a "
            "historic project for our country,” Mirziyoyev told reporters after the signing.")
    assert [s.date for s in extract(doc(text, date="2024-06-03")).statements] == ["2024-05-27"]


def test_names_coordinated_with_a_title_between_them_are_subjects_together():
    assert edges("Tokayev and Chinese President Xi Jinping met Putin in Astana.", "meetsWith") == [
        ("kassym-jomart-tokayev", "vladimir-putin"), ("xi-jinping", "vladimir-putin")]
    assert edges("European Council President António Costa and Commission President Ursula von der Leyen met President "
                 "Tokayev in Samarkand.", "meetsWith") == [("antonio-costa", "kassym-jomart-tokayev"),
                                                            ("ursula-von-der-leyen", "kassym-jomart-tokayev")]
    # a title's state is no subject of its own
    assert edges("Tokayev and Chinese President Xi Jinping met Putin in Astana.", "meetsWith") == edges(
        "Tokayev and President Xi Jinping met Putin in Astana.", "meetsWith")


def test_a_person_described_by_an_organisations_role_in_the_possessive():
    # the apposition makes the name a person's, and the role is the organisation's, whatever the verb after it says
    for text, fact in (("Meirzhan Yussupov, Kazatomprom's Chief Executive Officer, said the company would raise "
                        "output.", ("meirzhan-yussupov", "kazatomprom")),
                       ("Tim Gitzel, Cameco's chief executive, said the company might buy more uranium.",
                        ("tim-gitzel", "cameco"))):
        assert edges(text, "affiliatedWith") == [fact], text
    # the main verb's hedge still bears on a copula's fact
    assert not edges("Kazakhstan may become China's largest trading partner.", "tradePartnerOf")


def test_taking_an_office_names_its_holder():
    a = propose_annotation(doc("Masato Kanda took office as ADB President on 24 February 2025, succeeding Masatsugu "
                               "Asakawa."))
    held = [r for r in a.relations if r.predicate == "holdsOffice"]
    assert [(r.subject, r.date) for r in held] == [("masato-kanda", "2025-02-24")]
    assert ("president-of-adb", "officeIn", "adb") in triples(a)
    assert [r.subject for r in propose_annotation(doc("Almassadam Satkaliyev was appointed Kazakhstan's Minister of "
                                                      "Energy in 2023.")).relations if r.predicate == "holdsOffice"] \
        == ["almasadam-satkaliyev"]


def test_a_partnership_being_negotiated_is_a_negotiation_not_a_partnership():
    for text in ("The EU is currently negotiating a similar partnership with Uzbekistan.",
                 "The EU is negotiating a partnership agreement with Uzbekistan."):
        assert edges(text, "partnerOf") == [], text
        assert edges(text, "negotiatesWith") == [("european-union", "uzbekistan")], text
    # the negotiation's own verb is no hedge on it; a partnership concluded is one
    assert edges("The EU is negotiating with Uzbekistan.", "negotiatesWith") == [("european-union", "uzbekistan")]
    assert edges("The EU negotiated a partnership with Uzbekistan in 2022.", "partnerOf") == [
        ("european-union", "uzbekistan")]


def test_the_year_a_plan_or_forecast_is_for_dates_no_fact():
    a = propose_annotation(doc("Kazatomprom, the world’s largest uranium producer, cut its 2025 production guidance "
                               "on Friday."))
    assert [(r.subject, r.predicate, r.object, r.date) for r in a.relations] == [
        ("kazatomprom", "produces", "uranium", None)]
    a = propose_annotation(doc("Kazatomprom produced 21,000 tonnes of uranium in 2023 and cut its 2025 guidance."))
    assert [(r.predicate, r.date) for r in a.relations] == [("produces", "2023")]
    a = propose_annotation(doc("Kazatomprom, the world's largest producer of natural uranium, today announced an "
                               "adjustment to its 2025 production intentions."))
    assert [(r.predicate, r.date) for r in a.relations] == [("produces", None)]


def test_a_list_of_names_each_with_its_title_after_it():
    text = ("The EU was represented by António Costa, President of the European Council, Ursula von der Leyen, "
            "President of the European Commission, and Kaja Kallas.")
    assert edges(text, "holdsOffice") == [("antonio-costa", "president-of-the-european-council"),
                                          ("ursula-von-der-leyen", "president-of-the-european-commission")]
    # a title that no name before it takes is the next name's
    assert edges("The guest, President of the European Council Charles Michel, spoke.", "holdsOffice") == [
        ("charles-michel", "president-of-the-european-council")]


def test_an_office_holding_is_dated_by_its_holders_clause():
    def dates(text):
        return sorted((r.subject, r.date) for r in propose_annotation(doc(text)).relations
                      if r.predicate == "holdsOffice")

    # not by another event's date: a phrase after a comma, what a verb of reporting reports, a relative clause
    assert dates("The Federal Chancellor of Germany, Olaf Scholz, met the five presidents in Astana, following the "
                 "first summit hosted by Germany in Berlin on 29 September 2023.") == [("olaf-scholz", None)]
    assert dates("Kyrgyz President Sadyr Japarov, the host, took over the rotating chairmanship from Kazakhstan, "
                 "which had held it since the Astana summit in November 2023.") == [("sadyr-japarov", None)]
    assert dates("OTS Secretary-General Kubanychbek Omuraliev said the next summit would be held in Azerbaijan in "
                 "2025.") == [("kubanychbek-omuraliev", None)]
    assert dates("Prime Minister of Japan Fumio Kishida noted that JOGMEC has been conducting surveys in Kazakhstan "
                 "since 2023.") == [("fumio-kishida", None)]
    # but by the holder's own clause, the reporting's own words, a relative clause the title is in, or the words
    # before that clause; a year that begins or ends the holding is one of it
    assert dates("On 12 May 2024 Kazakh President Kassym-Jomart Tokayev said the next summit would be held in "
                 "2025.") == [("kassym-jomart-tokayev", "2024-05-12")]
    assert dates("Kyrgyz President Sadyr Japarov told a Kumtor anniversary event on 19 October 2023: “Kumtor is "
                 "ours.”") == [("sadyr-japarov", "2023-10-19")]
    assert dates("Charles Michel, who served as Prime Minister of Belgium until 2019, thanked the President.") \
        == [("charles-michel", "2019")]
    assert dates("On 3–4 April 2025 Samarkand hosted the first EU–Central Asia Summit, where President of the "
                 "European Council António Costa met the five presidents.") == [("antonio-costa", "2025-04")]


def test_a_share_told_after_another_holders_is_of_the_same_venture():
    for text in ("France's Orano, which owns 51 per cent of the KATCO joint venture in southern Kazakhstan, has mined "
                 "there for two decades; Kazatomprom holds the remaining 49 per cent.",
                 "Orano owns 51% of KATCO. Kazatomprom holds the remaining 49%.",
                 "Orano holds 51% of KATCO, with Kazatomprom holding the remaining 49%."):
        assert edges(text, "owns") == [("kazatomprom", "katco"), ("orano", "katco")], text
    # not without a share before it, nor the same holder again, nor one in another paragraph
    for text in ("Orano mines uranium in Kazakhstan; Kazatomprom holds the remaining 49%.",
                 "Orano owns 51% of KATCO.\n\nKazatomprom holds the remaining 49%."):
        assert ("kazatomprom", "katco") not in edges(text, "owns"), text


def test_a_word_of_a_name_is_no_back_reference():
    # "the Organization" of "the Organization of Turkic States" is not the organisation named before
    text = ("Kazakhstan is a member of the Shanghai Cooperation Organisation. Kyrgyzstan is a member of the "
            "Organization of Turkic States.")
    assert edges(text, "memberOf") == [("kazakhstan", "sco"), ("kyrgyzstan", "organization-of-turkic-states")]


def test_observer_status_is_no_membership():
    for text, facts in (("Uzbekistan became an observer in the Eurasian Economic Union in December 2020.",
                         [("uzbekistan", "eaeu")]),
                        ("Hungary and Turkmenistan are observers in the Organization of Turkic States.",
                         [("hungary", "organization-of-turkic-states"), ("turkmenistan", "organization-of-turkic-states")]),
                        ("Mongolia has observer status in the SCO.", [("mongolia", "sco")]),
                        ("Turkmenistan, an observer state of the OTS, attended the summit.",
                         [("turkmenistan", "organization-of-turkic-states")])):
        assert edges(text, "observerOf") == facts, text
        assert not edges(text, "memberOf"), text
    assert not edges("Uzbekistan has been an observer member of the EAEU since 2020.", "memberOf")
    assert edges("Kazakhstan is a member of the SCO, and Mongolia is an observer.", "memberOf") == [("kazakhstan", "sco")]
    # a name of another kind after ", and" with a verb of its own opens a clause, and "of" does not govern it
    text = "Uzbekistan is an observer to the EAEU, and Turkmenistan is an observer to the Organization of Turkic States."
    assert edges(text, "observerOf") == [("turkmenistan", "organization-of-turkic-states"), ("uzbekistan", "eaeu")]
    assert ("turkey", "investsIn", "kyrgyzstan") not in triples(propose_annotation(doc(
        "Investors wary of China, Russia, and Turkey invested in Kyrgyzstan.")))


def test_an_interviews_answers_without_quotation_marks_are_its_speakers_statements():
    text = ("Transcript excerpt (lightly edited), March 2024. Tim Gitzel, President and CEO of Cameco, speaking to an "
            "industry podcast.\nQ: How important is Kazakhstan to Cameco?\nA: Very. We own 60 per cent of JV Inkai, and "
            "our partner Kazatomprom holds the other 40.\nQ: Are you planning to sell your stake in Inkai?\nA: No.\n"
            "Q: Will Russia remain a supplier to the West?\nA: That is for governments to decide, not us.\n")
    statements = extract(doc(text, date="2024-05-10")).statements
    assert [(s.speaker, s.date, s.quote) for s in statements] == [
        ("tim-gitzel", "2024-03", "Very. We own 60 per cent of JV Inkai, and our partner Kazatomprom holds the other 40."),
        ("tim-gitzel", "2024-03", "That is for governments to decide, not us.")]  # ("No." is too short to be one)
    # with two persons in the lead, whose answer it is the text does not say
    two = text.replace("Tim Gitzel, President and CEO of Cameco,", "Tim Gitzel and Grant Isaac of Cameco,")
    assert not extract(doc(two, date="2024-05-10")).statements


def test_a_relative_clauses_joined_verb_dates_its_own_fact_only():
    text = ("Almost all of it comes from Kazatomprom, which is 75 per cent owned by the sovereign wealth fund "
            "Samruk-Kazyna and has been listed in London since its 2018 IPO.")
    owned = [r for r in propose_annotation(doc(text)).relations if r.predicate == "owns"]
    assert [(r.subject, r.object, r.date) for r in owned] == [("samruk-kazyna", "kazatomprom", None)]
    text = "Kazatomprom, which was listed in London in 2018 and is 75 per cent owned by Samruk-Kazyna, mines uranium."
    owned = [r for r in propose_annotation(doc(text)).relations if r.predicate == "owns"]
    assert [(r.subject, r.date) for r in owned] == [("samruk-kazyna", None)]


def test_a_capitalised_company_role_before_a_name():
    text = "Kazatomprom Chief Executive Meirzhan Yussupov met CNNC Chairman Yu Jianfeng in Beijing."
    assert edges(text, "meetsWith") == [("meirzhan-yussupov", "yu-jianfeng")]


def test_ownership_in_the_passive_with_a_share():
    assert edges("Navoiyuran is 100% owned by Uzbekistan.", "owns") == [("uzbekistan", "navoiyuran")]
    assert edges("KAZ Minerals, owned 60% by Nova Resources, runs Aktogay.", "owns") == [("nova-resources", "kaz-minerals")]
    assert edges("Navoiyuran is not owned by Uzbekistan.", "owns") == []


def test_an_event_organised_by():
    text = ("The EU-Central Asia Investors Forum was held in Tashkent. "
            "The forum was organised by the European Commission and the EBRD.")
    assert edges(text, "organisedBy") == [("eu-central-asia-investors-forum", "ebrd"),
                                          ("eu-central-asia-investors-forum", "european-commission")]
    assert edges("The EU-Central Asia Investors Forum was not organised by the EBRD.", "organisedBy") == []


def test_a_list_of_subjects_joined_to_a_plural_noun_by_a_copula():
    text = "China, Russia, Turkey and the Netherlands were the largest investors in Kazakhstan in 2023."
    assert edges(text, "investsIn") == [("china", "kazakhstan"), ("netherlands", "kazakhstan"),
                                        ("russia", "kazakhstan"), ("turkey", "kazakhstan")]
    assert edges("Kazakhstan and Uzbekistan are among the world's largest producers of uranium.", "produces") == [
        ("kazakhstan", "uranium"), ("uzbekistan", "uranium")]
    # the plural noun needs the copula: a buyer of the producers is none
    assert edges("Kazakhstan sells ore to producers of uranium fuel.", "produces") == []
    # names a noun governs are no subjects
    assert edges("Exports from China and Russia are the largest investors in Kazakhstan.", "investsIn") == []


def test_lists_of_an_organisations_members():
    text = ("Fact sheet\n\n"
            "• Shanghai Cooperation Organisation (SCO): Kazakhstan and Kyrgyzstan are full members, alongside China"
            " and, since July 2023, Iran.\n"
            "• Collective Security Treaty Organization (CSTO): members include Kazakhstan and Tajikistan."
            " Uzbekistan left in 2012.\n"
            "• Organization of Turkic States (OTS): Turkmenistan and Hungary are observers.\n"
            "• Eurasian Economic Union (EAEU): Kazakhstan and Kyrgyzstan are members of the WTO.\n")
    assert edges(text, "memberOf") == [("china", "sco"), ("iran", "sco"), ("kazakhstan", "csto"), ("kazakhstan", "sco"),
                                       ("kazakhstan", "wto"), ("kyrgyzstan", "sco"), ("kyrgyzstan", "wto"),
                                       ("tajikistan", "csto")]
    assert edges("The Eurasian Economic Union has three members: Russia, Belarus and Armenia.", "memberOf") == [
        ("armenia", "eaeu"), ("belarus", "eaeu"), ("russia", "eaeu")]
    assert edges("The members of the CSTO are Russia and Belarus.", "memberOf") == [("belarus", "csto"), ("russia", "csto")]
    # the organisation must open the sentence or label the line; a list with no organisation is no fact
    assert edges("Kazakhstan said the EAEU members are Russia and Belarus.", "memberOf") == []
    assert edges("Kazakhstan and Kyrgyzstan are members.", "memberOf") == []
    assert edges("• CSTO: Until 2012, Uzbekistan and Armenia were members.", "memberOf") == []


def test_a_producer_in_an_apposition_or_of_a_states_scope():
    text = "KAZ Minerals, Kazakhstan's largest copper producer, said on Friday it was continuing design work."
    assert edges(text, "produces") == [("kaz-minerals", "copper")]
    assert edges("Kazatomprom, the world's largest uranium producer, covers a fifth of China's demand.", "produces") == [
        ("kazatomprom", "uranium")]
    # a state's possessive is the scope, like "the world's"
    assert edges("Kazatomprom is South Korea's largest uranium producer.", "produces") == [("kazatomprom", "uranium")]
    # a producer the apposition says it once was, or another's, is none
    assert edges("Kazatomprom, once Kazakhstan's largest uranium producer, said on Monday.", "produces") == []
    assert edges("Kazatomprom, the buyer of Kazakhstan's largest uranium producer, said on Monday.", "produces") == []


def test_a_pronoun_goes_on_with_the_subject_not_with_a_name_in_passing():
    text = ("Answered by Leo Docherty, Minister of State for Europe, on 23 April 2024:\n\n"
            "The Foreign Secretary visited all five Central Asian countries in April 2024. In Astana, he met "
            "Kazakhstan's Foreign Minister Murat Nurtleu. In Tashkent he met President Shavkat Mirziyoyev.")
    # the one who answered opened no sentence; the pronoun's subject is the unnamed Foreign Secretary, and the
    # second "he" is the first's, not Nurtleu, whom the first met
    assert edges(text, "meetsWith") == []
    text = ("Minister Kanat Sharlapaev told deputies on Wednesday that output would rise. He said the deposit was large."
            " Several deputies asked questions. He added that Chinese companies had already expressed interest in"
            " the new deposits of the region.")
    # the second "He" goes on from the first: no one was named between them
    assert {s.speaker for s in extract(doc(text)).statements if "Chinese companies" in s.quote} == {"kanat-sharlapaev"}
    # "Joseph R. Biden, Jr." is the gazetteer's Joe Biden, not another person
    text = ("On September 19, 2023, President Joseph R. Biden, Jr. hosted the first C5+1 Presidential Summit. "
            "He met with President Kassym-Jomart Tokayev of Kazakhstan.")
    assert edges(text, "meetsWith") == [("joe-biden", "kassym-jomart-tokayev")]


def test_reserves_are_had_not_surveyed():
    text = ("Uzbekistan and South Korea signed a memorandum. Under the agreement, the two sides will jointly survey"
            " deposits of tungsten and lithium.")
    assert edges(text, "hasReserves") == []
    assert edges("Kazakhstan produces about 43% of the world's uranium and has reserves of tungsten.", "hasReserves") == [
        ("kazakhstan", "tungsten")]
    assert edges("Kazakhstan, rich in tungsten, lacks processing capacity.", "hasReserves") == [("kazakhstan", "tungsten")]


def test_a_governed_name_heads_no_apposition_and_a_possessor_names_no_subject():
    text = ("At the invitation of President Kassym-Jomart Tokayev, the President of the French Republic, Emmanuel Macron,"
            " paid an official visit to Kazakhstan on 1 November 2023.")
    assert edges(text, "visits") == [("emmanuel-macron", "kazakhstan")]
    # a title's own "of" governs nothing
    text = ("Secretary of State Antony Blinken, who hosted a ministerial meeting in Astana in February 2023, visited"
            " Tashkent.")
    assert edges(text, "visits") == [("antony-blinken", "tashkent")]
    # the company the possessive names invests, not its state (nobody, when the company is not recognised)
    assert edges("Saudi Arabia's Alfanar has invested billions of dollars in Uzbekistan.", "investsIn") == []
    assert edges("Saudi Arabia's ACWA Power has invested billions of dollars in Uzbekistan.", "investsIn") == [
        ("acwa-power", "uzbekistan")]
    assert edges("China's CNNC invested in Kazakhstan.", "investsIn") == [("cnnc", "kazakhstan")]


def test_a_state_of_affairs_that_has_ended_is_for_review():
    assert edges("Until 2022, Navoi Mining also produced uranium.", "produces") == []
    assert edges("Kazakhstan once produced gallium at the Pavlodar plant.", "produces") == []
    assert edges("Kazakhstan produced gallium until 2013.", "produces") == []
    # what the past tells without an end stands, and so does an event's "once again"
    assert edges("Kazakhstan produced 40% of the world's uranium in 2023.", "produces") == [("kazakhstan", "uranium")]
    assert edges("Kazakhstan once again invested in Kyrgyzstan.", "investsIn") == [("kazakhstan", "kyrgyzstan")]
    # (proposed, for review)
    a = extract(doc("Kazakhstan once produced gallium at the Pavlodar plant."))
    assert [(r.provenance.needs_review, r.provenance.confidence < 0.5) for r in a.relations if r.predicate == "produces"] \
        == [(True, True)]


def test_a_dateline_on_a_line_of_its_own_or_after_a_title():
    text = ("Sharm el-Sheikh, 7 November 2022\n\nEU and Kazakhstan launch a partnership\n\n"
            "The European Union and Kazakhstan today signed a memorandum on raw materials.")
    dates = {d for (s, p, o), d in _dated(text, date="2024-05-10").items() if p == "partyTo"}
    assert dates == {"2022-11-07"}
    text = "SEOUL, Nov 8 (Yonhap) -- Kazakhstan signed a memorandum with South Korea on Wednesday."
    dates = {d for (s, p, o), d in _dated(text, date="2024-05-10").items() if p == "partyTo" and d}
    assert dates and all(d.startswith("2023-11") for d in dates)  # (not the document's May 2024)


def test_a_name_does_not_run_on_into_a_weekday():
    a = extract(doc("KOMIR signed a memorandum with Uzbekistan's Ministry of Mining Industry and Geology on Wednesday."))
    assert "ministry-of-mining-industry-and-geology-of-uzbekistan" in {e.id for e in a.entities}


def test_an_honorific_is_no_part_of_a_speakers_name_and_a_national_is_no_state():
    text = ("EBRD President Odile Renaud-Basso visited Astana on Monday. “Kazakhstan is one of the EBRD's largest"
            " countries of operation,” Ms Renaud-Basso said.")
    assert [s.speaker for s in extract(doc(text)).statements] == ["odile-renaud-basso"]
    text = "“Kazakhstan is one of the largest countries of operation for us,” Ms Jane Smith said."
    assert [s.speaker for s in extract(doc(text)).statements] == ["jane-smith"]
    text = "“The plant was the pride of the region when it worked,” said a Kazakh metallurgist who worked there."
    assert [s.speaker for s in extract(doc(text)).statements] == []


def test_a_statement_is_dated_by_a_title_lines_dateline_or_by_the_occasion_its_first_paragraph_dates():
    text = ("PRESS RELEASE — Paris, 7 May 2024\n\nOrano and Kazatomprom announced new approvals for KATCO.\n\n"
            "“This decision secures production at the mine for the next decade,” Meirzhan Yussupov said.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-05-07"]
    lead = "INTERVIEW — Cameco chief executive Tim Gitzel, speaking to analysts on the company's call {when}.\n\n"
    quote = "“Inkai is an important asset for us and for our customers in Europe,” Tim Gitzel said."
    # "last week" of 10 May 2024 is late April or early May: of 2024, not of the document's day
    assert [s.date for s in extract(doc(lead.format(when="last week") + quote, date="2024-05-10")).statements] == ["2024"]
    assert [s.date for s in extract(doc(lead.format(when="last month") + quote, date="2024-05-10")).statements] \
        == ["2024-04"]
    # a first paragraph that dates no occasion of speaking, or names someone else, leaves the document's date
    for text in ("Cameco reported higher output last week.\n\n" + quote,
                 lead.format(when="last week").replace("Tim Gitzel", "Grant Isaac") + quote):
        assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-05-10"], text


def test_no_date_from_inside_a_quotation_or_of_a_ceremony_marking_another_day():
    text = '"2023 was a record year for our Kazakh operations," said Oleg Novachuk, Chairman of KAZ Minerals.'
    assert _dated(text, date="2024-01-19")[("oleg-novachuk", "holdsOffice", "chairman-of-kaz-minerals")] is None
    text = ("“Kumtor now belongs to the people of Kyrgyzstan,” President Sadyr Japarov said at a ceremony marking the"
            " handover.")
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == [None]
    text = "“Kumtor now belongs to the people of Kyrgyzstan for good,” President Sadyr Japarov said at a news conference."
    assert [s.date for s in extract(doc(text, date="2024-05-10")).statements] == ["2024-05-10"]


def test_supply_told_by_the_buyer():
    assert edges("China remains the largest buyer of Kazakh uranium.", "suppliesTo") == [("kazakhstan", "china")]
    assert edges("China is a major importer of uranium from Kazakhstan.", "suppliesTo") == [("kazakhstan", "china")]
    # the noun needs its article: the customers of a company are not its suppliers
    assert edges("Customers of Kazatomprom invested in Uzbekistan.", "suppliesTo") == []
    assert edges("China is the largest buyer of uranium.", "suppliesTo") == []


def test_a_list_of_persons_each_with_a_title_and_a_state():
    text = ("Biden met with President Kassym-Jomart Tokayev of Kazakhstan, President Emomali Rahmon of Tajikistan, and"
            " President Shavkat Mirziyoyev of Uzbekistan.")
    assert edges(text, "meetsWith") == [("joe-biden", "emomali-rahmon"), ("joe-biden", "kassym-jomart-tokayev"),
                                        ("joe-biden", "shavkat-mirziyoyev")]
    text = "Blinken met President Kassym-Jomart Tokayev and Foreign Minister Mukhtar Tileuberdi."
    assert edges(text, "meetsWith") == [("antony-blinken", "kassym-jomart-tokayev"),
                                        ("antony-blinken", "mukhtar-tileuberdi")]


def test_a_clauses_object_is_not_its_own_subject_and_a_subsidiarys_seat_is_not_its_owners():
    text = ("Kazzinc is a major zinc producer in East Kazakhstan. Glencore owns about 70% of the company, which is"
            " based in Almaty.")
    assert edges(text, "owns") == [("glencore", "kazzinc")]
    assert edges(text, "basedIn") == [("kazzinc", "almaty")]
    text = "Ulba, a subsidiary of Kazatomprom based in Almaty, produces beryllium."
    assert ("kazatomprom", "almaty") not in edges(text, "basedIn")


def test_cities_where_companies_sit():
    assert edges("Centerra Gold, the Toronto-based miner, agreed to leave.", "basedIn") == [("centerra-gold", "toronto")]
    assert edges("Kazzinc is a zinc producer headquartered in Ust-Kamenogorsk.", "basedIn") == [
        ("kazzinc", "ust-kamenogorsk")]


def test_a_datelines_city_in_capitals_and_a_city_only_inside_a_name():
    a = extract(doc("XI’AN, 19 May – Xi Jinping met Tokayev.\n\nBEIJING, 3 July – China will require export licences."))
    assert {"xian", "beijing"} <= {e.id for e in a.entities}
    # a city named only inside another name is no place of the text; a state still is
    a = extract(doc("Jiaxin's shares trade on the Astana International Exchange. Xiamen Tungsten signed a deal."))
    assert not {"astana", "xiamen"} & {e.id for e in a.entities}


def test_a_share_of_the_worlds_output():
    text = "China accounted for roughly 48% of global antimony mine production in 2023."
    assert edges(text, "produces") == [("china", "antimony")]
    assert edges("Kazakhstan accounts for about 43% of the world's uranium output.", "produces") == [
        ("kazakhstan", "uranium")]
    # a share of imports, or one that exports hold, is no output of the state
    assert edges("Kazakhstan accounts for 10% of the world's imports of uranium output.", "produces") == []
    assert edges("Exports to China accounted for 40% of the world's copper supply.", "produces") == []


def test_lord_cameron_is_david_cameron_and_his_pronoun_goes_on():
    text = ("The Foreign Secretary, Lord Cameron, visited Kazakhstan in April 2024. In Astana, he met Kazakhstan's"
            " Foreign Minister Murat Nurtleu. In Tashkent he met President Shavkat Mirziyoyev.")
    assert edges(text, "meetsWith") == [("david-cameron", "murat-nurtleu"), ("david-cameron", "shavkat-mirziyoyev")]


def test_an_apposition_on_the_last_subject_and_a_copula_before_subsidiary():
    text = ("The EBRD and Tau-Ken Samruk, Kazakhstan's national mining company, today signed a memorandum on critical"
            " raw materials.")
    assert {s for s, o in edges(text, "partyTo")} == {"ebrd", "tau-ken-samruk"}
    assert edges("Tau-Ken Samruk is a wholly owned subsidiary of Samruk-Kazyna.", "owns") == [
        ("samruk-kazyna", "tau-ken-samruk")]
    assert edges("Kazakhstan is the largest subsidiary of Samruk-Kazyna.", "owns") == []
    # a state in brackets qualifies a name, and a possessor's unrecognised company is no state's venture
    text = ("IREUK Titanium Limited is a joint venture between IREL (India) Limited, a state-owned Indian company, and"
            " Kazakhstan's Ust-Kamenogorsk Titanium and Magnesium Plant (UKTMP).")
    assert edges(text, "owns") == []


def test_the_host_of_an_event_and_a_visiting_guest():
    text = "On September 19, 2023, President Joe Biden hosted the first-ever C5+1 Presidential Summit in New York."
    assert edges(text, "organisedBy") == [("c5-plus-1-presidential-summit-2023", "joe-biden")]
    assert edges(text, "participatesIn") == [("joe-biden", "c5-plus-1-presidential-summit-2023")]
    # a plan is no host yet, and a place that hosts is no organiser (nor is a name after the event)
    assert edges("Kazakhstan will host the SCO Summit in Astana in July.", "organisedBy") == []
    text = ("On 3–4 April 2025 Samarkand hosted the first EU–Central Asia Summit, where the President of the European"
            " Council spoke.")
    assert edges(text, "organisedBy") == []
    # "the visiting Chinese leader" visits; the host does not
    assert edges("Tokayev hosted the visiting Chinese leader before the SCO Summit.", "visits") == []


def test_an_attribution_at_the_end_of_its_sentence():
    text = ("Chaarat Gold is developing the Tulkubash gold project. The company may seek a partner for Tulkubash,"
            " according to Azamat Toktosunov, an economist in Bishkek.")
    claims = [(s.speaker, s.quote, s.direct) for s in extract(doc(text)).statements]
    assert claims == [("azamat-toktosunov", "The company may seek a partner for Tulkubash", False)]
    text = ("For now, the corridor is a hedge. “The Middle Corridor is a complement to the northern route, not a"
            " substitute,” according to Dana Sultanbekova, a logistics analyst in Almaty.")
    assert [(s.speaker, s.quote, s.direct) for s in extract(doc(text)).statements] == [
        ("dana-sultanbekova", "The Middle Corridor is a complement to the northern route, not a substitute", True)]
    # a short lead is no claim: what follows the source is ("In 2023, according to the USGS, …")
    text = "In 2023, according to the USGS, Kazakhstan produced about 40% of the world's uranium."
    assert [s.quote for s in extract(doc(text)).statements] == ["Kazakhstan produced about 40% of the world's uranium."]
    # a nation's statistics are not its state's word
    text = "Germany is Kazakhstan's second-largest trading partner in the EU after Italy, according to Kazakh statistics."
    assert extract(doc(text)).statements == []


def test_a_tenth_reviews_wrong_edges():
    # a stake held in the past perfect is held no more (but a report's past perfect tells its past)
    text = "Kyrgyzaltyn, which had held about 26% of Centerra's shares, transferred those shares to Centerra."
    assert edges(text, "owns") == []
    assert edges("Erdogan said Turkey had invested $15 billion in Kazakhstan over three decades.", "investsIn") == [
        ("turkey", "kazakhstan")]
    # a possessor before a company's name, however the clause goes on, is not the subject
    assert edges("Saudi Arabia's Alfanar and the UAE's Amea Power are large investors in Uzbekistan.", "investsIn") == []
    investors = edges("Saudi Arabia's ACWA Power and the UAE's Masdar are large investors in Uzbekistan.", "investsIn")
    assert investors and not {"saudi-arabia", "united-arab-emirates"} & {s for s, _ in investors}
    # the leaders named after their states are the ones met
    text = ("Xi met the leaders of Kazakhstan and Uzbekistan – Kassym-Jomart Tokayev and Shavkat Mirziyoyev – in the"
            " ancient capital.")
    assert edges(text, "meetsWith") == [("xi-jinping", "kassym-jomart-tokayev"), ("xi-jinping", "shavkat-mirziyoyev")]
    # what is set up is the name right after the verb, not one a noun after it governs
    text = ("The six leaders signed the Xi'an Declaration and agreed to set up a permanent secretariat for the"
            " China–Central Asia mechanism.")
    assert edges(text, "establishes") == []


def test_a_title_gives_its_date_or_takes_its_leads_year():
    text = ("Speech by President Kassym-Jomart Tokayev at the summit, Berlin, 29 September 2023\n\n"
            "Last year we signed a memorandum of understanding with the European Union.")
    a = extract(doc(text, date="2024-05-10"))
    assert any(r.object.endswith("-2022") for r in a.relations if r.predicate == "partyTo")
    text = ("Readout of President Macron's visit to Central Asia\n\n"
            "President Emmanuel Macron visited Kazakhstan and Uzbekistan on 1–2 November 2023.")
    a = extract(doc(text, date="2024-05-10"))
    assert {r.object for r in a.relations if r.predicate == "participatesIn"} == {"macron-visit-central-asia-2023"}


def test_a_list_of_objects_inside_a_relative_clause():
    text = "Almalyk MMC, which produces copper, gold, silver and zinc, is state-owned."
    assert edges(text, "produces") == [("almalyk-mmc", "copper"), ("almalyk-mmc", "gold"), ("almalyk-mmc", "silver"),
                                       ("almalyk-mmc", "zinc")]


def test_a_name_with_its_own_share_is_no_object():
    # Kyrgyzaltyn is not a second venture of Zijin's: it holds the other 40% of Altynken
    assert edges("Zijin Mining holds 60% of Altynken and Kyrgyzaltyn 40%.", "owns") == [
        ("kyrgyzaltyn", "altynken"), ("zijin-mining", "altynken")]


def test_objects_coordinated_before_a_noun_trigger():
    assert edges("CNNC and CGN are among the largest buyers of Kazakh uranium.", "suppliesTo") == [
        ("kazakhstan", "cgn"), ("kazakhstan", "cnnc")]


def test_deepening_cooperation_on_or_in():
    assert edges("Uzbekistan and Japan agreed to strengthen their cooperation in rare earths.", "cooperatesWith") == [
        ("uzbekistan", "japan")]
    assert edges("France and Kazakhstan agreed to deepen cooperation on critical raw materials.", "cooperatesWith") == [
        ("france", "kazakhstan")]


def test_it_opening_a_sentence_stands_for_the_body_the_sentence_before_names():
    text = "Centerra Gold is a Canadian gold miner. It is headquartered in Toronto."
    assert edges(text, "basedIn") == [("centerra-gold", "toronto")]
    text = ("Kyrgyzstan is a landlocked country in Central Asia. It is a member of the Commonwealth of Independent"
            " States and the Shanghai Cooperation Organisation.")
    assert edges(text, "memberOf") == [("kyrgyzstan", "cis"), ("kyrgyzstan", "sco")]
    # an impersonal "It" stands for nothing, nor does "it" inside a sentence
    assert edges("Kazakhstan signed a deal with China. It is expected that Japan will invest in it.", "investsIn") == []


def test_a_day_later_in_the_year_than_the_documents_is_of_a_year_before():
    text = ("Macron visited Kazakhstan and Uzbekistan.\n\nOn 2 November, Macron travelled to Samarkand. Orano signed an"
            " agreement with Navoiyuran on uranium projects.")
    a = extract(doc(text, date="2024-05-10"))
    assert [r.object for r in a.relations if r.predicate == "partyTo" and r.subject == "orano"] == [
        "orano-navoiyuran-agreement"]  # (not "…-2024": the text says no year, and 2 November 2024 had not come)


def test_speech_verbs_of_the_lexicon_bear_on_the_past_perfect_and_on_back_references():
    # (``reporting`` and ``clause_speech`` in lexicon/speech.yaml)
    # a reported past perfect tells the past of the report, not a state that has ended: the fact is not flagged
    text = "The ministry of energy said Kazakhstan had produced 21,000 tonnes of uranium in 2023."
    produced = [r for r in extract(doc(text)).relations if r.predicate == "produces"]
    assert [(r.subject, r.object, r.provenance.needs_review) for r in produced] == [("kazakhstan", "uranium", False)]
    # after a verb of reported speech "the company" may be the speaker named before it, though the object of its
    # clause is not that clause's own subject ("Glencore owns about 70% of the company" is not Glencore)
    owned = extract(doc("Kazatomprom said Orano owns 51% of the company.")).relations
    assert [(r.subject, r.object) for r in owned if r.predicate == "owns"] == [("orano", "kazatomprom")]


def test_an_office_holder_going_home_visits_nothing():
    # the seat of one's own government is home (an office the text names, or one the gazetteer has the person hold)
    text = "Russian President Vladimir Putin visited Astana on 27 November 2024. Putin then flew to Moscow."
    assert edges(text, "visits") == [("vladimir-putin", "astana")]
    assert edges("Tokayev met Xi Jinping and Putin then flew to Moscow.", "visits") == []
    # another city of one's own state is visited; so is another state's capital
    assert edges("Xi Jinping visited Beijing and Shanghai.", "visits") == [("xi-jinping", "shanghai")]
    assert edges("Tokayev visited Moscow.", "visits") == [("kassym-jomart-tokayev", "moscow")]


def test_a_group_after_a_demonym_is_a_company_of_that_state():
    # (the cue of a group in lexicon/cues.yaml)
    assert edges("The Italian group Webuild will build the plant in Uzbekistan.", "basedIn") == [("webuild", "italy")]
    assert edges("The Italian energy group Eni signed a contract.", "basedIn") == [("eni", "italy")]
    # a group after an article, or in a title, names nothing
    text = "The contact group Members met in Geneva. An expert group Report found more. The Working Group Chair spoke."
    assert not [e for e in extract(doc(text)).entities if e.type == "Company"]


def test_a_name_after_and_and_a_possessor_opens_a_clause_of_its_own():
    # "…, and Abu Dhabi's Masdar has built …": Masdar is the subject of its own verb, not a second object
    text = ("Saudi Arabia's ACWA Power has invested billions of dollars in wind and solar plants in Uzbekistan, and Abu"
            " Dhabi's Masdar has built solar plants in Uzbekistan and Kazakhstan.")
    assert edges(text, "investsIn") == [("acwa-power", "uzbekistan")]
    assert edges(text, "basedIn") == [("acwa-power", "saudi-arabia")]
    # a list of objects after the verb stays one
    assert edges("China invested in Kazakhstan and the UAE's Masdar.", "investsIn") == [
        ("china", "kazakhstan"), ("china", "masdar")]


def test_a_list_of_subjects_after_a_possessor_and_its_noun():
    # "China's state groups CNNC and CGN are …": both names are the subjects (a preposition after the possessor
    # makes the first an object instead: "Tokayev's meeting with Xi and Putin …")
    text = "China's state groups CNNC and CGN are among the largest buyers of Kazakh uranium."
    assert edges(text, "suppliesTo") == [("kazakhstan", "cgn"), ("kazakhstan", "cnnc")]
    text = "Kazakhstan's neighbours China and Russia signed a memorandum with the EU."
    assert {s for s, _ in edges(text, "partyTo")} >= {"china", "russia"}


def test_produce_in_the_plural_and_the_subject_of_a_relative_clause_before_the_verb():
    assert edges("Kazakhstan and Uzbekistan produce uranium.", "produces") == [
        ("kazakhstan", "uranium"), ("uzbekistan", "uranium")]
    # not what is to come, nor the antecedent of a relative clause ("facilities that produce zinc")
    assert edges("Kazakhstan will produce lithium by 2030.", "produces") == []
    text = ("Glencore owns about 70% of Kazzinc, which operates mines together with smelting facilities that produce zinc"
            " and lead.")
    assert edges(text, "produces") == []
    # "a firm that Russia controls": Russia is the subject of the relative clause, the firm the producer's
    assert edges("A firm that Russia controls still produces uranium in Kazakhstan.", "produces") == []
    assert edges("Firms that Russia controls still produce uranium in Kazakhstan.", "produces") == []
    # (a plural noun before the verb is no verb of a relative clause)
    assert edges("The mine that China and Russia built supplies uranium to Kazakhstan.", "suppliesTo") == []


def test_respectively_pairing_amounts_relates_each_name_to_the_one_object():
    text = "Kazakhstan and Uzbekistan produced 21,000 and 4,000 tonnes of uranium respectively."
    assert edges(text, "produces") == [("kazakhstan", "uranium"), ("uzbekistan", "uranium")]
    text = "Japan and China invested $1 billion and $2 billion in Kazakhstan respectively."
    assert edges(text, "investsIn") == [("china", "kazakhstan"), ("japan", "kazakhstan")]
    # names paired with names: one to one, and nothing when a name of one list was not recognised
    text = "Japan and China invested in Kazakhstan and Uzbekistan respectively."
    assert edges(text, "investsIn") == [("china", "uzbekistan"), ("japan", "kazakhstan")]
    assert edges("Japan and China invested in Kazakhstan and Atyrau Oblast respectively.", "investsIn") == []


def test_owners_listed_with_their_shares_in_brackets():
    text = "Altynken, a joint venture of Zijin Mining (60%) and Kyrgyzaltyn (40%), mines gold."
    assert edges(text, "owns") == [("kyrgyzaltyn", "altynken"), ("zijin-mining", "altynken")]


def test_the_subject_of_a_verb_after_a_relative_that():
    # the noun before "that" produces; it is the name only when a copula or an apposition says so
    text = "Glencore owns 70% of Kazzinc, which operates a smelter that produces zinc."
    assert edges(text, "produces") == []
    assert edges("Kazzinc is a company that produces zinc.", "produces") == [("kazzinc", "zinc")]
    assert edges("Kazzinc, a company that produces zinc, is based in Ust-Kamenogorsk.", "produces") == [
        ("kazzinc", "zinc")]


def test_a_wish_or_a_study_is_no_fact():
    # (``hedges`` and ``verb_hedges`` in lexicon/hedges.yaml)
    text = "Erdogan said Turkey wanted to deepen cooperation with Central Asia in mining and energy."
    assert edges(text, "cooperatesWith") == [] and edges(text, "partnerOf") == []
    text = "Indian officials said New Delhi was also studying uranium purchases from Uzbekistan."
    assert edges(text, "suppliesTo") == []


def test_a_role_before_a_name_ties_the_person_to_its_organisation_whatever_the_verb_says():
    def affiliations(text):
        return {(r.subject, r.object, r.provenance.needs_review) for r in propose_annotation(doc(text)).relations
                if r.predicate == "affiliatedWith"}

    for text in ("Kazatomprom’s chief executive Meirzhan Yussupov met Xi Jinping in Beijing.",
                 "Kazatomprom chief executive Meirzhan Yussupov said output would rise next year.",
                 "Analysts say Kazatomprom chief executive Meirzhan Yussupov could resign."):
        assert affiliations(text) == {("meirzhan-yussupov", "kazatomprom", False)}, text
    # a title in capitals after a name of the organisation stays an office ("EBRD President …"), and a lower-case
    # role needs its possessive or the organisation's name right before it
    assert affiliations("EBRD President Odile Renaud-Basso visited Tashkent.") == set()
    assert affiliations("Kazatomprom named a new chief executive, and Meirzhan Yussupov met Xi Jinping.") == set()


def test_subjects_listed_with_their_possessors_all_act_and_the_possessors_do_not():
    def investors(text):
        return {r.subject for r in propose_annotation(doc(text)).relations if r.predicate == "investsIn"}

    assert investors("Saudi Arabia's ACWA Power and Abu Dhabi's Masdar are among the largest foreign investors in "
                     "Uzbekistan.") == {"acwa-power", "masdar"}
    assert investors("China's Zijin Mining and Canada's Centerra Gold invested in Kyrgyzstan in 2022.") \
        == {"zijin-mining", "centerra-gold"}


def test_two_known_companies_joined_by_and_are_not_one_name():
    annotation = propose_annotation(doc("Zijin Mining and Centerra Gold invested in Kyrgyzstan in 2022."))
    assert {e.id for e in annotation.entities if e.type == "Company"} == {"zijin-mining", "centerra-gold"}
    assert {r.subject for r in annotation.relations if r.predicate == "investsIn"} == {"zijin-mining", "centerra-gold"}
    # nor are a state and a company ("Kazakhstan and HMS Bergbau AG" was one company, party to the agreement)
    annotation = propose_annotation(doc("In 2024 Kazakhstan and HMS Bergbau AG signed an agreement on lithium."))
    assert {e.id for e in annotation.entities if e.type == "Company"} == {"hms-bergbau-ag"}
    assert {r.subject for r in annotation.relations if r.predicate == "partyTo"} == {"kazakhstan", "hms-bergbau-ag"}


def test_the_year_a_body_was_founded_is_not_the_year_of_the_story_after_it():
    text = ("Interest has come from Manara Minerals, a joint venture of Ma'aden and the Public Investment Fund, which was "
            "set up in 2023 to buy stakes abroad. Kazakh and Uzbek delegations attended the Future Minerals Forum in "
            "Riyadh in January.")
    annotation = propose_annotation(doc(text, date="2024-05-10"))
    assert [e.id for e in annotation.entities if e.type == "Forum"] == ["future-minerals-forum-2024"]
    text = ("In Uzbekistan Orano owns 51% of Nurlikum Mining, a joint venture with Navoiyuran set up in 2019. During "
            "his visit to Astana last November, President Emmanuel Macron met President Tokayev.")
    assert [r.date for r in propose_annotation(doc(text, date="2024-05-10")).relations
            if r.predicate == "meetsWith"] == ["2023-11"]
    # a year the story tells still dates what follows
    text = "In 2022 the EU signed a memorandum with Kazakhstan. In November the two sides met in Brussels."
    assert all(not r.date or r.date.startswith("2022") for r in propose_annotation(doc(text, date="2024-05-10")).relations)


def test_a_law_in_a_polities_possessive_is_one_it_adopted_and_a_region_adopts_none():
    def facts(text):
        return {(r.subject, r.predicate, r.object) for r in propose_annotation(doc(text)).relations}

    assert facts("The EU's Critical Raw Materials Act opens opportunities for Kazakh producers.") \
        == {("european-union", "adopts", "critical-raw-materials-act")}
    assert facts("Europe's Critical Raw Materials Act opens opportunities for Kazakh producers.") == set()


def test_ministers_named_by_portfolio_before_the_title_and_an_organisations_director_general_hold_offices():
    def offices(text):
        return {(r.subject, r.object) for r in propose_annotation(doc(text)).relations if r.predicate == "holdsOffice"}

    assert offices("British Foreign Secretary David Cameron visited Astana.") \
        == {("david-cameron", "foreign-secretary-of-united-kingdom")}
    assert offices("Turkish Trade Minister Omer Bolat visited Astana.") == {("omer-bolat", "minister-of-trade-of-turkey")}
    assert offices("Rosatom Director General Alexei Likhachev visited Astana.") \
        == {("alexei-likhachev", "director-general-of-rosatom")}


def test_an_interviews_answers_are_the_interviewees_its_lead_names():
    lead = ("INTERVIEW — Kazatomprom chief executive Meirzhan Yussupov spoke to an industry newsletter last month.\n\n"
            "Q: Will Kazatomprom meet its targets this year?\n")
    answer = "A: “We will not reach the full subsoil-use levels in 2024, because sulphuric acid is short.”\n"
    statements = extract(doc(lead + answer, date="2024-05-10")).statements
    assert [(s.speaker, s.date) for s in statements] == [("meirzhan-yussupov", "2024-04")]
    # a lead that names two people says nobody's answer; a quotation that opens no answer is nobody's either
    two = lead.replace("spoke to", "and Prime Minister Olzhas Bektenov spoke to")
    assert extract(doc(two + answer, date="2024-05-10")).statements == []
    assert extract(doc(lead + answer.replace("A: ", "Q: "), date="2024-05-10")).statements == []
    # a lead that is the first line, the questions on the lines after it
    one_line = lead.replace(".\n\n", ".\n")
    assert [s.speaker for s in extract(doc(one_line + answer, date="2024-05-10")).statements] == ["meirzhan-yussupov"]


def test_the_possessor_of_one_noun_is_not_the_subject_of_the_noun_joined_to_it():
    a = propose_annotation(doc("Kazzinc, a Glencore subsidiary, is Kazakhstan's largest zinc producer and a major "
                               "producer of lead, copper, gold and silver."))
    assert {r.subject for r in a.relations if r.predicate == "produces"} <= {"kazzinc"}, triples(a)


def test_a_relative_clause_with_a_copula_is_its_antecedents():
    a = propose_annotation(doc("The United Kingdom is a shareholder of the EBRD, which is the largest institutional "
                               "investor in Kazakhstan's non-oil sector."))
    assert {(r.subject, r.object) for r in a.relations if r.predicate == "investsIn"} == {("ebrd", "kazakhstan")}


def test_what_someone_orders_others_to_do_is_not_their_act():
    a = propose_annotation(doc("President Serdar Berdimuhamedov ordered the government to expand production of iodine, "
                               "bromine and potash fertiliser."))
    assert not [r for r in a.relations if r.subject == "serdar-berdimuhamedov" and r.predicate == "produces"]


def test_what_a_speaker_recalls_of_others_is_not_the_speakers_act():
    a = propose_annotation(doc("Secretary General Kubanychbek Omuraliev opened the meeting, recalling that leaders at "
                               "the OTS summit in Astana in November 2023 had instructed ministers to draft a roadmap."))
    assert not [r for r in a.relations if r.predicate == "participatesIn"], triples(a)


def test_the_subject_of_a_role_noun_after_an_apposition_that_lists_names_is_the_name_it_describes():
    a = propose_annotation(doc("Kazakhstan, a member of the SCO, the EAEU and the CSTO, is also China's largest trading "
                               "partner in Central Asia."))
    assert {(r.subject, r.object) for r in a.relations if r.predicate == "tradePartnerOf"} == {("kazakhstan", "china")}
    # with no other name to choose, one a preposition governs still is: "…, and Russia remains one of …"
    a = propose_annotation(doc("Kazakhstan and Russia are both members of the Eurasian Economic Union, and Russia "
                               "remains one of Kazakhstan's top trade partners."))
    assert ("russia", "kazakhstan") in {(r.subject, r.object) for r in a.relations if r.predicate == "tradePartnerOf"}


def test_an_object_in_a_states_possessive_is_the_company_it_names():
    a = propose_annotation(doc("Kazatomprom supplies uranium to China's CNNC, France's Orano and Russia's Rosatom."))
    assert {r.object for r in a.relations if r.predicate == "suppliesTo"} == {"cnnc", "orano", "rosatom"}


def test_the_word_index_follows_the_tokens_it_was_built_from():
    # the passes look words up in an index of the text's tokens, built once: a pass that sets other tokens (a
    # stretch of the text) must get them, not the indices of the tokens before
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition, token_list

    rec = Recognition("Astana and Astana", load_gazetteer(), load_lexicon())
    rec.tokens = token_list(rec.text)
    assert [t[0] for t in rec.tokens_among(frozenset({"Astana"}))] == [0, 11]
    assert rec.token_starts(frozenset({"Astana", "and"})) == [0, 7, 11]
    rec.tokens = rec.tokens[:2]
    assert [t[0] for t in rec.tokens_among(frozenset({"Astana"}))] == [0]
    assert rec.token_starts(frozenset({"Astana", "and"})) == [0, 7]
    assert rec.token_indices(rec.tokens, {"and"}) == [1]


def test_a_title_in_the_plural_pairs_its_holders_with_persons_in_order():
    listed = ("The presidents of Kazakhstan, Kyrgyzstan and Tajikistan – Kassym-Jomart Tokayev, Sadyr Japarov and "
              "Emomali Rahmon, respectively – also attended.")
    assert edges(listed, "holdsOffice") == [("emomali-rahmon", "president-of-tajikistan"),
                                            ("kassym-jomart-tokayev", "president-of-kazakhstan"),
                                            ("sadyr-japarov", "president-of-kyrgyzstan")]
    assert ("president-of-kyrgyzstan", "kyrgyzstan") in edges(listed, "officeIn")
    # the persons first, and the holders by demonym
    assert edges("Tokayev and Mirziyoyev, the Kazakh and Uzbek presidents respectively, met in Tashkent.",
                 "holdsOffice") == [("kassym-jomart-tokayev", "president-of-kazakhstan"),
                                    ("shavkat-mirziyoyev", "president-of-uzbekistan")]
    # each person with a holder of its own
    assert edges("It brought together the foreign ministers Murat Nurtleu of Kazakhstan and Bakhtiyor Saidov of "
                 "Uzbekistan.", "holdsOffice") == [("bakhtiyor-saidov", "minister-of-foreign-affairs-of-uzbekistan"),
                                                  ("murat-nurtleu", "minister-of-foreign-affairs-of-kazakhstan")]
    # without "respectively" the order pairs nothing; nor do lists of different lengths, or one person twice
    for text in ("The presidents of Kazakhstan and Uzbekistan, Tokayev and Mirziyoyev, met in Tashkent.",
                 "The presidents of Kazakhstan, Kyrgyzstan and Uzbekistan – Tokayev and Mirziyoyev, respectively.",
                 "Tokayev and Tokayev, the presidents of Kazakhstan and Uzbekistan respectively, spoke."):
        assert edges(text, "holdsOffice") == [], text


def test_an_event_hosted_in_a_place_by_its_host():
    text = "The first EU–Central Asia Summit was hosted in Samarkand by Uzbek President Shavkat Mirziyoyev in April 2025."
    assert edges(text, "organisedBy") == [("eu-central-asia-summit-2025", "shavkat-mirziyoyev")]
    assert edges(text, "participatesIn") == [("shavkat-mirziyoyev", "eu-central-asia-summit-2025")]
    # the place between the verb and "by" is a name: "hosted in the spring by" is no place
    assert edges("The first EU–Central Asia Summit was hosted in the spring by Mirziyoyev.", "organisedBy") == []


def test_a_dash_set_off_by_spaces_joins_two_partners_in_an_events_name():
    spaced = propose_annotation(doc("Scholz attended the Central Asia – Germany Summit in Astana in September 2024."))
    joined = propose_annotation(doc("Scholz attended the Central Asia-Germany Summit in Astana in September 2024."))
    for annotation in (spaced, joined):
        assert [e.id for e in annotation.entities if e.type == "Summit"] == ["central-asia-germany-summit-2024"]
        assert ("olaf-scholz", "participatesIn", "central-asia-germany-summit-2024") in triples(annotation)
    # a dash after a person's name is no partner's ("Germany Summit" was the event's name, without Central Asia)
    annotation = propose_annotation(doc("He met Tokayev – Astana Forum host – in May 2024."))
    assert [e.label for e in annotation.entities if e.type == "Forum"] == ["Astana Forum"]


def test_a_company_owned_in_part_by_an_apposition():
    for text in ("Kazzinc, 70% owned by Glencore, is the largest zinc producer.",
                 "Kazzinc, about 70 per cent owned by Glencore, is the largest zinc producer.",
                 "Kazzinc, majority owned by Glencore, is the largest zinc producer."):
        assert edges(text, "owns") == [("glencore", "kazzinc")], text
    # the share is the apposition's own: a name before other words is not what is owned
    assert edges("Kazzinc supplies Kazatomprom, 70% owned by Samruk-Kazyna.", "owns") == [
        ("samruk-kazyna", "kazatomprom")]


def test_a_list_of_commodities_with_iodine_and_bromine():
    # two halogens Turkmenistan is known for: unknown words broke the list after potash
    assert edges("Beyond hydrocarbons, Turkmenistan produces potash, iodine, bromine and sulphur.", "produces") == [
        ("turkmenistan", "bromine"), ("turkmenistan", "iodine"), ("turkmenistan", "potash"),
        ("turkmenistan", "sulphur")]
    # a one-letter symbol is never read as an element: "I" is the pronoun
    assert [e.id for e in extract(doc("I think Turkmenistan is rich. So am I.")).entities] == ["turkmenistan"]


def test_a_guest_received_with_a_title_of_the_body_before_the_name():
    text = ("President of Kazakhstan Kassym-Jomart Tokayev received President of the European Council Charles Michel, "
            "who arrived in Astana.")
    assert edges(text, "meetsWith") == [("kassym-jomart-tokayev", "charles-michel")]


def test_a_year_of_another_events_clause_dates_no_fact():
    def dated(text, predicate, date="2023-09-20"):
        return sorted((r.subject, r.object, r.date) for r in propose_annotation(doc(text, date=date)).relations
                      if r.predicate == predicate)

    # the time of another event, in a clause of its own: "since the format was created in 2015"
    text = ("NEW YORK, Sept 19 (Wire) - Joe Biden met Tokayev on the margins of the General Assembly on Tuesday, the "
            "first summit of the format since the format was created in 2015.")
    assert [d for *_, d in dated(text, "meetsWith")] == ["2023-09-19"]  # (a Tuesday)
    assert dated("Tokayev met Putin in Astana, their first talks since the BN-350 reactor was shut down in 1999.",
                 "meetsWith") == [("kassym-jomart-tokayev", "vladimir-putin", None)]
    # another subject's clause after "and": its date is its own
    text = ("Shinzo Abe visited Kazakhstan in 2015, and President Shavkat Mirziyoyev of Uzbekistan made a state visit "
            "to Japan in December 2019.")
    assert dated(text, "visits") == [("shavkat-mirziyoyev", "japan", "2019-12"), ("shinzo-abe", "kazakhstan", "2015")]


def test_exports_as_a_noun_and_a_venture_as_its_own_partner():
    # "exports" with a verb of its own is a noun: no supply to what follows
    assert edges("China's restrictions on antimony exports have drawn attention to Tajikistan.", "suppliesTo") == []
    assert edges("Kazakhstan supplied about 40% of its uranium exports to China.", "suppliesTo") == [
        ("kazakhstan", "china")]
    # the venture is no partner of its own partners
    assert edges("KATCO is a joint venture with France's Orano, which holds 51%.", "jointProductionWith") == []
    assert edges("Kazatomprom set up a joint venture with Orano in 1996.", "jointProductionWith") == [
        ("kazatomprom", "orano")]


def test_a_title_is_no_persons_name():
    text = ("The Foreign Secretary, Lord Cameron, visited Tajikistan in April 2024. In Dushanbe he met President "
            "Emomali Rahmon. Speaking in Astana, the Foreign Secretary said: “We are here to partner with you.”")
    annotation = propose_annotation(doc(text))
    assert {e.id for e in annotation.entities if e.type in ("Person", "Leader")} == {"david-cameron", "emomali-rahmon"}
    assert edges(text, "meetsWith") == [("david-cameron", "emomali-rahmon")]


def test_a_statement_made_at_another_event_is_not_of_the_documents_day():
    def dates(text):
        return [s.date for s in propose_annotation(doc(text, date="2023-05-20")).statements]

    assert dates("The two presidents met in Bishkek. “Kumtor has passed fully to the ownership of Kyrgyzstan,” "
                 "President Sadyr Japarov said when the agreement was announced.") == [None]
    assert dates("Xi hosted the summit. “China and Central Asian countries have worked closely together,” Xi said "
                 "in his keynote speech.") == [None]
    # said in a statement, or on a day the text gives, is dated as before
    assert dates("“We are pleased,” Tokayev said in a statement.") == ["2023-05-20"]


def test_the_title_refers_back_to_the_one_person_the_text_gave_it():
    text = ("British Foreign Secretary Lord David Cameron visited Astana on 7 March 2024. “Critical minerals matter to"
            " both our countries,” the Foreign Secretary said. Later the Foreign Secretary met Uzbek Foreign Minister"
            " Bakhtiyor Saidov in Tashkent.")
    annotation = propose_annotation(doc(text))
    assert [s.speaker for s in annotation.statements] == ["david-cameron"]
    assert edges(text, "meetsWith") == [("david-cameron", "bakhtiyor-saidov")]
    # with a state, the one person the text made that state's holder of the title; without, the one with the title
    text = ("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Astana on 2 March 2024."
            " “We will build new processing plants together,” the President of Uzbekistan said. The Kazakh President"
            " visited Tashkent in May 2024.")
    assert [s.speaker for s in propose_annotation(doc(text)).statements] == ["shavkat-mirziyoyev"]
    assert edges(text, "visits") == [("kassym-jomart-tokayev", "tashkent")]
    # two persons with the title: "the President" is either, so no one
    assert edges(text.replace("The Kazakh President", "The President"), "visits") == []
    # a President the text gave no state is not "the President of Uzbekistan"
    text = ("President Joe Biden met Tokayev in New York. “We will build new processing plants together,” the"
            " President of Uzbekistan said.")
    assert [s.speaker for s in propose_annotation(doc(text)).statements] == []


def test_an_event_it_and_attendance_as_well_as():
    text = ("The first EU-Central Asia Summit took place in Samarkand on 4 April 2025. It was attended by President"
            " Kassym-Jomart Tokayev of Kazakhstan and President Shavkat Mirziyoyev of Uzbekistan, as well as António"
            " Costa and Ursula von der Leyen.")
    # "It" is the summit, the sentence before's subject; the states are the presidents', no attendants
    assert edges(text, "participatesIn") == [
        (person, "eu-central-asia-summit-2025")
        for person in ("antonio-costa", "kassym-jomart-tokayev", "shavkat-mirziyoyev", "ursula-von-der-leyen")]
    # "It" after a state and a summit is the sentence before's subject, flagged, not the summit
    text = "Kazakhstan hosted the Astana International Forum in May 2024. It is a major producer of uranium."
    assert edges(text, "produces") == []
    assert [(r.subject, r.provenance.needs_review) for r in extract(doc(text)).relations
            if r.predicate == "produces"] == [("kazakhstan", True)]


def test_the_state_after_the_titled_name_is_the_offices():
    text = ("The summit was attended by President Kassym-Jomart Tokayev of Kazakhstan, Prime Minister Fumio Kishida of"
            " Japan and Chairman Chen Jinghe of Zijin Mining.")
    annotation = propose_annotation(doc(text))
    assert {(r.subject, r.object) for r in annotation.relations if r.predicate == "holdsOffice"} == {
        ("kassym-jomart-tokayev", "president-of-kazakhstan"), ("fumio-kishida", "prime-minister-of-japan"),
        ("chen-jinghe", "chairman-of-zijin-mining")}
    assert not any(r.provenance.needs_review for r in annotation.relations)
    # the run of capitalised words that ends with Zijin Mining is a list of titled persons, no company
    assert {e.id for e in annotation.entities if e.type == "Company"} == {"zijin-mining"}


def test_a_network_is_a_name_of_its_own_not_the_partnership_it_begins_with():
    text = "Kazakhstan joined the Minerals Security Partnership Finance Network in 2024."
    assert edges(text, "partyTo") == [("kazakhstan", "minerals-security-partnership-finance-network")]


def test_the_leaders_are_every_leader_the_sentence_before_named():
    text = ("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Astana on 3 April 2025."
            " The leaders signed the Astana Declaration on critical raw materials.")
    assert edges(text, "partyTo") == [("kassym-jomart-tokayev", "astana-declaration-2025"),
                                      ("shavkat-mirziyoyev", "astana-declaration-2025")]
    # with a person of no office named there too, the leaders may or may not include her: flagged
    flagged = text.replace(" in Astana", " and the analyst Dana Omarova in Astana")
    assert edges(flagged, "partyTo") == []
    assert {r.subject for r in extract(doc(flagged)).relations if r.predicate == "partyTo"} == {
        "kassym-jomart-tokayev", "shavkat-mirziyoyev"}
    # "the presidents of …" names its own; one leader named before is no group
    text = ("Kazakh President Kassym-Jomart Tokayev met Uzbek President Shavkat Mirziyoyev in Astana. The presidents of"
            " Kazakhstan and Uzbekistan adopted the Samarkand Declaration in 2025.")
    assert edges(text, "partyTo") == [("kazakhstan", "samarkand-declaration-2025"),
                                      ("uzbekistan", "samarkand-declaration-2025")]
    assert edges("Kazakh President Kassym-Jomart Tokayev visited Astana. The leaders signed the Astana Declaration in"
                 " 2025.", "partyTo") == []


def test_persons_who_met_each_other():
    assert edges("Tokayev and Mirziyoyev met in Astana on 3 April 2025.", "meetsWith") == [
        ("kassym-jomart-tokayev", "shavkat-mirziyoyev")]
    assert edges("Tokayev and Mirziyoyev met Xi Jinping in Xi'an.", "meetsWith") == [
        ("kassym-jomart-tokayev", "xi-jinping"), ("shavkat-mirziyoyev", "xi-jinping")]
    # states do not meet; a meeting to come, or denied, is none
    assert edges("Kazakhstan and Uzbekistan met in Astana.", "meetsWith") == []
    assert edges("Tokayev and Mirziyoyev will meet in Astana.", "meetsWith") == []
    assert edges("Tokayev and Mirziyoyev did not meet in Astana.", "meetsWith") == []


def test_a_table_of_stakes_by_holder_and_by_partner():
    text = ("| Joint venture | KAP stake | Partner | Partner stake |\n|---|---|---|---|\n"
            "| KATCO | 49% | Orano | 51% |\n| JV Inkai | 60% | Cameco | 40% |\n| JV Inkai | 0% | Orano | – |\n")
    assert edges(text, "owns") == [("cameco", "jv-inkai"), ("kazatomprom", "jv-inkai"), ("kazatomprom", "katco"),
                                   ("orano", "katco")]
    assert {r.provenance.rule for r in propose_annotation(doc(text)).relations} == {"table-stake"}
    # a partner column without its shares may list buyers or lenders; a partner cell of two names has one share
    assert edges(text.replace("Partner stake", "Since"), "owns") == [("kazatomprom", "jv-inkai"),
                                                                      ("kazatomprom", "katco")]
    assert ("orano", "katco") not in edges(text.replace("| Orano | 51%", "| Orano, Cameco | 51%"), "owns")


def test_membership_by_part_of_belong_to_and_a_bloc_that_includes():
    assert edges("Kazakhstan is part of the Eurasian Economic Union.", "memberOf") == [("kazakhstan", "eaeu")]
    assert edges("Kazakhstan and Kyrgyzstan belong to the Eurasian Economic Union.", "memberOf") == [
        ("kazakhstan", "eaeu"), ("kyrgyzstan", "eaeu")]
    assert edges("The Eurasian Economic Union, which includes Kazakhstan and Kyrgyzstan, set tariffs.", "memberOf") \
        == [("kazakhstan", "eaeu"), ("kyrgyzstan", "eaeu")]
    # a bloc's possession is no bloc; denied, or included in something the bloc has, is no membership
    assert edges("Kazakhstan is part of the EU’s Global Gateway.", "memberOf") == []
    assert edges("Kazakhstan is not part of the Eurasian Economic Union.", "memberOf") == []
    assert edges("The European Union, which includes Kazakhstan in its list of partners, met.", "memberOf") == []


def test_speaking_at_a_gathering_opened_or_addressed():
    def speaks(text):
        return edges(text, "speaksAt")

    forum = [("kassym-jomart-tokayev", "astana-international-forum-2024")]
    assert speaks("Speaking at the Astana International Forum on 29 May 2024, Tokayev said output would rise.") == forum
    assert speaks("Addressing the Astana International Forum in 2024, President Tokayev called for cooperation.") == forum
    assert speaks("In his keynote speech at the Astana International Forum in 2024, Tokayev called for trade.") == forum
    assert speaks("Tokayev addressed the Astana International Forum in May 2024.") == forum
    # the forum's year after its name is its edition
    assert speaks("Tokayev spoke at the Astana International Forum 2024 in May.") == forum
    # a state does not speak; speaking after the forum is not at it; reporters told at the forum are no forum
    assert speaks("Speaking at the Astana International Forum in 2024, Kazakhstan called for cooperation.") == []
    assert speaks("Speaking after the Astana International Forum in 2024, Tokayev called for cooperation.") == []
    assert speaks("Tokayev told reporters at the Astana International Forum in May 2024.") == []


def test_a_lender_signs_a_loan_and_two_sides_launch_negotiations():
    assert edges("The European Investment Bank signed a EUR 100 million loan with Uzbekistan in 2024.", "funds") == [
        ("eib", "uzbekistan")]
    # the borrower signing is no lender
    assert edges("Uzbekistan signed a EUR 100 million loan with the European Investment Bank.", "funds") == []
    assert edges("Uzbekistan and the EU launched negotiations on critical raw materials.", "negotiatesWith") == [
        ("uzbekistan", "european-union")]
    assert edges("The EU launched negotiations with Uzbekistan on critical raw materials.", "negotiatesWith") == [
        ("european-union", "uzbekistan")]
    assert edges("Uzbekistan and the EU have not launched negotiations.", "negotiatesWith") == []


def test_a_table_of_partners_with_their_shares_and_a_holders_column():
    text = ("| Entity | Deposit | Kazatomprom | Partner(s) |\n|---|---|---|---|\n"
            "| JV Inkai LLP | Inkai | 60% | Cameco Corporation, 40% |\n"
            "| JV KATCO LLP | Muyunkum | 49% | Orano (51%) |\n"
            "| Semizbay-U LLP | Semizbay | 51% | Beijing Sino-Kaz Uranium Resources Investment (CGN), 49% |\n")
    owns = edges(text, "owns")
    assert [o for o in owns if o[1] in ("jv-inkai", "katco")] == [
        ("cameco", "jv-inkai"), ("kazatomprom", "jv-inkai"), ("kazatomprom", "katco"), ("orano", "katco")]
    # the partner's parent, in brackets after a name the text does not know, holds nothing the table says
    assert ("cgn", "semizbay-u-llp") not in owns
    # a company's legal form and designation make no second company
    ids = {e.id for e in extract(doc(text)).entities}
    assert {"jv-inkai", "katco"} <= ids and not {"jv-inkai-llp", "jv-katco-llp"} & ids
    # a column headed by a name, without partners beside it, may be anything of that company's: no ownership
    assert edges(text.replace("Partner(s)", "Buyers"), "owns") == []


def test_a_shareholder_owns_its_company():
    assert edges("Samruk-Kazyna remains Kazatomprom's majority shareholder with a 75% stake.", "owns") == [
        ("samruk-kazyna", "kazatomprom")]
    assert edges("Samruk-Kazyna is the majority shareholder of Kazatomprom.", "owns") == [("samruk-kazyna", "kazatomprom")]
    assert edges("Kazatomprom mines uranium. Samruk-Kazyna remains the company's majority shareholder.", "owns") == [
        ("samruk-kazyna", "kazatomprom")]
    # no longer, or once, is no ownership
    assert edges("Samruk-Kazyna is no longer the majority shareholder of Kazatomprom.", "owns") == []
    assert edges("Glencore was a former shareholder of Kazzinc.", "owns") == []


def test_a_year_of_the_clause_set_against_the_facts_dates_none_of_them():
    text = ("Kazakhstan and Kyrgyzstan belong to both the EAEU and the CSTO, while Uzbekistan, a member of the SCO and"
            " of the OTS, has held observer status in the EAEU since 2020.")
    found = {(r.subject, r.predicate, r.object): r.date for r in propose_annotation(doc(text)).relations}
    assert {k: d for k, d in found.items() if k[1] == "memberOf"} == {
        ("kazakhstan", "memberOf", "eaeu"): None, ("kazakhstan", "memberOf", "csto"): None,
        ("kyrgyzstan", "memberOf", "eaeu"): None, ("kyrgyzstan", "memberOf", "csto"): None,
        ("uzbekistan", "memberOf", "sco"): None, ("uzbekistan", "memberOf", "organization-of-turkic-states"): None}
    assert found[("uzbekistan", "observerOf", "eaeu")] == "2020"
    # after a semicolon, too
    text = "Kazakhstan joined the WTO in 2015; Uzbekistan is a member of the CIS."
    assert {(r.subject, r.date) for r in propose_annotation(doc(text)).relations} == {
        ("kazakhstan", "2015"), ("uzbekistan", None)}


def test_seventeenth_review_wrong_edges():
    # the state that says whose the company is takes no part in the company's partnership
    text = "May 1997 - Production starts at Kumtor, developed by Canada's Cameco in partnership with the Kyrgyz state."
    assert edges(text, "partnerOf") == []
    # "his Uzbek counterpart, Shavkat Mirziyoyev": the person met, not the state
    text = ("TASHKENT, June 14 (Yonhap) -- President Yoon Suk Yeol held summit talks with his Uzbek counterpart, Shavkat"
            " Mirziyoyev, in Tashkent.")
    assert edges(text, "meetsWith") == [("yoon-suk-yeol", "shavkat-mirziyoyev")]
    # "is also believed to hold": a belief, flagged
    text = "Uzbekistan is also believed to hold sizeable tungsten reserves."
    assert edges(text, "hasReserves") == []
    assert [r.provenance.needs_review for r in extract(doc(text)).relations] == [True]
    # "in May 2015" after Theresa May was named is the month
    text = "Theresa May visited Astana in 2016. Tokayev met Chinese investors in Rome in May 2015."
    assert edges(text, "meetsWith") == []
    assert edges("Theresa May visited Astana in 2016. Tokayev met May in Rome.", "meetsWith") == [
        ("kassym-jomart-tokayev", "theresa-may")]


def test_those_who_hold_a_summit_take_part_and_its_chair_organises_it():
    text = ("The Heads of State of Kazakhstan, Uzbekistan and China held the first China-Central Asia Summit in the city"
            " of Xi'an on 18-19 May 2023. The Summit was chaired by the President of the People's Republic of China,"
            " Xi Jinping.")
    summit = "china-central-asia-summit-2023"
    assert edges(text, "participatesIn") == [(state, summit) for state in ("china", "kazakhstan", "uzbekistan")]
    assert edges(text, "heldIn") == [(summit, "xian")]
    assert edges(text, "organisedBy") == [(summit, "xi-jinping")]
    # a summit to be held is no participation; talks held are no summit
    assert edges("Kazakhstan will hold the second China-Central Asia Summit in 2025.", "participatesIn") == []
    assert edges("Kazakhstan held talks with China in Astana.", "participatesIn") == []


def test_visits_told_in_the_present_or_as_a_tour():
    assert edges("Putin visits Kazakhstan.", "visits") == [("vladimir-putin", "kazakhstan")]
    assert edges("Olaf Scholz came to Astana in September 2024.", "visits") == [("olaf-scholz", "astana")]
    assert edges("David Cameron toured Astana and Tashkent in April 2024.", "visits") == [
        ("david-cameron", "astana"), ("david-cameron", "tashkent")]
    assert edges("Yoon Suk Yeol began his Central Asian tour in Ashgabat on Monday.", "visits") == [
        ("yoon-suk-yeol", "ashgabat")]
    assert edges("Olaf Scholz arrived from Uzbekistan on Monday.", "visits") == [("olaf-scholz", "uzbekistan")]
    # power is no place; a tour cancelled is none
    assert edges("Olaf Scholz came to power in Germany in 2021.", "visits") == []
    assert edges("Fumio Kishida cancels his tour of Kazakhstan.", "visits") == []


def test_headquartered_in_past_a_long_bracket_after_the_name():
    text = ("Navoi Mining and Metallurgical Company (NMMC; Uzbek: Navoiy kon-metallurgiya kombinati) is a state-owned"
            " gold mining company headquartered in Navoi, Uzbekistan.")
    assert edges(text, "basedIn") == [("navoi-mining-and-metallurgical-company", "navoi")]


def test_talks_held_are_a_meeting_not_a_negotiation():
    for text in ("Olaf Scholz held bilateral talks with Tokayev.",
                 "President Yoon Suk Yeol held summit talks with Shavkat Mirziyoyev in Tashkent."):
        found = {r.predicate for r in propose_annotation(doc(text)).relations if r.predicate != "holdsOffice"
                 and r.predicate != "officeIn"}
        assert found == {"meetsWith"}
    assert edges("Kazakhstan is in talks with China on tungsten.", "negotiatesWith") == [("kazakhstan", "china")]


def test_a_claim_in_a_list_item_and_unnamed_officials():
    text = ("- 2023 - Kumtor produces roughly 17 tonnes of gold, according to Kyrgyz officials.\n"
            "- 2024 - Kumtor produces roughly 15 tonnes of gold, according to Kyrgyzaltyn.\n")
    # unnamed officials are no speaker for their state; the item's marker and date are no words of the claim
    assert [(s.speaker, s.quote) for s in extract(doc(text)).statements] == [
        ("kyrgyzaltyn", "Kumtor produces roughly 15 tonnes of gold")]
    assert [s.speaker for s in extract(doc("Uranium output will rise, according to the Kazakh government.")).statements] \
        == ["kazakhstan"]


def test_a_statement_is_not_dated_by_what_its_opening_phrase_refers_to():
    text = ("Referring to the memorandum signed with Brussels in April, Mirziyoyev said: “Last month we established a"
            " strategic partnership with the European Union on critical raw materials.”")
    assert [(s.speaker, s.date) for s in propose_annotation(doc(text, date="2024-05-07")).statements] == [
        ("shavkat-mirziyoyev", None)]


def test_offices_of_long_titles_and_names_in_turkish_letters():
    text = ("The session featured Akylbek Japarov, Chairman of the Cabinet of Ministers of Kyrgyzstan; Turkey's"
            " Vice-President Cevdet Yılmaz; and Odile Renaud-Basso, President of the EBRD.")
    assert edges(text, "holdsOffice") == [
        ("akylbek-japarov", "chairman-of-the-cabinet-of-ministers-of-kyrgyzstan"),
        ("cevdet-yilmaz", "vice-president-of-turkey"), ("odile-renaud-basso", "president-of-ebrd")]


def test_partnered_with_is_cooperation():
    assert edges("Navoiyuran has since partnered with France's Orano in an exploration venture.", "cooperatesWith") == [
        ("navoiyuran", "orano")]
    assert edges("Kazakhstan partnered with Orano's subsidiary.", "cooperatesWith") == []
    assert edges("Kazakhstan has not partnered with China.", "cooperatesWith") == []


def test_an_office_the_text_gives_no_state_is_sure_within_the_holders_term():
    text = ("President Kassym-Jomart Tokayev met President Joe Biden in New York in September 2023 to discuss trade"
            " between Kazakhstan and the United States.")
    found = {(r.subject, r.object): (r.provenance.rule, r.provenance.needs_review)
             for r in extract(doc(text, date="2025-06-12")).relations if r.predicate == "holdsOffice"}
    # Biden held the office on the meeting's date, and Tokayev holds his still
    assert found == {("kassym-jomart-tokayev", "president-of-kazakhstan"): ("title-before-name-in-term", False),
                     ("joe-biden", "president-of-the-united-states"): ("title-before-name-in-term", False)}
    # undated, in a text of mid-2025, Biden was no longer President: the gazetteer's office is a guess to review
    text = "President Joe Biden spoke about trade with the United States."
    assert [(r.provenance.rule, r.provenance.needs_review) for r in extract(doc(text, date="2025-06-12")).relations
            if r.predicate == "holdsOffice"] == [("title-before-name", True)]
    # (without a date: the same)
    assert [r.provenance.needs_review for r in extract(doc(text)).relations if r.predicate == "holdsOffice"] == [True]


def test_it_after_an_opening_participle_and_the_founding_date_is_not_the_facts():
    text = ("Tau-Ken Samruk JSC is the national mining company of Kazakhstan. Established by government decree on 15"
            " January 2009, it is wholly owned by the sovereign wealth fund Samruk-Kazyna and is headquartered in"
            " Astana.")
    found = {(r.subject, r.predicate, r.object): r.date for r in extract(doc(text)).relations}
    # "it" is the company (flagged, as the sentence before also names Kazakhstan); owned since, not on that day
    assert found == {("samruk-kazyna", "owns", "tau-ken-samruk"): None, ("tau-ken-samruk", "basedIn", "astana"): None}


def test_one_of_the_largest_producers_in_an_apposition():
    text = "Uzbekistan, one of the world's ten largest gold producers, is also believed to hold tungsten reserves."
    assert edges(text, "produces") == [("uzbekistan", "gold")]
    assert edges(text, "hasReserves") == []
    assert edges("Kazatomprom, one of the buyers of Chinese uranium producers, said.", "produces") == []
