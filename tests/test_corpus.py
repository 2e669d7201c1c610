"""Documents load with their metadata; sentences keep exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crmgraph.corpus import load_corpus, load_document, split_sentences
from crmgraph.errors import CrmgraphError

from conftest import CORPUS, SEED_ID


def test_default_corpus_holds_the_seed_essay_with_metadata():
    documents = load_corpus(CORPUS)
    seed = next(d for d in documents if d.id == SEED_ID)
    assert seed.metadata["date"] == "2024-10"
    assert "Qoraboyev" in " ".join(seed.metadata["authors"])
    assert seed.annotation_path is not None
    assert seed.text.startswith("Critical Raw Materials as an Emerging Pillar")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Talks with the U.S. went well. The EU agreed.", ["Talks with the U.S. went well.", "The EU agreed."]),
        ("See Smith et al. 2020 on this. Then stop.", ["See Smith et al. 2020 on this.", "Then stop."]),
        ("Minerals, e.g. Lithium, matter. Yes.", ["Minerals, e.g. Lithium, matter.", "Yes."]),
        ("Borrell, J. (2024). Speech at a forum.", ["Borrell, J. (2024).", "Speech at a forum."]),
        ("He said: “It is new oil.” Others agreed.", ["He said: “It is new oil.”", "Others agreed."]),
        ("Heading\n- first item\n- second item. Still second", ["Heading", "- first item", "- second item.", "Still second"]),
        ("1. First reference. Available online.\n2. Second", ["1. First reference.", "Available online.", "2. Second"]),
    ],
)
def test_sentences_survive_abbreviations_initials_quotes_and_lists(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_seed_sentences_keep_quotes_whole():
    seed = load_document(CORPUS / f"{SEED_ID}.txt")
    borrell = next(s for s in seed.sentences if "middle of everything" in s.text)
    assert borrell.text.startswith("As noted by Josep Borrell")
    assert borrell.text.endswith("middle of everything.”")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_sentence_offsets_always_index_the_text(text):
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.start >= previous_end
        assert sentence.text.strip() == sentence.text and sentence.text
        previous_end = sentence.end


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"caf\xe9 latin-1", "not valid UTF-8"),
    ],
)
def test_bad_documents_get_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad-doc.txt"
    path.write_bytes(content)
    with pytest.raises(CrmgraphError, match=message):
        load_document(path)


def test_document_names_must_be_ids(tmp_path):
    (tmp_path / "Bad Name.txt").write_text("Text.", encoding="utf-8")
    with pytest.raises(CrmgraphError, match="lowercase"):
        load_corpus(tmp_path)


SENTENCE_CHARACTERS = st.sampled_from(list("ab .!?…”’)\"]\t\u00a0A1(“"))


@settings(max_examples=300, deadline=None)
@given(st.lists(SENTENCE_CHARACTERS, max_size=40).map("".join), st.integers(min_value=0, max_value=40))
def test_sentence_ends_are_found_as_the_boundary_pattern_finds_them(line, start):
    # the splitter looks for its pattern only where a mark is; it must find what a search of every position finds
    from crmgraph.corpus import _BOUNDARY, _boundaries

    assert [m.span() for m in _boundaries(line, start)] == [m.span() for m in _BOUNDARY.finditer(line, start)]
