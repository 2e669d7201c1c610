"""Benchmark of the extractor: throughput per core, the gazetteer scan against a naive baseline, a parallel build.

Run from the repository root::

    .venv/bin/python benchmarks/bench_extract.py          # 10 MB corpus, 1,000-document build
    .venv/bin/python benchmarks/bench_extract.py --quick  # 1 MB, 100 documents

It generates a corpus of sentences in the style of the test texts (names drawn
from the gazetteer, so nothing is special-cased) and prints, as medians of
repeated runs:

1. extraction throughput (characters per second on one core) of the whole
   extractor on the generated corpus (at least 10 MB), in documents of ~10 kB;
2. the gazetteer scan alone (token index) against a naive baseline measured in the
   same run: one compiled regular expression per gazetteer name, each scanned over
   the text;
3. a build (``build_graph``, extractor on all cores, SHACL validation excluded) of
   1,000 generated documents, and the same proposals on one core for comparison.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

TEMPLATES = [
    "{state} has reserves of {mineral}, {mineral2} and {mineral3}.",
    "{state} is the world’s largest producer of {mineral}.",
    "{leader_title} {person} met {state2} officials in {place} in {month} {year}.",
    "The {org} signed a memorandum of understanding on critical raw materials with {state} on {day} {month} {year}.",
    "{state} and {state2} agreed to cooperate on {mineral} and supply chains.",
    "“We will help {state2} diversify its supply of critical raw materials and build a green economy,” said {person}.",
    "{company} owns a majority stake in a {mineral} mine in {state}.",
    "{state2} is the main trade partner of {state} in critical minerals.",
    "The {name} Mining Company ({abbr}) opened an office in {place}; the company may invest in {state}.",
    "Analysts say {state} could become a reliable supplier of {mineral} to the {org}.",
]
MONTHS = "January February March April May June July August September October November December".split()


def _pool():
    from crmgraph.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    by_type: dict[str, list[str]] = {}
    for entry in gaz.entries.values():
        by_type.setdefault(entry.type or "", []).append(entry.label)
    return {k: sorted(v) for k, v in by_type.items()}


def generate(size: int, seed: int = 7) -> str:
    """About ``size`` characters of generated text, paragraphs of a few sentences."""
    rng = random.Random(seed)
    pool = _pool()
    pick = lambda kind: rng.choice(pool.get(kind) or ["Kazakhstan"])  # noqa: E731
    parts, total = [], 0
    while total < size:
        sentences = []
        for _ in range(rng.randint(3, 6)):
            s = rng.choice(TEMPLATES).format(
                state=pick("State"), state2=pick("State"), mineral=pick("Mineral"), mineral2=pick("Mineral"),
                mineral3=pick("Mineral"), leader_title="President", person=pick("Leader"), place=pick("Place"),
                month=rng.choice(MONTHS), year=rng.randint(2015, 2025), day=rng.randint(1, 28),
                org=pick("IntergovernmentalOrganisation"), company=pick("Company"),
                name=rng.choice(["Steppe", "Altai", "Pamir", "Aral", "Tien Shan"]), abbr=rng.choice(["SMC", "AMC", "PMC"]))
            sentences.append(s)
        paragraph = " ".join(sentences) + "\n"
        parts.append(paragraph)
        total += len(paragraph)
    return "".join(parts)


def split_documents(text: str, size: int) -> list[str]:
    docs, current, length = [], [], 0
    for line in text.splitlines(keepends=True):
        current.append(line)
        length += len(line)
        if length >= size:
            docs.append("".join(current))
            current, length = [], 0
    if current:
        docs.append("".join(current))
    return docs


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def bench_throughput(corpora: list[list[str]]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of extracting every text of a corpus, one run per corpus.

    Each run reads a corpus it has not seen (generated with another seed): the extractor remembers a few
    things per sentence text (dates, word sets), and running the same documents again would measure those
    memories rather than extraction. CPU time is immune to other processes.
    """
    from crmgraph.corpus import Document
    from crmgraph.extract import extract

    runs = iter(corpora)
    cpu: list[float] = []

    def run():
        documents = [Document.from_text(f"bench-{i}", t) for i, t in enumerate(next(runs))]
        c0 = time.process_time()
        for d in documents:
            extract(d)
        cpu.append(time.process_time() - c0)

    return median_time(run, len(corpora)), statistics.median(cpu)


