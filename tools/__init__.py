"""Build tooling for the site: lesson execution, notebooks, the MkDocs hook, benchmarks."""
