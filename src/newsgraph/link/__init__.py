"""Link across articles: one name per person (registry, renames) and the claims that
several articles report."""