def bench_scan(text: str, repeat: int) -> tuple[float, float, int]:
    """The token-index scan against one regular expression per name (the naive baseline)."""
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon
    from crmgraph.extract.recognise import Recognition, scan_gazetteer, token_list

    gaz, lex = load_gazetteer(), load_lexicon()

    def indexed():
        rec = Recognition(text, gaz, lex)
        scan_gazetteer(rec, token_list(text))
        return len(rec.mentions)

    names = sorted({" ".join(n.tokens) for bucket in gaz.index.values() for n in bucket})
    forms = sorted({form for e in gaz.entries.values() for form in [e.label, *e.aliases, *e.demonyms] if form})
    patterns = [re.compile(r"(?<!\w)" + re.escape(f) + r"(?!\w)") for f in forms]

    def naive():
        found = 0
        for p in patterns:
            found += sum(1 for _ in p.finditer(text))
        return found

    t_index = median_time(indexed, repeat)
    t_naive = median_time(naive, max(1, repeat // 2))
    return t_index, t_naive, len(names)


def bench_build(texts: list[str], workers: int | None) -> tuple[float, int]:
    from crmgraph.corpus import Document
    from crmgraph.ontology import load_ontology
    from crmgraph.rdf.build import build_graph, load_annotations

    documents = [Document.from_text(f"bench-{i:04d}", t) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    if workers == 1:
        load_annotations(documents, load_ontology(), [], True, workers=1)
        return time.perf_counter() - t0, 0
    kg = build_graph(documents)
    return time.perf_counter() - t0, len(kg.triples())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus and 100 documents")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    size = 1_000_000 if args.quick else 10_500_000
    n_docs = 100 if args.quick else 1000
    from crmgraph.extract.batch import default_workers
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon

    t0 = time.perf_counter()
    load_gazetteer(), load_lexicon()
    print(f"gazetteer and lexicon loaded in {time.perf_counter() - t0:.2f} s")
    text = generate(size)
    texts = split_documents(text, 10_000)
    print(f"corpus: {len(text) / 1e6:.1f} MB in {len(texts)} documents; {default_workers()} core(s)")
    repeat = max(1, args.repeat if args.quick else 1)
    corpora = [texts] + [split_documents(generate(size, seed=7 + run), 10_000) for run in range(1, repeat)]
    t, cpu = bench_throughput(corpora)
    print(f"1. extraction, one core: {len(text) / t / 1e6:.2f} MB/s ({len(text) / t:,.0f} characters/s), "
          f"median of {repeat} run(s) of {t:.1f} s, each on unseen text; by CPU time {len(text) / cpu / 1e6:.2f} MB/s"
          f"  [target >= 1 MB/s/core]")
    sample = text[:2_000_000]
    t_index, t_naive, n_names = bench_scan(sample, 3)
    print(f"2. gazetteer scan of {len(sample) / 1e6:.1f} MB, {n_names} names: token index {len(sample) / t_index / 1e6:.2f} MB/s, "
          f"naive regex per name {len(sample) / t_naive / 1e6:.3f} MB/s -> {t_naive / t_index:.0f}x faster (medians)")
    build_texts = [generate(3_000, seed=i) for i in range(n_docs)]
    t_all, n_triples = bench_build(build_texts, None)
    t_one, _ = bench_build(build_texts, 1)
    chars = sum(len(x) for x in build_texts)
    print(f"3. build of {n_docs} generated documents ({chars / 1e6:.1f} MB) on all {default_workers()} cores: {t_all:.1f} s, "
          f"{n_triples:,} triples (SHACL validation not included); proposals alone on one core: {t_one:.1f} s")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    raise SystemExit(main())
