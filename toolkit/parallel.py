"""The one parallel map: convert, validate and both builds run their per-item work here.

One rule decides whether worker processes pay off (`worth_forking`): the serial work they
would share, `n × per_item × (1 − 1/jobs)`, must be at least what starting them costs.
Each stage states its own measured `Cost`; the rule is the same for all.

Workers are forked (on Linux): they start with the parent's imports and whatever state
the caller put in module globals before the map (a corpus, an index, a compiled schema),
so nothing is pickled but each item and its result. Results come back in item order.

Progress goes to standard error and only for work that takes longer than a second: on a
terminal a bar with the count and the time left (click.progressbar), otherwise a plain
line now and then, so a log of a long build shows it is moving.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any

QUIET_S = 1.0  # work shorter than this shows no progress at all
LINE_S = 10.0  # without a terminal: a line this often (a log shows the work is moving)


@dataclasses.dataclass(frozen=True)
class Cost:
    """What one item costs serially and what starting the workers costs, in seconds."""

    per_item: float
    start: float


def worth_forking(n: int, jobs: int, cost: Cost) -> bool:
    """Whether `n` items are worth `jobs` worker processes (the one threshold rule)."""
    jobs = min(jobs, n)
    return jobs > 1 and n * cost.per_item * (1 - 1 / jobs) >= cost.start


def workers_for(n: int, jobs: int, cost: Cost) -> int:
    """How many processes `n` items get: `jobs` (at most one per item) when forking pays
    off, else 1 (this process)."""
    return min(jobs, n) if worth_forking(n, jobs, cost) else 1


class Progress:
    """Counts finished items; says nothing until the work has taken `QUIET_S`."""

    def __init__(self, label: str, total: int, stream: IO[str] | None = None, clock=time.monotonic):
        self.label, self.total, self.done = label, total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = clock()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._bar = None
        self._last_line = self.started  # without a terminal, a line every LINE_S
        self._shown = False

    def advance(self, k: int = 1) -> None:
        self.done += k
        now = self.clock()
        if now - self.started < QUIET_S or self.total <= 0:
            return
        if self.tty:
            if self._bar is None:
                import click

                self._bar = click.progressbar(
                    length=self.total, label=self.label, show_eta=True, show_pos=True, file=self.stream
                )
                self._bar.__enter__()
                self._bar.update(self.done - k)
            self._bar.update(k)
        elif self.done < self.total and now - self._last_line >= LINE_S:
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = now - self.started
        left = elapsed / self.done * (self.total - self.done) if self.done else 0.0
        self.stream.write(f"{self.label}: {self.done}/{self.total}, about {left:.0f} s left\n")
        self.stream.flush()
        self._last_line = now
        self._shown = True

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
        elif self._shown and not self.tty:
            self.stream.write(f"{self.label}: {self.done}/{self.total} in {self.clock() - self.started:.0f} s\n")
            self.stream.flush()


class _Quiet:
    """Progress for work nobody watches (library calls, tests)."""

    def advance(self, k: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


QUIET = _Quiet()


def progress_of(label: str, total: int, show: bool) -> Progress | _Quiet:
    """A Progress on standard error when the caller shows progress, else the quiet one."""
    return Progress(label, total) if show else QUIET


def context():
    """The multiprocessing context of the workers: fork where the system has it."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class Workers:
    """`jobs` forked processes, or none: `submit` runs the call at once in this process.
    Use as a context manager; on an exception the queued calls are cancelled."""

    def __init__(self, jobs: int, init: Callable[..., None] | None = None, initargs: tuple = ()):
        self.jobs = jobs
        self.pool: ProcessPoolExecutor | None = None
        if jobs > 1:
            self.pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context(), initializer=init, initargs=initargs)
        elif init is not None:
            init(*initargs)

    def submit(self, fn: Callable[..., Any], *args) -> Future:
        if self.pool is not None:
            return self.pool.submit(fn, *args)
        done: Future = Future()
        try:
            done.set_result(fn(*args))
        except BaseException as exc:
            done.set_exception(exc)
        return done

    def map(self, fn: Callable[[Any], Any], items: list, chunks_per_worker: int = 4) -> Iterator[Any]:
        if self.pool is None:
            return map(fn, items)
        return self.pool.map(fn, items, chunksize=max(1, len(items) // (self.jobs * chunks_per_worker)))

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=exc_type is not None)


def pmap(
    fn: Callable[[Any], Any],
    items: Iterable,
    *,
    jobs: int,
    cost: Cost,
    label: str = "",
    show: bool = False,
    init: Callable[..., None] | None = None,
    initargs: tuple = (),
    chunks_per_worker: int = 4,
) -> list:
    """[fn(item) for item in items], in worker processes when `worth_forking`; `init` runs
    once in each worker (or once here, when serial). With `show`, progress is reported as
    `label: done/total`."""
    items = list(items)
    n = workers_for(len(items), jobs, cost)
    out = []
    progress = progress_of(label, len(items), show)
    try:
        with Workers(n, init, initargs) as workers:
            for result in workers.map(fn, items, chunks_per_worker):
                out.append(result)
                progress.advance()
    finally:
        with contextlib.suppress(Exception):
            progress.close()
    return out
