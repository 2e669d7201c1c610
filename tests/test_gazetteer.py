"""The gazetteer data: ids unique and sorted, cross-references resolved, no name shared by two entities.

A recogniser links a name to one IRI; a name listed for two entities would make
that link a guess, so the data must never contain one.
"""

from __future__ import annotations

import collections
import re
import unicodedata

import yaml

from conftest import ROOT

SORTED = ["states", "regions", "organisations", "offices", "people"]
#: every file is checked for ids and names shared with another; the ones above are kept sorted by id too
FILES = SORTED + ["agreements", "places", "topics"]


def gazetteer_problems(D):
    data, errors, warnings = {}, [], []
    for f in FILES:
        with open(f"{D}/{f}.yaml", encoding="utf-8") as fh:
            data[f] = yaml.safe_load(fh)
        if not isinstance(data[f], list):
            return [f"{f}: not a list"]
        ids = [e["id"] for e in data[f]]
        if f in SORTED and ids != sorted(ids): errors.append(f"{f}: not sorted by id")
    ids = collections.Counter(e["id"] for f in FILES for e in data[f])
    errors += [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    slug = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    errors += [f"bad id {i}" for i in ids if not slug.match(i)]
    S = {e["id"] for e in data["states"]}; O = {e["id"] for e in data["organisations"]}
    OF = {e["id"] for e in data["offices"]}
    ORG_TYPES = {"IntergovernmentalOrganisation","FinancialInstitution","Company","MediaOutlet","ResearchInstitute","DiplomaticFormat","GovernmentBody"}
    date = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
    wd = re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9]\d*$")
    for f in FILES:
        for e in data[f]:
            for k in ("id", "type", "label"):
                if not isinstance(e.get(k), str) or not e[k]: errors.append(f"{f}:{e.get('id')} missing {k}")
            for k in ("aliases", "demonyms", "titles", "members"):
                if k in e and not (isinstance(e[k], list) and all(isinstance(x, str) and x.strip() == x and x for x in e[k])):
                    errors.append(f"{f}:{e['id']} bad list {k}")
            if "wikidata" in e and not wd.match(str(e["wikidata"])): errors.append(f"{e['id']} bad wikidata {e['wikidata']}")
    for e in data["states"]:
        if e["type"] != "State": errors.append(f"{e['id']} type")
        if e.get("iso2") is not None and not re.match(r"^[A-Z]{2}$", e["iso2"]): errors.append(f"{e['id']} iso2")
        if e.get("iso3") is not None and not re.match(r"^[A-Z]{3}$", e["iso3"]): errors.append(f"{e['id']} iso3")
        if e.get("cow") is not None and not re.match(r"^[A-Z]{3}$", e["cow"]): errors.append(f"{e['id']} cow")
        if not isinstance(e.get("un_member"), bool): errors.append(f"{e['id']} un_member")
    for k in ("iso2", "iso3", "cow"):
        c = collections.Counter(e[k] for e in data["states"] if e.get(k)); errors += [f"duplicate {k} {v}" for v, n in c.items() if n > 1]
    un = sum(1 for e in data["states"] if e["un_member"])
    if un != 193: errors.append(f"UN members: {un}")
    for e in data["regions"]:
        if e["type"] != "Region": errors.append(f"{e['id']} type")
        for m in e.get("members", []):
            if m not in S: errors.append(f"region {e['id']}: member {m} unresolved")
        if ("members" in e) != ("members_source" in e): errors.append(f"region {e['id']}: members/members_source")
    for e in data["organisations"]:
        if e["type"] not in ORG_TYPES: errors.append(f"org {e['id']}: type {e['type']}")
        if "based_in" in e and e["based_in"] not in S: errors.append(f"org {e['id']}: based_in {e['based_in']} unresolved")
        if "part_of" in e and e["part_of"] not in O: errors.append(f"org {e['id']}: part_of {e['part_of']} unresolved")
    for e in data["offices"]:
        if e.get("office_in") not in S | O: errors.append(f"office {e['id']}: office_in {e.get('office_in')} unresolved")
        if not e.get("titles"): errors.append(f"office {e['id']}: no titles")
    held = set()
    for e in data["people"]:
        if e["type"] != "Leader": errors.append(f"{e['id']} type")
        if not e.get("offices"): errors.append(f"person {e['id']}: no offices")
        for st in e.get("offices", []):
            held.add(st.get("office"))
            if st.get("office") not in OF: errors.append(f"person {e['id']}: office {st.get('office')} unresolved")
            for k in ("start", "end"):
                if k in st and st[k] is not None and not (isinstance(st[k], str) and date.match(st[k])):
                    errors.append(f"person {e['id']}: {k} {st[k]!r} not a date string")
            if "start" in st and st.get("end") and st["start"] > st["end"][:len(st["start"])]:
                errors.append(f"person {e['id']}: start after end")
            if "start" not in st and "end" in st and st["end"] is None:
                warnings.append(f"person {e['id']}: open term without start")
    for o in sorted(OF - held): warnings.append(f"office without holder in people.yaml: {o}")
    # name collisions across entities
    def norm(s): return " ".join(unicodedata.normalize("NFKC", s).casefold().split())
    def fold(s): return "".join(ch for ch in unicodedata.normalize("NFKD", norm(s)) if not unicodedata.combining(ch))
    names, folded = collections.defaultdict(set), collections.defaultdict(set)
    for f in FILES:
        for e in data[f]:
            for n in [e["label"], e.get("official_name")] + e.get("aliases", []) + e.get("demonyms", []):
                if n:
                    names[norm(n)].add(e["id"]); folded[fold(n)].add(e["id"])
                    if n.lower().startswith("the "):
                        names[norm(n[4:])].add(e["id"])
    for n, who in sorted(names.items()):
        if len(who) > 1: errors.append(f"name collision {n!r}: {sorted(who)}")
    for n, who in sorted(folded.items()):
        if len(who) > 1 and len(names.get(n, ())) <= 1: errors.append(f"accent-folded collision {n!r}: {sorted(who)}")
    wds = collections.Counter(e["wikidata"] for f in FILES for e in data[f] if "wikidata" in e)
    errors += [f"wikidata used twice {q}" for q, n in wds.items() if n > 1]
    return errors


