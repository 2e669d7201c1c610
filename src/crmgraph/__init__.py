"""crmgraph: knowledge graphs of the actors and relationships in texts on critical raw materials.

The pipeline, one module per stage, data flowing one way::

    corpus  ->  annotations / extract  ->  rdf (build, validate)  ->  sparql / store
            ->  network (projections, measures)  ->  views (HTML)

Every command of the ``crmgraph`` CLI is a thin wrapper over a function of these
modules, so a notebook can call the same code directly.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
