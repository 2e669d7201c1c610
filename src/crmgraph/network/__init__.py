"""NetworkX projections of the knowledge graph and the measures analysts compute on them."""