def test_gazetteer_is_consistent():
    assert gazetteer_problems(ROOT / "gazetteer") == []


def test_the_check_catches_a_shared_alias(tmp_path):
    import shutil

    shutil.copytree(ROOT / "gazetteer", tmp_path / "g")
    path = tmp_path / "g" / "organisations.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("aliases: [", "aliases: [Kazakhstan, ", 1), encoding="utf-8")
    assert any("name collision 'kazakhstan'" in p for p in gazetteer_problems(tmp_path / "g"))


def test_central_asia_has_its_five_states():
    regions = yaml.safe_load((ROOT / "gazetteer" / "regions.yaml").read_text(encoding="utf-8"))
    central_asia = next(r for r in regions if r["id"] == "central-asia")
    assert sorted(central_asia["members"]) == ["kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"]


def test_curated_annotations_use_the_gazetteers_ids():
    """One entity, one IRI: a curated document and an extracted one that name the same organisation must give it the
    same id, or a corpus that mixes them has two nodes for it (the seed once coded `eurasian-economic-union` where the
    gazetteer, and so every extracted document, has `eaeu`)."""
    from crmgraph.annotations import load_annotation
    from crmgraph.extract.gazetteer import load_gazetteer
    from crmgraph.ontology import load_ontology

    gazetteer, ontology = load_gazetteer(), load_ontology()
    by_label = {}
    for entry_id, entry in gazetteer.entries.items():
        by_label.setdefault(entry.label, set()).add(entry_id)
    paths = sorted((ROOT / "corpus").glob("*.annotations.yaml")) + sorted((ROOT / "tests" / "texts").glob("*.annotations.yaml"))
    assert len(paths) >= 15
    other = [(p.name, e.id, sorted(by_label[e.label])) for p in paths for e in load_annotation(p, ontology).entities
             if e.label in by_label and e.id not in by_label[e.label]]
    assert other == []


def test_a_gazetteer_list_item_yaml_reads_as_false_is_refused(tmp_path):
    """Norway's code "NO" unquoted in a list is read as false and would never match: the loader says so in one line."""
    import shutil

    import pytest

    from crmgraph.errors import CrmgraphError
    from crmgraph.extract.gazetteer import load_gazetteer

    folder = tmp_path / "gazetteer"
    shutil.copytree(ROOT / "gazetteer", folder)
    states = folder / "states.yaml"
    states.write_text(states.read_text(encoding="utf-8").replace("  demonyms: [Norwegian]", "  demonyms: [Norwegian, NO]"),
                      encoding="utf-8")
    with pytest.raises(CrmgraphError, match=r"states\.yaml: \[\d+\]\.demonyms\[1\] is false.*quote the word"):
        load_gazetteer(str(folder))
