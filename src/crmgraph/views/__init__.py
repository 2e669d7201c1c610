"""Views of the knowledge graph for people: the interactive HTML network."""
