"""Where each document starts: the page ledger.

Documents start on right-hand pages, so a document of n pages takes n + n % 2 pages of
the book (a blank verso after an odd count). Document k starts at page 1 + the pages its
predecessors take: known when their page counts are. A worker that has laid out document
k reports its count and waits until every earlier document has reported (they are all
being laid out already: documents are handed out in order), so no part is laid out
twice. `LocalLedger` is the same for one process.
"""

from __future__ import annotations


def slot(pages: int) -> int:
    return pages + pages % 2


class LocalLedger:
    def __init__(self, n: int):
        self.counts = [-1] * n

    def offset(self, k: int, pages: int) -> int:
        self.counts[k] = pages
        missing = [j for j in range(k) if self.counts[j] < 0]
        if missing:
            raise RuntimeError(f"document {missing[0]} was not laid out before document {k}")
        return sum(slot(c) for c in self.counts[:k])

    def fail(self, k: int) -> None:
        if self.counts[k] < 0:
            self.counts[k] = 0


class SharedLedger:
    """Across processes: counts and starts in shared memory, guarded by a condition."""

    TIMEOUT = 900.0

    def __init__(self, ctx, n: int):
        self.n = n
        self.counts = ctx.Array("i", [-1] * n, lock=False)
        self.starts = ctx.Array("i", [0] * (n + 1), lock=False)
        self.prefix = ctx.Value("i", 0, lock=False)  # documents 0 … prefix-1 have reported
        self.cond = ctx.Condition()

    def _publish(self, k: int, pages: int) -> None:
        with self.cond:
            if self.counts[k] < 0:
                self.counts[k] = pages
            while self.prefix.value < self.n and self.counts[self.prefix.value] >= 0:
                j = self.prefix.value
                self.starts[j + 1] = self.starts[j] + slot(self.counts[j])
                self.prefix.value = j + 1
            self.cond.notify_all()

    def offset(self, k: int, pages: int) -> int:
        self._publish(k, pages)
        with self.cond:
            if not self.cond.wait_for(lambda: self.prefix.value >= k, timeout=self.TIMEOUT):
                raise TimeoutError(f"document {k}: the documents before it did not report their page counts")
            return self.starts[k]

    def fail(self, k: int) -> None:
        self._publish(k, 0)
