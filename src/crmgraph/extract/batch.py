"""Running the extractor over many texts, on all cores, with a progress callback.

Examples
--------
>>> from crmgraph.corpus import Document
>>> docs = [Document.from_text(f"d{i}", "Kazakhstan has reserves of uranium.") for i in range(3)]
>>> [len(a.relations) for a in propose_many(docs, workers=1)]
[1, 1, 1]
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from crmgraph.annotations import Annotation, dump_annotation
from crmgraph.corpus import Document, load_document
from crmgraph.errors import CrmgraphError

#: Below this many documents the extractor runs in the calling process.
PARALLEL_FROM = 8
_MIN_CONFIDENCE = 0.0


def _init(min_confidence: float) -> None:
    global _MIN_CONFIDENCE
    _MIN_CONFIDENCE = min_confidence
    from crmgraph.extract.gazetteer import load_gazetteer, load_lexicon

    load_gazetteer()
    load_lexicon()


def _one(document: Document) -> Annotation:
    from crmgraph.extract import extract

    return extract(document, min_confidence=_MIN_CONFIDENCE)


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def propose_many(documents: list[Document], *, min_confidence: float = 0.0, workers: int | None = None,
                 progress: Callable[[int], None] | None = None) -> list[Annotation]:
    """Proposals for every document, in order; ``progress(n)`` is called as ``n`` more are done.

    Uses a pool of ``workers`` processes (all cores by default) from :data:`PARALLEL_FROM` documents on.
    """
    workers = workers or default_workers()
    if workers <= 1 or len(documents) < PARALLEL_FROM:
        _init(min_confidence)
        out = []
        for document in documents:
            out.append(_one(document))
            if progress:
                progress(1)
        return out
    import multiprocessing

    _init(min_confidence)  # load once before forking, so workers share the index
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - no fork
        context = multiprocessing.get_context()
    chunk = max(1, min(32, len(documents) // (workers * 4) or 1))
    out = []
    with context.Pool(workers, initializer=_init, initargs=(min_confidence,)) as pool:
        for annotation in pool.imap(_one, documents, chunksize=chunk):
            out.append(annotation)
            if progress:
                progress(1)
    return out


def extract_files(paths: list[Path], out_dir: Path | None, *, min_confidence: float = 0.0,
                  workers: int | None = None, progress: Callable[[int], None] | None = None) -> list[tuple[Path, dict]]:
    """Extract every text and write its proposed annotation; returns (written path, counts) per text.

    Raises a one-line :class:`CrmgraphError` for a file that is missing, binary, not
    UTF-8 or empty, before anything is written.
    """
    from crmgraph.io import prepare_output_dir, write_files_atomically

    documents = [load_document(Path(p)) for p in paths]
    if out_dir is not None:
        prepare_output_dir(out_dir)
    annotations = propose_many(documents, min_confidence=min_confidence, workers=workers, progress=progress)
    files: dict[Path, bytes] = {}
    report = []
    for document, annotation in zip(documents, annotations):
        if out_dir is not None:
            target = Path(out_dir) / f"{document.id}.annotations.yaml"
        else:
            target = document.path.with_name(f"{document.id}.extracted.yaml")
        if target in files:
            raise CrmgraphError(f"{document.path}: another input has the same document id {document.id!r}")
        files[target] = dump_annotation(annotation).encode("utf-8")
        items = [*annotation.entities, *annotation.relations, *annotation.statements]
        report.append((target, {"entities": len(annotation.entities), "relations": len(annotation.relations),
                                "statements": len(annotation.statements),
                                "review": sum(1 for i in items if i.provenance.needs_review)}))
    write_files_atomically(files)
    return report
