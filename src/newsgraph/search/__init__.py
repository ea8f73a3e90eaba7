"""Full-text search: the index beside the store, and keeping it in step with the store."""
