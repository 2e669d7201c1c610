"""Where the data files that ship with crmgraph live.

The ontology, shapes, gazetteer, named queries and default corpus are edited at the
top level of the repository and force-included into the wheel under
``crmgraph/_data``. An installed package finds them there; a checkout (or an
editable install) finds them at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_path(name: str) -> Path:
    """Return the folder of a shipped data set: ``ontology``, ``gazetteer``, ``lexicon``, ``queries`` or ``corpus``.

    Examples
    --------
    >>> (data_path("ontology") / "crmgraph.ttl").exists()
    True
    """
    installed = _PACKAGE_DIR / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"crmgraph data folder {name!r} is missing from this installation")


def ontology_file() -> Path:
    """The crmgraph ontology in Turtle."""
    return data_path("ontology") / "crmgraph.ttl"


def shapes_file() -> Path:
    """The SHACL shapes every built graph must pass."""
    return data_path("ontology") / "shapes.ttl"


def minerals_file() -> Path:
    """The SKOS vocabulary of minerals and the critical-mineral lists."""
    return data_path("ontology") / "minerals.ttl"


def default_corpus() -> Path:
    """The corpus that ``crmgraph build`` reads when none is given."""
    return data_path("corpus")
