"""The named queries answer the essay's questions: expected answers on the seed graph."""

from __future__ import annotations

import pytest

from conftest import CORPUS, SEED_ID, run_cli
from crmgraph.ontology import CRM, ID
from crmgraph.sparql import named_queries, run_query, shorten
from crmgraph.store import open_store

NAMES = ("partnerships", "engagement", "statements", "minerals", "critical-minerals", "evidence")


@pytest.fixture(scope="module")
def store(seed_graph_dir):
    return open_store(seed_graph_dir / "crmgraph.ttl")


def rows(store, name, params=None, columns=None) -> list[tuple]:
    """The query's rows as short strings, restricted to ``columns``."""
    result = run_query(store, name, params)
    index = [result.variables.index(c) for c in columns] if columns else range(len(result.variables))
    return [tuple(shorten(row[i]) for i in index) for row in result.rows]


def test_every_named_query_has_a_header_and_a_test():
    queries = named_queries()
    assert set(queries) == set(NAMES)
    for query in queries.values():
        assert query.title.endswith("?"), query.name
        assert len(query.description) > 80, query.name
        for param in query.params:
            assert f"?{param}" in query.text, (query.name, param)


def test_partnerships(store):
    assert rows(store, "partnerships") == [
        ("id:china", "id:kazakhstan", "crm:tradePartnerOf", "", "1"),
        ("id:european-union", "id:kazakhstan", "id:eu-kazakhstan-crm-memorandum-2022", "2022", "2"),
        ("id:european-union", "id:kazakhstan", "crm:partnerOf", "2022", "1"),
        ("id:european-union", "id:uzbekistan", "id:eu-uzbekistan-crm-partnership-2024", "2024", "2"),
        # stated twice, from both sides: "in 2024" and "Last month" (April 2024): the earliest as written
        ("id:european-union", "id:uzbekistan", "crm:partnerOf", "2024", "2"),
    ]


def test_engagement(store):
    got = rows(store, "engagement", columns=["state", "power", "how", "direction", "date", "via"])
    expected = {
        ("id:kazakhstan", "id:china", "crm:tradePartnerOf", "power → state", "", ""),
        ("id:kazakhstan", "id:european-union", "crm:partnerOf", "power → state", "2022", ""),
        ("id:kazakhstan", "id:germany", "crm:visits", "power → state", "2024-09", "id:olaf-scholz"),
        ("id:kyrgyzstan", "id:china", "crm:dominatesProductionIn", "power → state", "", ""),
        ("id:tajikistan", "id:china", "crm:dominatesProductionIn", "power → state", "", ""),
        ("id:uzbekistan", "id:china", "crm:increasesPresenceIn", "power → state", "", ""),
        ("id:uzbekistan", "id:ebrd", "crm:assists", "power → state", "2024-05", ""),
        ("id:uzbekistan", "id:european-union", "crm:partnerOf", "state → power", "2024-04", ""),
        ("id:uzbekistan", "id:united-states", "crm:negotiatesWith", "state → power", "2024-05", ""),
        ("id:uzbekistan", "id:united-kingdom", "crm:negotiatesWith", "state → power", "2024-05", ""),
        ("id:central-asia", "id:united-states", "crm:meetsWith", "state → power", "2023-09", "id:joe-biden"),
        ("id:central-asia", "id:china", "crm:suppliesTo", "power → state", "", ""),
    }
    assert expected <= set(got)
    powers = {row[1] for row in got}
    assert powers == {"id:china", "id:european-union", "id:germany", "id:ebrd", "id:united-states",
                      "id:united-kingdom"}
    # no Central Asian actor counts as an external power, not even through an office
    assert not powers & {"id:kazakhstan", "id:uzbekistan", "id:central-asia"}
    assert [r[:2] for r in got] == sorted(r[:2] for r in got)
    only = rows(store, "engagement", {"state": "id:kazakhstan"}, columns=["state", "power", "how"])
    assert {r[0] for r in only} == {"id:kazakhstan"}
    assert set(only) == {r[:3] for r in got if r[0] == "id:kazakhstan"}


def test_statements(store):
    got = rows(store, "statements", columns=["speaker", "date", "venue", "place", "source", "statement"])
    speakers = {r[0] for r in got}
    assert {"id:kassym-jomart-tokayev", "id:shavkat-mirziyoyev", "id:c5-plus-1", "id:unece", "id:r-vakulchuk",
            "id:n-imamova"} <= speakers
    assert "id:josep-borrell" not in speakers  # Borrell's words are about Central Asia, not about CRMs
    assert ("id:kassym-jomart-tokayev", "2023-09-01", "id:tokayev-state-of-the-nation-address-2023", "",
            "id:tokayev-2023", "id:tokayev-2023-new-oil") in got
    assert ("id:c5-plus-1", "2023-09", "id:c5-plus-1-summit-2023", "id:new-york", "id:c5-plus-1-2023",
            "id:c5-plus-1-2023-critical-minerals-security") in got
    mirziyoyev = rows(store, "statements", {"speaker": "id:shavkat-mirziyoyev"},
                      columns=["date", "venue", "place", "quotation"])
    assert len(mirziyoyev) == 2
    assert all(r[:3] == ("2024-05-02", "id:tashkent-international-investment-forum-2024", "id:tashkent")
               for r in mirziyoyev)
    assert any(r[3].startswith("Uzbekistan is rich in mineral resources and critical raw materials.") for r in mirziyoyev)
    dates = [r[1] for r in got]
    assert dates == sorted(dates)


