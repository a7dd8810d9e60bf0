"""A translation cache that outlives the process: one SQLite file, any number of runs.

It has the ``get``/``put`` interface of :class:`~translate.engine.decoding.LRUCache` (and is one,
for the translations of the current run), so the sentence translator uses it as it uses
the in-memory cache. Each stored translation is keyed by the sha256 of

* a *namespace*: the model revision (or, for a model without a known revision, its
  directory), the options digest and the resolved compute type, because each of these
  changes what the model outputs;
* the :class:`~translate.engine.decoding.Request` fields: the exact source sent to the model
  (glossary injections included), the forced prefix and the number of alternatives.

The glossary is not part of the key on purpose: a request already holds everything the
glossary changed in the source, so a run after a glossary edit reuses every sentence the
edit did not touch. Requests that ask for attention are never stored (attention is
large, and only a caller that asks for it uses it, at once).

Crash safety: WAL journal, writes grouped into transactions of ``flush_every`` entries
(or a few seconds); a killed run loses at most its last open transaction, never the
file. Several processes may share one file (e.g. Ray actors on one node).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path
from types import TracebackType
from typing import Any

from translate.engine.decoding import LRUCache, Request, SentenceTranslation
from translate.errors import ConfigError
from translate.models.directory import ModelDirectory
from translate.options import TranslationOptions

logger = logging.getLogger(__name__)

# 2 added the model's score (quality flags need it). A schema-1 file is emptied and
# upgraded in place: its rows have no score, and a hit without one would be flagged
# differently from a fresh run.
SCHEMA_VERSION = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS translations (
    key TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    tokens TEXT NOT NULL,
    alternatives TEXT NOT NULL,
    score REAL
) WITHOUT ROWID;
"""
_SELECT = "SELECT key, text, tokens, alternatives, score FROM translations WHERE key=?"


def cache_namespace(model: ModelDirectory, options: TranslationOptions) -> str:
    """What, besides the request, decides a translation of ``model`` with ``options``.

    Computed before the model is loaded, so the cache is complete when the translator
    takes it; the compute type is resolved the way the backend resolves it.
    """
    from translate.engine.backend import resolve_device

    revision = model.revision
    if revision == "unknown":
        # Without an archive checksum the directory is the only identity we have.
        revision = f"path:{Path(model.path).resolve()}"
    compute_type = options.resolved_compute_type(resolve_device(options.device))
    return json.dumps([revision, options.digest(), compute_type], ensure_ascii=False)


class TranslationCache(LRUCache):
    """Persistent translation cache in the SQLite file ``path`` (created when missing),
    its keys scoped to ``namespace`` (what the model and options are)::

        model = resolve_model(name)
        cache = TranslationCache(path, cache_namespace(model, options))
        translator = Translator(model, options, cache=cache)
    """

    def __init__(
        self,
        path: Path,
        namespace: str,
        *,
        memory_capacity: int = 50_000,
        flush_every: int = 256,
        flush_seconds: float = 5.0,
    ) -> None:
        super().__init__(memory_capacity)
        self.path = Path(path)
        self.namespace = namespace
        self.flush_every = flush_every
        self.flush_seconds = flush_seconds
        self.hits = 0
        self.misses = 0
        self._pending: dict[str, tuple[str, str, str, str, float | None]] = {}
        self._last_flush = time.monotonic()
        self._connection: sqlite3.Connection | None = self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(f"cannot open the cache file {self.path}: {exc}") from exc
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.executescript(_SCHEMA)
            # One writer at a time decides and upgrades: processes sharing the file
            # (Ray actors) may open it together.
            connection.execute("BEGIN IMMEDIATE")
            row = connection.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
            if row is None:
                connection.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,)
                )
            elif row[0] == "1":
                connection.execute("DELETE FROM translations")
                connection.execute("ALTER TABLE translations ADD COLUMN score REAL")
                connection.execute("UPDATE meta SET value=? WHERE name='schema'", (SCHEMA_VERSION,))
            connection.execute("COMMIT")
            if row is not None and row[0] not in ("1", SCHEMA_VERSION):
                raise ConfigError(
                    f"the cache file {self.path} has schema {row[0]}, this version uses "
                    f"{SCHEMA_VERSION}; delete it or give another --cache path"
                )
        except sqlite3.Error as exc:
            connection.close()
            raise ConfigError(
                f"{self.path} is not a usable translation cache ({exc}); "
                "delete it or give another --cache path"
            ) from exc
        except ConfigError:
            connection.close()
            raise
        return connection

    def key(self, request: Request) -> str:
        fields = [self.namespace, request.source, list(request.prefix), request.num_alternatives]
        if request.beam_size:  # keys of beam-size-default requests stay as they were
            fields.append(request.beam_size)
        blob = json.dumps(fields, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()

    def get(self, key: Request) -> SentenceTranslation | None:
        found = super().get(key)
        if found is not None or key.return_attention:
            return found
        digest = self.key(key)
        row = self._pending.get(digest)
        if row is None:
            row = self._db().execute(_SELECT, (digest,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        value = SentenceTranslation(
            source=key.source,
            text=row[1],
            tokens=tuple(json.loads(row[2])),
            alternatives=tuple(tuple(a) for a in json.loads(row[3])),
            score=row[4],
        )
        super().put(key, value)
        return value

    def put(self, key: Request, value: SentenceTranslation) -> None:
        super().put(key, value)
        if key.return_attention:
            return
        digest = self.key(key)
        self._pending[digest] = (
            digest,
            value.text,
            json.dumps(list(value.tokens), ensure_ascii=False),
            json.dumps([list(a) for a in value.alternatives], ensure_ascii=False),
            value.score,
        )
        if (
            len(self._pending) >= self.flush_every
            or time.monotonic() - self._last_flush >= self.flush_seconds
        ):
            self.flush()

    def flush(self) -> None:
        """Write pending translations in one transaction."""
        self._last_flush = time.monotonic()
        if not self._pending:
            return
        db = self._db()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)", self._pending.values()
            )
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            # A cache must never stop a translation run; the entries are just not kept.
            logger.warning("could not write to the cache %s: %s", self.path, exc)
        self._pending.clear()

    def stored(self) -> int:
        """How many translations the file holds (all namespaces)."""
        self.flush()
        count: int = self._db().execute("SELECT COUNT(*) FROM translations").fetchone()[0]
        return count

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            raise RuntimeError(f"the cache {self.path} is closed")
        return self._connection

    def close(self) -> None:
        if self._connection is None:
            return
        try:
            self.flush()
        finally:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        raise TypeError("a TranslationCache holds an open database; pass its path instead")
