"""The batch job on a Ray cluster: ``translate files ... --engine ray [--ray-address ADDR]``.

How it works
    The driver (the machine running ``translate files``) plans the run, reads every
    document, cuts the units into the same chunks as the local engine, and writes
    every output itself, atomically. Ray actors only translate: each holds one loaded
    :class:`~translate.translator.Translator` (one CPU and one CTranslate2 thread per
    actor by default) and receives whole chunks, round robin, a couple in flight per
    actor. Results come back in chunk order. Because the chunks, the model and the
    options are the same, the output files are byte for byte those of the local engine.

Where models must be
    Every node that runs an actor loads the model itself: the model must be installed
    on every node at the same path (the same ``--models-dir`` or
    ``TRANSLATE_MODELS_DIR``, or ``--model /path/to/model``), or that path must be
    shared storage (NFS and the like) mounted at the same place everywhere. Nothing is
    downloaded on the nodes when ``--offline`` is given; without it a node missing the
    default model installs it into its own models folder on first use. The package
    ``arabic-translate-cli`` (with the ``ray`` extra) must be installed on every node.
    Glossaries are read on the driver and sent to the actors, so they need not exist
    on the nodes. Input and output files stay on the driver.

``--cache PATH``: each actor opens the SQLite cache at ``PATH`` on its own node. On a
single machine all actors share one file; on a cluster give a node-local path (each
node keeps its own cache) — never put the file on NFS, where SQLite locking is unsafe.

Without ``--ray-address`` a local Ray instance is started with ``local_cpus`` CPUs (2
by default) and stopped at the end; with an address (``auto``, ``ray://host:10001``,
``host:6379``) the existing cluster is used and left running.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from translate.engine.pipeline import LineResult
from translate.errors import ConfigError, TranslateError
from translate.files.engine import EngineSpec, LocalEngine

logger = logging.getLogger(__name__)

RAY_HINT = "pip install 'arabic-translate-cli[ray]'"


def import_ray() -> Any:
    """The ``ray`` module, or a :class:`ConfigError` saying how to install it."""
    try:
        import ray
    except ImportError as exc:
        raise ConfigError(
            f"--engine ray needs Ray, which is not installed here ({exc}); "
            f"install it with: {RAY_HINT}"
        ) from None
    return ray


class TranslatorActor:
    """Runs inside a Ray worker; made a Ray actor class by :class:`RayEngine`."""

    def __init__(self, spec: EngineSpec) -> None:
        # Ray reports an exception raised here without the exception itself; keep it
        # and raise it from ready(), whose task error carries it to the driver.
        self.error: TranslateError | None = None
        self._engine: LocalEngine | None = None
        try:
            self._engine = LocalEngine.open(spec)
        except TranslateError as exc:
            self.error = exc

    @property
    def engine(self) -> LocalEngine:
        if self._engine is None:
            raise self.error or RuntimeError("the translator failed to load")
        return self._engine

    def ready(self) -> float:
        return self.engine.load_seconds

    def count_sentences(self, documents: list[list[str]]) -> list[int]:
        return self.engine.count_sentences(documents)

    def translate(self, chunk: list[str]) -> list[LineResult]:
        return list(self.engine.translate_chunks([chunk]))

    def make_consistent(self, units: list[str], results: list[LineResult]) -> list[LineResult]:
        return self.engine.make_consistent(units, results)

    def decoded_sentences(self) -> int:
        return self.engine.decoded_sentences() or 0

    def signature(self) -> dict[str, Any]:
        return self.engine.signature()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()


class RayEngine:
    """The :class:`~translate.files.run.Engine` interface on Ray actors.

    ``actors`` defaults to the cluster's CPUs divided by ``cpus_per_actor``. A
    translator option ``threads=0`` becomes ``cpus_per_actor`` threads per actor, so
    actors on one node do not fight over cores.
    """

    # Chunks are what actors get, so they are smaller than the local engine's.
    chunk_units = 128

    def __init__(
        self,
        spec: EngineSpec,
        *,
        address: str | None = None,
        actors: int | None = None,
        cpus_per_actor: int = 1,
        local_cpus: int = 2,
        in_flight_per_actor: int = 2,
    ) -> None:
        ray = import_ray()
        self._ray = ray
        self._started_ray = False
        self._in_flight = max(1, in_flight_per_actor)
        if not ray.is_initialized():
            self._init(address, local_cpus)
        if spec.options.threads == 0:
            spec = replace(spec, options=spec.options.with_changes(threads=cpus_per_actor))
        self.options = spec.options
        self._documents = 0
        if actors is None:
            cpus = float(ray.cluster_resources().get("CPU", cpus_per_actor))
            actors = max(1, int(cpus // cpus_per_actor))
        remote_class = ray.remote(num_cpus=cpus_per_actor, max_restarts=0)(TranslatorActor)
        started = time.perf_counter()
        self._actors: list[Any] = [remote_class.remote(spec) for _ in range(actors)]
        try:
            self._get([actor.ready.remote() for actor in self._actors])
        except BaseException:
            self.close()
            raise
        self.load_seconds = time.perf_counter() - started
        logger.info("%d Ray actors ready in %.1fs", len(self._actors), self.load_seconds)

    def _init(self, address: str | None, local_cpus: int) -> None:
        ray = self._ray
        try:
            if address:
                ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
            else:
                ray.init(
                    num_cpus=local_cpus,
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                    # Only chunks of text travel; the default (30% of RAM) is far too much.
                    object_store_memory=256 * 1024 * 1024,
                )
                self._started_ray = True
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray instance"
            raise ConfigError(f"cannot start or reach {where}: {exc}") from exc

    def _get(self, refs: Any) -> Any:
        """``ray.get`` that re-raises a translate error from an actor as itself."""
        try:
            return self._ray.get(refs)
        except self._ray.exceptions.RayError as exc:
            cause = _translate_error_in(exc)
            if cause is not None:
                raise cause from None
            raise

    def count_sentences(self, documents: Sequence[Sequence[str]]) -> list[int]:
        if not documents:
            return []
        share = -(-len(documents) // len(self._actors))
        parts = [
            [list(units) for units in documents[start : start + share]]
            for start in range(0, len(documents), share)
        ]
        refs = [
            actor.count_sentences.remote(part) for actor, part in zip(self._actors, parts) if part
        ]
        return [count for counts in self._get(refs) for count in counts]

    def translate_chunks(self, chunks: Iterable[Sequence[str]]) -> Iterator[LineResult]:
        pending: deque[Any] = deque()
        limit = self._in_flight * len(self._actors)
        for index, chunk in enumerate(chunks):
            actor = self._actors[index % len(self._actors)]
            pending.append(actor.translate.remote(list(chunk)))
            if len(pending) >= limit:
                yield from self._get(pending.popleft())
        while pending:
            yield from self._get(pending.popleft())

    def make_consistent(
        self, units: Sequence[str], results: Sequence[LineResult]
    ) -> list[LineResult]:
        # Documents take turns over the actors; the outcome depends on the document only.
        actor = self._actors[self._documents % len(self._actors)]
        self._documents += 1
        done: list[LineResult] = self._get(actor.make_consistent.remote(list(units), list(results)))
        return done

    def watch_decoding(self, callback: Callable[[int], None] | None) -> None:
        """Not available: progress moves chunk by chunk (chunks are small on Ray)."""

    def signature(self) -> dict[str, Any]:
        signature: dict[str, Any] = self._get(self._actors[0].signature.remote())
        return signature

    def decoded_sentences(self) -> int | None:
        counts = self._get([actor.decoded_sentences.remote() for actor in self._actors])
        return int(sum(counts))

    def close(self) -> None:
        """Flush the actors' caches, stop them, and stop Ray if this engine started it."""
        ray = self._ray
        actors, self._actors = getattr(self, "_actors", []), []
        if actors:
            try:
                ray.get([actor.close.remote() for actor in actors], timeout=60)
            except Exception as exc:  # closing must not hide the error that got us here
                logger.warning("Ray actors did not close cleanly: %s", exc)
            for actor in actors:
                ray.kill(actor)
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False


def _translate_error_in(exc: BaseException) -> TranslateError | None:
    """The TranslateError a Ray error wraps (task or actor-creation failure), if any."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, TranslateError):
            return current
        stack.extend(
            getattr(current, name, None)
            for name in ("cause", "__cause__", "__context__", "creation_task_error")
        )
    return None
