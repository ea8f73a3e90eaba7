"""SPARQL as text: its tokens, values bound into a query's text, and result formats."""
