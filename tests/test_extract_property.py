"""Property test: the extractor never crashes and always returns an annotation the build accepts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
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
