"""From annotations to RDF: IRIs, provenance, deterministic serialisation and SHACL validation."""
