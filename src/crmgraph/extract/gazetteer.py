"""The gazetteer and the lexicon as the extractor sees them: entries, an index of their names, word lists.

Entries come from every ``gazetteer/*.yaml`` file (states, regions, organisations,
offices, people, places, topics, agreements …) and from the mineral vocabulary
(``ontology/minerals.ttl``: preferred and alternative labels, plurals, element
symbols). Names are indexed by their first token, so recognition is one dictionary
look-up per token of the text (see :mod:`crmgraph.extract.recognise`).

Nothing here names an entity: all names are data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Final

import yaml

from crmgraph.errors import CrmgraphError

TOKEN: Final = re.compile(r"\w+|[^\w\s]")

IDENTIFIER_KEYS: Final = {"iso2": "iso3166Alpha2", "iso3": "iso3166Alpha3", "cow": "cowCode", "cameo": "cameoCode"}

GROUPS = {
    "polity": {"State", "Region", "IntergovernmentalOrganisation"},
    "organisation": {"IntergovernmentalOrganisation", "FinancialInstitution", "Company", "MediaOutlet",
                     "ResearchInstitute", "GovernmentBody", "DiplomaticFormat"},
    "person": {"Person", "Leader"},
    "agreement": {"Agreement", "Memorandum", "StrategicPartnership", "JointStatement", "Dialogue", "Initiative", "Law"},
    "event": {"Forum", "Summit", "Speech", "Visit"},
    "mineral": {"Mineral"},
    "topic": {"Topic"},
    "place": {"Place"},
}
GROUPS["actor"] = GROUPS["polity"] | GROUPS["organisation"] | GROUPS["person"]


_DERIVED: dict[tuple[int, object], tuple[object, object]] = {}


def derived(owner, build):
    """``build(owner)``, computed once per owner (a loaded lexicon, gazetteer or word list) and then remembered.

    The patterns and indexes the extractor derives from its data are built at first use; keyed by the owner's
    identity and checked against it, so a new lexicon (``load_lexicon(folder)``) gets its own.

    Examples
    --------
    >>> words = ["a", "b"]
    >>> derived(words, frozenset) is derived(words, frozenset)
    True
    """
    latest = _LATEST.get(build)
    if latest is not None and latest[0] is owner:  # the common case, one lexicon and one gazetteer: no key to build
        return latest[1]
    key = (id(owner), build)
    cached = _DERIVED.get(key)
    if cached is None or cached[0] is not owner:
        cached = _DERIVED[key] = (owner, build(owner))
    _LATEST[build] = cached
    return cached[1]


#: per build, the owner it was last asked for and what it built
_LATEST: dict[object, tuple[object, object]] = {}


def expand_classes(names) -> frozenset[str]:
    """Class names and group names (``actor``, ``polity``, …) as one set of class names.

    Examples
    --------
    >>> sorted(expand_classes(["polity"]))
    ['IntergovernmentalOrganisation', 'Region', 'State']
    """
    out: set[str] = set()
    for name in names or ():
        out |= GROUPS.get(name, {name})
    return frozenset(out)


_UNDECOMPOSED: Final = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                                       "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ə": "e", "Ə": "E", "þ": "th"})


@lru_cache(maxsize=16384)
def slugify(text: str) -> str:
    """An entity id from a name: ASCII, lowercase, hyphens; ``+`` becomes ``plus`` (remembered: names recur).

    Examples
    --------
    >>> slugify("C5+1 Critical Minerals Dialogue")
    'c5-plus-1-critical-minerals-dialogue'
    >>> slugify("Maroš Šefčovič")
    'maros-sefcovic'
    >>> slugify("China–Central Asia Summit")
    'china-central-asia-summit'
    >>> slugify("Cevdet Yılmaz")
    'cevdet-yilmaz'
    """
    text = text.replace("+", " plus ").replace("&", " and ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)  # dashes are separators ("China–Central Asia"), not nothing
    # (letters that no accent makes: "Yılmaz" is yilmaz, not ylmaz)
    text = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['’`]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return slug or "x"


def tokens(text: str) -> tuple[str, ...]:
    """The tokens of a name, as the recogniser sees them."""
    return tuple(TOKEN.findall(text))


@dataclass
class Entry:
    """One gazetteer entry."""

    id: str
    type: str | None
    label: str
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    wikidata: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)
    office_in: str | None = None
    titles: list[str] = field(default_factory=list)
    offices: list[dict] = field(default_factory=list)
    based_in: str | None = None
    organised_by: str | None = None
    members: list[str] = field(default_factory=list)
    symbol: str | None = None
    parties: list[str] = field(default_factory=list)  # of an agreement: the actors that concluded it
    date: str | None = None  # of an agreement or a dated event
    concerns: list[str] = field(default_factory=list)  # of an agreement: the topics and minerals it is about
    surname: str | None = None  # of a person, where it is not the last word of the label
    stands_for: str | None = None  # of a capital: the government its name is used for ("Beijing wants")
    vocabulary: bool = False  # a concept of the mineral vocabulary: type and label come from there
    # names and demonyms that mean this entity only in a text that has named it in full ("Korea", "Korean" after
    # "the Republic of Korea"): elsewhere they are ambiguous
    after_named: list[str] = field(default_factory=list)
    after_named_demonyms: list[str] = field(default_factory=list)


@dataclass
class Name:
    """One indexed surface form."""

    tokens: tuple[str, ...]
    entry: str
    kind: str  # name | demonym | symbol


@dataclass
class Gazetteer:
    entries: dict[str, Entry]
    index: dict[str, list[Name]]
    offices_by_title: dict[str, list[str]]

    def get(self, entity_id: str) -> Entry | None:
        return self.entries.get(entity_id)


def _yaml(path: Path):
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CrmgraphError(f"{path}: cannot be read as YAML ({str(exc).splitlines()[0]})") from None


def _folder(name: str) -> Path | None:
    from crmgraph.resources import data_path

    try:
        return data_path(name)
    except FileNotFoundError:
        return None


def _minerals() -> list[Entry]:
    from crmgraph.resources import minerals_file

    path = minerals_file()
    if not path.exists():
        return []
    from rdflib import Graph
    from rdflib.namespace import RDF, SKOS

    from crmgraph.ontology import CRM, ID

    graph = Graph()
    graph.parse(path, format="turtle")
    entries = []
    for concept in sorted(set(graph.subjects(RDF.type, CRM.Mineral)), key=str):
        slug = str(concept)[len(str(ID)):]
        label = next((str(o) for o in graph.objects(concept, SKOS.prefLabel)), slug)
        aliases = sorted(str(o) for o in graph.objects(concept, SKOS.altLabel))
        symbol = next((str(o) for o in graph.objects(concept, CRM.elementSymbol)), None)
        entries.append(Entry(id=slug, type="Mineral", label=label, aliases=aliases, symbol=symbol, vocabulary=True))
    return entries


def _entry(item: dict, where: str) -> Entry | None:
    if not isinstance(item, dict) or not item.get("id") or not item.get("label"):
        return None
    identifiers = {IDENTIFIER_KEYS[k]: str(item[k]) for k in IDENTIFIER_KEYS if item.get(k)}
    return Entry(
        id=str(item["id"]),
        type=item.get("type"),
        label=str(item["label"]),
        aliases=[str(a) for a in (item.get("aliases") or []) if a] + (
            [str(item["official_name"])] if item.get("official_name") else []),
        demonyms=[str(d) for d in (item.get("demonyms") or []) if d],
        wikidata=item.get("wikidata"),
        identifiers=identifiers,
        office_in=item.get("office_in"),
        titles=[str(t) for t in (item.get("titles") or [])],
        offices=[o for o in (item.get("offices") or []) if isinstance(o, dict) and o.get("office")],
        based_in=item.get("based_in"),
        organised_by=item.get("organised_by"),
        members=list(item.get("members") or []),
        parties=[str(p) for p in item.get("parties") or []],
        date=str(item["date"]) if item.get("date") else None,
        concerns=[str(c) for c in item.get("concerns") or []],
        surname=str(item["surname"]) if item.get("surname") else None,
        stands_for=str(item["stands_for"]) if item.get("stands_for") else None,
        after_named=[str(a) for a in item.get("after_named") or [] if a],
        after_named_demonyms=[str(a) for a in item.get("after_named_demonyms") or [] if a],
    )


def _plural(word: str) -> str | None:
    if not word or not word[-1].isalpha() or word.endswith("s"):
        return None
    return word + "s"


@lru_cache(maxsize=2)
def load_gazetteer(folder: str | None = None) -> Gazetteer:
    """Read every gazetteer file and the mineral vocabulary, and index their names (cached).

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.get("lithium").type
    'Mineral'
    """
    path = Path(folder) if folder else _folder("gazetteer")
    entries: dict[str, Entry] = {}
    for entry in _minerals():
        entries[entry.id] = entry
    if path is not None and path.is_dir():
        for file in sorted(path.glob("*.yaml")):
            data = _words_only(file, _yaml(file))  # an alias "NO" (Norway's code) read as false would never match
            if isinstance(data, dict):  # a file may wrap its list in a key
                data = next((v for v in data.values() if isinstance(v, list)), [])
            for item in data or []:
                found = _entry(item, str(file))
                if found is not None and found.id not in entries:
                    entries[found.id] = found
    index: dict[str, list[Name]] = {}
    offices_by_title: dict[str, list[str]] = {}

    def add(form: str, entry_id: str, kind: str) -> None:
        toks = tokens(form)
        if not toks:
            return
        variants = {toks}
        if toks[0].islower():  # "lithium" also as "Lithium" at the start of a sentence
            variants.add((toks[0].capitalize(),) + toks[1:])
        if toks[0] == "the" and len(toks) > 1:
            variants.add(("The",) + toks[1:])
        for variant in variants:
            bucket = index.setdefault(variant[0], [])
            if not any(n.tokens == variant and n.entry == entry_id for n in bucket):
                bucket.append(Name(variant, entry_id, kind))

    for entry in entries.values():
        forms = [entry.label, *entry.aliases]
        if entry.type == "Mineral":
            forms += [p for p in (_plural(f) for f in list(forms)) if p]
        if entry.type == "Office":
            for title in entry.titles:
                offices_by_title.setdefault(title, []).append(entry.id)
        if entry.type == "Office":
            continue  # offices are read from titles and the state or body they name (see offices.py)
        for form in forms:
            add(form, entry.id, "name")
        for demonym in entry.demonyms:
            add(demonym, entry.id, "demonym")
        if entry.symbol and len(entry.symbol) > 1:
            add(entry.symbol, entry.id, "symbol")
    for bucket in index.values():
        bucket.sort(key=lambda n: -len(n.tokens))
    return Gazetteer(entries=entries, index=index, offices_by_title=offices_by_title)


def _group_refs(backrefs: dict) -> dict[str, int]:
    """ "the <number> <noun>" for the numbers and nouns of ``group`` in ``lexicon/backrefs.yaml``, with the number."""
    group = backrefs.get("group") or {}
    return {f"the {word} {noun}".lower(): int(n) for word, n in (group.get("numbers") or {}).items()
            for noun in group.get("nouns") or []}


@dataclass
class Lexicon:
    titles: dict[str, str]
    roles: frozenset[str]
    heads: dict[str, str]
    leading: dict[str, str]
    connectors: frozenset[str]
    stopwords: frozenset[str]
    speech_verbs: frozenset[str]
    according: list[str]
    quotes: dict[str, str]
    min_quote_words: int
    hedges: frozenset[str]
    negations: frozenset[str]
    backrefs: dict[str, frozenset[str]]
    pair_refs: list[str]
    relations: list[dict]
    agreement_words: list[str] = field(default_factory=list)
    ordinals: frozenset[str] = frozenset()
    dates: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)
    cues: dict = field(default_factory=dict)
    introduced: dict[str, str] = field(default_factory=dict)
    signing_verbs: list[str] = field(default_factory=list)
    introduced_modifiers: list[str] = field(default_factory=list)
    verb_homographs: frozenset[str] = frozenset()
    state_bound: frozenset[str] = frozenset()
    legal_forms: frozenset[str] = frozenset()
    designations: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    not_person_first: frozenset[str] = frozenset()
    verb_hedges: frozenset[str] = frozenset()
    verb_negations: frozenset[str] = frozenset()
    retractions: frozenset[str] = frozenset()
    unmade: frozenset[str] = frozenset()
    future_events: frozenset[str] = frozenset()
    ended_until: frozenset[str] = frozenset()
    ended_before_verb: frozenset[str] = frozenset()
    hearsay_sources: frozenset[str] = frozenset()
    hearsay_verbs: frozenset[str] = frozenset()
    mouthpieces: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    clause_speech_verbs: frozenset[str] = frozenset()
    speaking_occasions: tuple[str, ...] = ()
    directives: tuple[str, ...] = ()
    #: a group reference ("the six leaders", among ``pair_refs``) -> how many actors it refers to
    group_sizes: dict[str, int] = field(default_factory=dict)
    #: the leaders named since the sentence before began, however many ("the leaders", among ``pair_refs``)
    leader_groups: frozenset[str] = frozenset()


def _words_only(file: Path, data):
    """``data`` as read from ``file``, refused in one line when one of its lists holds true or false."""
    where = _truth_value_in_list(data)
    if where is not None:
        raise CrmgraphError(f"{file}: {where}: YAML reads an unquoted on, off, yes or no as true or false; "
                            "quote the word")
    return data


def _patterns_compile(file: Path, items, key: str) -> None:
    """Refuse, in one line naming ``file``, an item whose ``key`` is not a regular expression."""
    for i, item in enumerate(items):
        pattern = item.get(key) if isinstance(item, dict) else None
        if pattern is None:
            continue
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise CrmgraphError(f"{file}: item {i + 1}: {key} {str(pattern)[:60]!r} is not a valid regular expression "
                                f"({exc})") from None


def _numbers_check(file: Path, items, keys: tuple[str, ...]) -> None:
    """Refuse, in one line naming ``file``, an item whose value for one of ``keys`` is not a number."""
    for i, item in enumerate(items):
        for key in keys:
            value = item.get(key) if isinstance(item, dict) else None
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
                raise CrmgraphError(f"{file}: item {i + 1}: {key} {str(value)[:60]!r} is not a number")


def _truth_value_in_list(data, where: str = "") -> str | None:
    """Where a list of the lexicon holds true or false: a word such as "on" that YAML did not read as a word
    (the lexicon's lists hold words and patterns; its flags are values of keys, not list items)."""
    if isinstance(data, dict):
        for key, value in data.items():
            found = _truth_value_in_list(value, f"{where}.{key}" if where else str(key))
            if found is not None:
                return found
    elif isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, bool):
                return f"{where or 'list'}[{i}] is {str(item).lower()}"
            found = _truth_value_in_list(item, f"{where}[{i}]")
            if found is not None:
                return found
    return None