def test_minerals(store):
    assert rows(store, "minerals", columns=["actor", "how", "mineral", "partner", "date"]) == [
        ("id:central-asia", "crm:hasReserves", "id:lithium", "", "2023"),
        ("id:central-asia", "crm:hasReserves", "id:rare-earth-elements", "", "2023"),
        ("id:central-asia", "crm:hasReserves", "id:uranium", "", "2023"),
        ("id:china", "crm:dominatesProductionIn", "id:critical-raw-materials", "id:kyrgyzstan", ""),
        ("id:china", "crm:dominatesProductionIn", "id:critical-raw-materials", "id:tajikistan", ""),
        ("id:china", "crm:tradePartnerOf", "id:critical-raw-materials", "id:kazakhstan", ""),
        ("id:kazakhstan", "crm:tradePartnerOf", "id:critical-raw-materials", "id:china", ""),
    ]
    assert rows(store, "minerals", {"actor": "id:kazakhstan"}, columns=["how", "partner"]) == [
        ("crm:tradePartnerOf", "id:china")]


def test_critical_minerals(store):
    eu, usgs = "id:european-union", "id:united-states-geological-survey"
    assert rows(store, "critical-minerals") == [
        ("id:lithium", "id:eu-crma-2024-critical", eu, "whole", "1"),
        ("id:lithium", "id:eu-crma-2024-strategic", eu, "whole", "1"),
        ("id:lithium", "id:usgs-2022-critical-minerals", usgs, "whole", "1"),
        ("id:lithium", "id:usgs-2025-critical-minerals", usgs, "whole", "1"),
        ("id:rare-earth-elements", "id:eu-crma-2024-critical", eu, "part", "3"),
        ("id:rare-earth-elements", "id:eu-crma-2024-strategic", eu, "part", "1"),
        ("id:rare-earth-elements", "id:usgs-2022-critical-minerals", usgs, "part", "16"),
        ("id:rare-earth-elements", "id:usgs-2025-critical-minerals", usgs, "part", "16"),
        ("id:uranium", "id:usgs-2025-critical-minerals", usgs, "whole", "1"),
    ]
    # a mineral the essay never names: strategic for the EU through the magnet REEs, critical in both USGS lists
    assert rows(store, "critical-minerals", {"mineral": "id:neodymium"}, columns=["list", "extent"]) == [
        ("id:eu-crma-2024-critical", "whole"), ("id:eu-crma-2024-strategic", "whole"),
        ("id:usgs-2022-critical-minerals", "whole"), ("id:usgs-2025-critical-minerals", "whole")]
    assert rows(store, "critical-minerals", {"mineral": "id:gold"}) == []


def test_evidence(store):
    text = (CORPUS / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    result = run_query(store, "evidence", {"subject": "id:european-union", "object": "id:kazakhstan"})
    got = [dict(zip(result.variables, row)) for row in result.rows]
    assert {row["predicate"] for row in got} == {CRM.partnerOf}
    row = got[0]
    assert row["document"] == ID[SEED_ID] and row["method"] == CRM.curated and float(row["confidence"]) == 1.0
    assert str(row["date"]) == "2022"
    start, end = int(row["start"]), int(row["end"])
    assert text[start:end] == str(row["quote"])
    assert "notably with Kazakhstan in 2022 (Goethals, 2024)" in str(row["quote"])
    assert str(row["quote"]) in str(row["sentence"])
    # every fact of the graph has its evidence, and every quote is where its offsets say
    everything = run_query(store, "evidence")
    facts = run_query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?f a crm:Fact }").rows[0][0]
    assert len({r[-1] for r in everything.rows}) == int(facts) > 200
    position = {n: i for i, n in enumerate(everything.variables)}
    for r in everything.rows:
        assert text[int(r[position["start"]]):int(r[position["end"]])] == str(r[position["quote"]])
    # the predicate narrows it
    assert rows(store, "evidence", {"subject": "id:china", "predicate": "crm:tradePartnerOf"},
                columns=["object"]) == [("id:kazakhstan",)]


def test_named_query_from_the_command_line(seed_graph_dir):
    result = run_cli("query", "evidence", "--graph", str(seed_graph_dir / "crmgraph.ttl"), "--param",
                     "subject=id:china", "--param", "object=id:kazakhstan", "--format", "csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("subject,predicate,object,quote,document,start,end")
    assert "is the main trade partner of Kazakhstan in CRMs" in result.stdout
