"""Benchmark of the extractor: throughput per core, the gazetteer scan against a naive baseline, a parallel build.

Run from the repository root::

    .venv/bin/python benchmarks/bench_extract.py          # 10 MB corpus, 1,000-document build
    .venv/bin/python benchmarks/bench_extract.py --quick  # 1 MB, 100 documents
    .venv/bin/python benchmarks/bench_extract.py --python OTHER/bin/python  # and under another venv's Python

It generates a corpus of sentences in the style of the test texts (names drawn
from the gazetteer, so nothing is special-cased) and prints, as medians of
repeated runs:

1. extraction throughput (characters per second on one core) of the whole
   extractor on the generated corpus (at least 10 MB), in dated documents of ~10 kB:
   the extractor as its sources run (an editable install) and compiled as a wheel
   installs it (``hatch_build.py``), measured alternately in the same run, each
   in a fresh process on text it has not seen, after a first use that builds the
   rule index and patterns (printed apart, as loading is); then the same on the repository's
   coded texts (``corpus/`` and ``tests/texts/``: real prose, short documents,
   dense in names), which are too few for a target but tell what a user's own
   documents cost. With ``--python``, the compiled extractor is measured under another
   interpreter too, compiled by it, in the same alternation: how a Python is built
   (profile-guided and link-time optimisation) moves every figure, as the code does;
2. the gazetteer scan alone (token index) against a naive baseline measured in the
   same run: one compiled regular expression per gazetteer name, each scanned over
   the text;
3. a build (``build_graph``, extractor on all cores, SHACL validation excluded) of
   1,000 generated documents, and the same proposals on one core for comparison.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
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


def document_date(i: int) -> str:
    """The date of the ``i``-th generated document, after every year the templates name.

    Real documents carry a date (their metadata), and a dated document's year-less sentences are read for dates
    relative to it ("last month"): the generated ones are dated too, so that the benchmark runs that reading.
    """
    return f"2026-{i % 12 + 1:02d}-{i % 28 + 1:02d}"


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


def reference_seconds(repeat: int = 5) -> float:
    """CPU seconds of a fixed pure-Python workload (strings, dicts, sorting): how fast this machine is now.

    A shared 2-core machine ran the same extraction at 0.53 and at 0.88 MB/s an hour apart; this figure,
    printed beside the others, tells two runs' machines apart, and the ratios within one run stand either way.
    """
    def work():
        words = [f"w{i * 7919 % 100_003}" for i in range(200_000)]
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        return sorted(counts, key=counts.__getitem__)

    return median_time(work, repeat, clock=time.process_time)


def median_time(fn, repeat: int, clock=time.perf_counter) -> float:
    """Median of ``repeat`` timings of ``fn()`` by ``clock`` (wall-clock by default)."""
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times)


#: what each process extracts first, untimed for throughput: the extractor builds its rule index and most of its
#: patterns at first use (tens of milliseconds, once per process, as loading the gazetteer is), not per character
FIRST_USE = ("On 12 May 2024 the European Commission signed a memorandum of understanding on lithium with "
             "Kazakhstan, President Tokayev said.")


def first_use_seconds() -> float:
    """Load the gazetteer and lexicon, then extract :data:`FIRST_USE`; the CPU seconds of that extraction."""
    from crmgraph.corpus import Document
    from crmgraph.extract import extract
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon

    load_gazetteer(), load_lexicon()
    c0 = time.process_time()
    extract(Document.from_text("first-use", FIRST_USE, date="2024-06-01"))
    return time.process_time() - c0


def extraction_seconds(size: int, seed: int) -> tuple[float, float, float]:
    """Wall-clock and CPU seconds to extract a generated corpus of ``size`` characters, in ~10 kB documents, and
    the CPU seconds of the first use before it (:func:`first_use_seconds`, not counted in the others).

    Runs in whatever ``crmgraph`` this process imports. The extractor remembers a few things per sentence
    text (dates, word sets): each call should see text this process has not seen, or it measures those
    memories rather than extraction. CPU time is immune to other processes.
    """
    from crmgraph.corpus import Document
    from crmgraph.extract import extract

    first = first_use_seconds()
    documents = [Document.from_text(f"bench-{i}", t, date=document_date(i))
                 for i, t in enumerate(split_documents(generate(size, seed), 10_000))]
    t0, c0 = time.perf_counter(), time.process_time()
    for d in documents:
        extract(d)
    return time.perf_counter() - t0, time.process_time() - c0, first


def coded_texts_seconds() -> tuple[int, float, float]:
    """Characters, wall-clock and CPU seconds to extract the repository's coded texts once (as a user's documents:
    with their metadata), in whatever ``crmgraph`` this process imports."""
    from crmgraph.corpus import load_document
    from crmgraph.extract import extract

    root = Path(__file__).resolve().parent.parent
    first_use_seconds()
    documents = [load_document(p) for p in sorted([*root.glob("corpus/*.txt"), *root.glob("tests/texts/*.txt")])]
    t0, c0 = time.perf_counter(), time.process_time()
    for d in documents:
        extract(d)
    return sum(len(d.text) for d in documents), time.perf_counter() - t0, time.process_time() - c0


def compiled_site(root: Path, into: Path) -> Path | None:
    """A copy of the package with the modules the wheel compiles compiled, as ``pip install .`` lays it out.

    None (and a line saying why) when this environment cannot compile (``pip install -e '.[test]'``
    brings mypy, which has mypyc, and setuptools; a C compiler is needed too).
    """
    import tomllib

    sys.path.insert(0, str(root))
    try:
        from hatch_build import compile_modules, configured_sources

        wheel = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]["wheel"]
        hook = wheel["hooks"]["custom"]
        into.mkdir(parents=True, exist_ok=True)
        log = (into / "compile.log").open("w")
        saved = os.dup(1), os.dup(2)
        os.dup2(log.fileno(), 1), os.dup2(log.fileno(), 2)  # the compiler's warnings go to the log, not the figures
        try:
            built = compile_modules(root, configured_sources(root, hook["compile"]), into / "build")
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            log.close()
    except Exception as exc:
        print(f"   (compiled extractor not measured: {type(exc).__name__}: {exc})")
        return None
    finally:
        sys.path.remove(str(root))
    site = into / "site"
    shutil.copytree(root / "src" / "crmgraph", site / "crmgraph", ignore=shutil.ignore_patterns("__pycache__"))
    for source, target in wheel["force-include"].items():  # the data folders, where the wheel puts them
        shutil.copytree(root / source, site / target)
    for name, path in built.items():
        shutil.copy2(path, site.joinpath(*name.split(".")[:-1]) / path.name)
    return site


def compiled_site_under(python: str, root: Path, into: Path) -> Path:
    """:func:`compiled_site`, compiled by another Python for itself (its headers, its compiler flags); the run ends
    with a line saying why when it cannot (the Python was asked for by name)."""
    import subprocess

    code = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); import bench_extract as b; "
            "print(b.compiled_site(Path(sys.argv[2]), Path(sys.argv[3])))")
    try:
        result = subprocess.run([python, "-c", code, str(Path(__file__).resolve().parent), str(root), str(into)],
                                capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""})
    except OSError as exc:
        sys.exit(f"bench_extract.py: --python: {python}: {exc.strerror}")
    lines = result.stdout.strip().splitlines()
    if result.returncode == 0 and lines and lines[-1] != "None":
        return Path(lines[-1])
    # (compiled_site's line saying why, or the error that ended the process)
    said = lines[-2:-1] if result.returncode == 0 else result.stderr.strip().splitlines()[-1:]
    reason = (said or ["it gave no reason"])[0].strip(" ()").removeprefix("compiled extractor not measured: ")
    sys.exit(f"bench_extract.py: --python: {python} cannot compile the extractor: {reason}")


def bench_throughput(size: int, seeds: list[int], variants: dict[str, Path],
                     call: str = "extraction_seconds({size}, {seed})",
                     pythons: dict[str, str] | None = None) -> dict[str, list[tuple[float, ...]]]:
    """Per variant (name -> directory its ``crmgraph`` is imported from), the figures ``call`` returns in each run
    (for the generated corpus: wall-clock and CPU seconds). A variant named in ``pythons`` runs under that
    interpreter, the others under this one.

    Every run is a fresh process (on a corpus of its own seed); the variants take turns, in alternating
    order, so that a machine that speeds up or slows down during the benchmark favours neither.
    """
    import json
    import subprocess

    runs: dict[str, list[tuple[float, ...]]] = {name: [] for name in variants}
    for i, seed in enumerate(seeds):
        order = list(variants.items())
        for name, site in (order if i % 2 == 0 else order[::-1]):
            code = ("import json, sys; sys.path[:0] = sys.argv[1:3]; import bench_extract as b; "
                    f"print(json.dumps(b.{call.format(size=size, seed=seed)}))")
            python = (pythons or {}).get(name, sys.executable)
            result = subprocess.run([python, "-c", code, str(site), str(Path(__file__).resolve().parent)],
                                    capture_output=True, text=True, check=True, env={**os.environ, "PYTHONPATH": ""})
            runs[name].append(tuple(json.loads(result.stdout.splitlines()[-1])))
    return runs


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

    documents = [Document.from_text(f"bench-{i:04d}", t, date=document_date(i)) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    if workers == 1:
        load_annotations(documents, load_ontology(), [], True, workers=1)
        return time.perf_counter() - t0, 0
    kg = build_graph(documents)
    return time.perf_counter() - t0, len(kg.triples())


def _tag(variant: str, pythons: dict[str, str]) -> str:
    """A variant's short name: "sources", "compiled", "compiled under PATH"."""
    return f"compiled under {pythons[variant]}" if variant in pythons else variant.split()[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB corpus and 100 documents")
    parser.add_argument("--repeat", type=int, default=3, help="throughput runs per variant (default 3)")
    parser.add_argument("--pure", action="store_true", help="measure the extractor as its sources run, not compiled")
    parser.add_argument("--python", action="append", default=[], metavar="PATH",
                        help="also measure the compiled extractor under this Python 3 (its environment needs "
                             "the package's dependencies and mypy, as `pip install -e '.[test]'` gives); repeatable")
    args = parser.parse_args(argv)
    if args.python and args.pure:
        sys.exit("bench_extract.py: --python: it measures the compiled extractor, which --pure leaves out")
    for python in args.python:
        if shutil.which(python) is None:
            sys.exit(f"bench_extract.py: --python: {python!r} is no program this machine can run")
    size = 1_000_000 if args.quick else 10_500_000
    n_docs = 100 if args.quick else 1000
    from crmgraph.extract.batch import default_workers
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon

    t0 = time.perf_counter()
    load_gazetteer(), load_lexicon()
    print(f"gazetteer and lexicon loaded in {time.perf_counter() - t0:.2f} s; this machine's speed now: a fixed "
          f"pure-Python workload takes {reference_seconds() * 1000:.0f} ms of CPU (lower is faster)")
    text = generate(size)
    texts = split_documents(text, 10_000)
    print(f"corpus: {len(text) / 1e6:.1f} MB in {len(texts)} documents; {default_workers()} core(s)")
    # the interpreter is part of the figure: how it was built (profile-guided and link-time optimisation, a static
    # or a shared libpython) differs between machines, and its pure-Python speed moves the reference workload too
    print(f"Python {platform.python_version()} ({sys.executable}, built {platform.python_build()[1]})")
    repeat = max(1, args.repeat)
    root = Path(__file__).resolve().parent.parent
    variants = {"sources (editable install)": root / "src"}
    pythons: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.pure:
            print("compiling the extractor as a wheel does ...", flush=True)
            # (under the other Pythons first: one that cannot compile ends the run before its long part)
            others = {python: compiled_site_under(python, root, Path(tmp) / f"python-{i}")
                      for i, python in enumerate(args.python)}
            site = compiled_site(root, Path(tmp) / "here")
            if site is not None:
                variants["compiled (wheel install)"] = site
            for python, other in others.items():
                name = f"compiled, under {python}"
                variants[name], pythons[name] = other, python
        runs = bench_throughput(size, [7 + run for run in range(repeat)], variants, pythons=pythons)
        coded = bench_throughput(size, list(range(repeat)), variants, "coded_texts_seconds()", pythons)
    print(f"1. extraction on one core, {len(text) / 1e6:.1f} MB per run, median of {repeat} run(s) each on unseen text"
          f"  [target >= 1 MB/s/core]:")
    base = compiled = None
    for name, times in runs.items():
        wall, cpu = statistics.median(t for t, _, _ in times), statistics.median(c for _, c, _ in times)
        ratio = "" if base is None else f"  -> {base / wall:.2f}x the sources"
        if name in pythons and compiled is not None:
            ratio += f", {compiled / wall:.2f}x compiled under this Python"
        print(f"   {name:27s} {len(text) / wall / 1e6:.2f} MB/s ({len(text) / wall:,.0f} characters/s, {wall:.1f} s); "
              f"by CPU time {len(text) / cpu / 1e6:.2f} MB/s{ratio}")
        base = wall if base is None else base
        if name == "compiled (wheel install)":
            compiled = wall
    print("   (not counted: each process's first use, building the rule index and patterns: "
          + ", ".join(f"{statistics.median(f for _, _, f in times) * 1000:.0f} ms {_tag(name, pythons)}"
                      for name, times in runs.items()) + ")")
    for name, figures in coded.items():
        chars = figures[0][0]
        wall, cpu = statistics.median(t for _, t, _ in figures), statistics.median(c for _, _, c in figures)
        print(f"   the same on the {chars / 1000:.0f} kB of coded texts ({_tag(name, pythons)}): "
              f"{chars / wall / 1e6:.2f} MB/s; by CPU time {chars / cpu / 1e6:.2f} MB/s")
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