@lru_cache(maxsize=2)
def load_lexicon(folder: str | None = None) -> Lexicon:
    """Read the word lists and relation rules of ``lexicon/`` (cached).

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.heads["University"]
    'ResearchInstitute'
    """
    path = Path(folder) if folder else _folder("lexicon")
    if path is None:
        raise CrmgraphError("the lexicon folder is missing from this installation")

    def read(name: str):
        file = path / name
        if not file.exists():
            raise CrmgraphError(f"{file}: the lexicon file is missing")
        return _words_only(file, _yaml(file) or {})

    titles, heads, speech = read("titles.yaml"), read("heads.yaml"), read("speech.yaml")
    hedges, backrefs, relations = read("hedges.yaml"), read("backrefs.yaml"), read("relations.yaml")
    agreements, cues, tables = read("agreements.yaml"), read("cues.yaml"), read("tables.yaml")
    # the patterns an expert writes are compiled where they are used; a broken one is named here, in one line
    _patterns_compile(path / "relations.yaml", relations or [], "trigger")
    _patterns_compile(path / "relations.yaml", relations or [], "subject_gap")
    _numbers_check(path / "relations.yaml", relations or [], ("confidence", "object_within", "max_subjects"))
    _patterns_compile(path / "tables.yaml", tables.get("columns") or [], "header")
    stakes = tables.get("stakes") if isinstance(tables.get("stakes"), dict) else {}
    _patterns_compile(path / "tables.yaml", [stakes], "share")
    _patterns_compile(path / "tables.yaml", [stakes], "partner")
    if stakes.get("share") and "holder" not in re.compile(str(stakes["share"])).groupindex:
        raise CrmgraphError(f"{path / 'tables.yaml'}: stakes: share has no group (?P<holder>…) for the holder's words")
    _patterns_compile(path / "cues.yaml", cues.get("before") or [], "cue")
    group_sizes = _group_refs(backrefs)
    # the longer first, as the phrases are tried in order: "the heads of state and government" before "the heads of state"
    leader_groups = sorted({str(p).lower() for p in backrefs.get("leaders") or []}, key=len, reverse=True)
    return Lexicon(
        titles={str(k): str(v) for k, v in (titles.get("titles") or {}).items()},
        roles=frozenset(titles.get("roles") or []),
        heads={str(k): str(v) for k, v in (heads.get("heads") or {}).items()},
        leading={str(k): str(v) for k, v in (heads.get("leading") or {}).items()},
        connectors=frozenset(heads.get("connectors") or []),
        stopwords=frozenset(heads.get("stopwords") or []),
        speech_verbs=frozenset(speech.get("verbs") or []),
        according=list(speech.get("according") or []),
        quotes=dict(speech.get("quotes") or {}),
        min_quote_words=int(speech.get("min_words") or 6),
        mouthpieces=frozenset(str(w).lower() for w in speech.get("mouthpieces") or []),
        reporting_verbs=frozenset(str(w) for w in speech.get("reporting") or []),
        clause_speech_verbs=frozenset(str(w) for w in speech.get("clause_speech") or []),
        speaking_occasions=tuple(str(w) for w in speech.get("occasions") or []),
        directives=tuple(str(w) for w in speech.get("directives") or []),
        hedges=frozenset(str(w).lower() for w in hedges.get("hedges") or []),
        negations=frozenset(str(w).lower() for w in hedges.get("negations") or []),
        verb_hedges=frozenset(str(w).lower() for w in hedges.get("verb_hedges") or []),
        verb_negations=frozenset(str(w).lower() for w in hedges.get("verb_negations") or []),
        retractions=frozenset(str(w).lower() for w in hedges.get("retractions") or []),
        unmade=frozenset(str(w).lower() for w in hedges.get("unmade") or []),
        future_events=frozenset(str(w).lower() for w in hedges.get("future_events") or []),
        ended_until=frozenset(str(w).lower() for w in hedges.get("ended_until") or []),
        ended_before_verb=frozenset(str(w).lower() for w in hedges.get("ended_before_verb") or []),
        hearsay_sources=frozenset(str(w).lower() for w in hedges.get("hearsay_sources") or []),
        hearsay_verbs=frozenset(str(w).lower() for w in hedges.get("hearsay_verbs") or []),
        backrefs={str(k).lower(): frozenset(v) for k, v in (backrefs.get("single") or {}).items()},
        pair_refs=[str(p).lower() for p in backrefs.get("pair") or []] + list(group_sizes) + leader_groups,
        group_sizes=group_sizes,
        leader_groups=frozenset(leader_groups),
        relations=list(relations or []),
        agreement_words=[str(w) for w in agreements.get("generic") or []],
        ordinals=frozenset(str(w).lower() for w in agreements.get("ordinals") or []),
        dates=read("dates.yaml"),
        tables=tables,
        cues=cues,
        introduced={str(k).lower(): str(v) for k, v in (agreements.get("introduced") or {}).items()},
        signing_verbs=[str(w) for w in agreements.get("signing_verbs") or []],
        introduced_modifiers=[str(w) for w in agreements.get("introduced_modifiers") or []],
        verb_homographs=frozenset(str(w) for w in heads.get("verb_homographs") or []),
        state_bound=frozenset(str(w) for w in heads.get("state_bound") or []),
        legal_forms=frozenset(str(w) for w in heads.get("legal_forms") or []),
        designations=frozenset(str(w) for w in heads.get("designations") or []),
        honorifics=frozenset(str(w) for w in titles.get("honorifics") or []),
        name_particles=frozenset(str(w) for w in titles.get("name_particles") or []),
        not_person_first=frozenset(str(w) for w in titles.get("not_person_first") or []),
    )
