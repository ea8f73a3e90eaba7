"""Ingest articles into the store: in this machine's processes (:mod:`~newsgraph.ingest.local`)
or on a Dask cluster (:mod:`~newsgraph.ingest.distributed`, in chunks)."""
