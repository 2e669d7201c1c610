"""Instructions the compiled extractor executes per kB of text, counted by valgrind: a figure that does not vary.

Run from the repository root (needs valgrind, the Debian package ``valgrind``)::

    .venv/bin/python benchmarks/instructions.py                  # this tree, 200 kB of generated text
    .venv/bin/python benchmarks/instructions.py --against main   # and another commit, on the same text

On a shared machine the wall-clock figures of ``bench_extract.py`` move by a fifth from one hour to the next,
more than most single changes to the extractor gain or lose. The number of instructions the extractor runs on a
given text does not move: it is counted (callgrind) over ``--chars`` of the benchmark's generated text, in dated
documents of ~10 kB, after two documents of warm-up (loading the gazetteer, building the rule index and
patterns), with the hash seed fixed (with a random one the order of sets and dicts of strings changes between
processes, and two counts of the same code differed by 0.3%). It is no time (a cache miss costs more than an
instruction), but a change that runs fewer instructions on the same text is faster on it, and the count tells by how
much to a tenth of a percent.

It prints the count per kB for each tree, their ratio, and the functions of the extractor that run the most
instructions (with what they call), so that the next change can aim at them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_extract  # noqa: E402  (the same generated corpus and the same compiled layout)

#: run under valgrind: extract the documents, counting only after the first two
CHILD = """
import os, subprocess, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import bench_extract as b
from crmgraph.corpus import Document
from crmgraph.extract import extract
import crmgraph.extract as x
assert x.__file__.endswith(".so"), "the extractor is not compiled: " + x.__file__
text = open(sys.argv[3], encoding="utf-8").read()
docs = [Document.from_text(f"d{i}", t, date=b.document_date(i)) for i, t in enumerate(b.split_documents(text, 10_000))]
extract(docs[0]), extract(docs[1])
subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], stdout=subprocess.DEVNULL, check=True)
for d in docs[2:]:
    extract(d)
subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], stdout=subprocess.DEVNULL, check=True)
print(sum(len(d.text) for d in docs[2:]))
"""


def count(site: Path, corpus: Path, out: Path) -> tuple[int, int]:
    """(instructions, characters) of extracting ``corpus`` with the package at ``site``; the profile goes to ``out``."""
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}", sys.executable,
         "-c", CHILD, str(site), str(HERE), str(corpus)],
        # (a fixed hash seed: with the seed random, as by default, the order of sets and dicts of strings changes from
        # one process to the next, and with it the count, by up to 0.3%)
        capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": "", "PYTHONHASHSEED": "0"})
    collected = re.search(r"Collected : (\d+)", result.stderr)
    if collected is None:
        raise RuntimeError("valgrind printed no count:\n" + result.stderr[-2000:])
    return int(collected.group(1)), int(result.stdout.split()[-1])


def hottest(profile: Path, top: int) -> list[str]:
    """The extractor's functions with the most instructions, themselves and what they call (inclusive)."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(profile)],
                          capture_output=True, text=True, check=True).stdout
    total = int(re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", text).group(1).replace(",", ""))
    rows = []
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+) \([\d. ]+%\)\s+\S*CPyDef_(\w+)", line)
        if m and not m.group(2).endswith("extract"):
            name = m.group(2).replace("___", ".")
            rows.append(f"   {100 * int(m.group(1).replace(',', '')) / total:5.1f}%  {name}")
    return rows[:top]


def tree_at(commit: str, into: Path) -> Path:
    """A checkout of ``commit`` of this repository (a git worktree, removed at exit by the caller's temporary dir)."""
    root = HERE.parent
    subprocess.run(["git", "-C", str(root), "worktree", "add", "--detach", "-q", str(into), commit], check=True)
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=200_000, help="characters of generated text (default 200,000)")
    parser.add_argument("--against", metavar="COMMIT", help="also count a commit of this repository, on the same text")
    parser.add_argument("--top", type=int, default=25, help="how many functions to list (default 25)")
    args = parser.parse_args()
    if args.chars < 20_000:
        sys.exit("instructions.py: --chars: at least 20,000 characters, so that documents follow the two of warm-up")
    if args.top < 1:
        sys.exit("instructions.py: --top: at least 1")
    if args.against and subprocess.run(["git", "-C", str(HERE.parent), "rev-parse", "--verify", "--quiet",
                                        f"{args.against}^{{commit}}"], capture_output=True).returncode != 0:
        sys.exit(f"instructions.py: --against: {args.against!r} is no commit of this repository")
    if shutil.which("valgrind") is None or shutil.which("callgrind_control") is None:
        sys.exit("instructions.py: valgrind is not installed (Debian: apt install valgrind)")
    trees = {"this tree": HERE.parent}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            if args.against:
                trees[args.against] = tree_at(args.against, work / "against")
            corpus = work / "corpus.txt"
            # two documents of warm-up first, then the text counted
            corpus.write_text(bench_extract.generate(args.chars + 20_000), encoding="utf-8")
            per_kb = {}
            for name, root in trees.items():
                print(f"compiling {name} ...", flush=True)
                site = bench_extract.compiled_site(root, work / f"site-{len(per_kb)}")
                if site is None:
                    sys.exit(1)
                profile = work / f"callgrind-{len(per_kb)}.out"
                instructions, chars = count(site, corpus, profile)
                per_kb[name] = instructions / chars * 1000
                print(f"{name}: {instructions / 1e6:,.0f} M instructions for {chars:,} characters, "
                      f"{per_kb[name] / 1e6:.2f} M per kB")
                print("\n".join(hottest(profile, args.top)))
            if args.against:
                print(f"this tree runs {per_kb['this tree'] / per_kb[args.against]:.3f}x the instructions of "
                      f"{args.against} on the same text")
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(HERE.parent), "worktree", "remove", "--force", str(work / "against")],
                               capture_output=True)


if __name__ == "__main__":
    main()
