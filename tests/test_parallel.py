"""The one parallel map: one rule for when workers pay off, results in item order whether
forked or not, and progress shown only for work that lasts."""

from __future__ import annotations

import io
import os

from toolkit import parallel
from toolkit.parallel import Cost, Progress, pmap, workers_for, worth_forking

_STATE: dict = {}


def _square(x: int) -> tuple[int, int]:
    return x * x + _STATE.get("offset", 0), os.getpid()


def _init(offset: int) -> None:
    _STATE["offset"] = offset


def test_one_threshold_rule():
    cost = Cost(per_item=0.01, start=0.5)  # forking pays off from 100 items on 2 cores
    assert not worth_forking(99, 2, cost) and worth_forking(100, 2, cost)
    assert not worth_forking(10_000, 1, cost)  # one job: never
    assert workers_for(100, 8, cost) == 8 and workers_for(3, 8, Cost(1.0, 0.0)) == 3
    assert workers_for(99, 2, cost) == 1


def test_results_in_order_serial_and_forked():
    items = list(range(50))
    serial = pmap(_square, items, jobs=1, cost=Cost(1.0, 0.0), init=_init, initargs=(7,))
    forked = pmap(_square, items, jobs=2, cost=Cost(1.0, 0.0), init=_init, initargs=(7,))
    assert [r for r, _ in serial] == [r for r, _ in forked] == [x * x + 7 for x in items]
    assert {pid for _, pid in serial} == {os.getpid()}
    assert os.getpid() not in {pid for _, pid in forked}  # it really forked


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nothing_is_shown_for_short_work():
    out, clock = io.StringIO(), Clock()
    p = Progress("convert", 10, out, clock)
    for _ in range(10):
        clock.now += 0.05
        p.advance()
    p.close()
    assert out.getvalue() == ""


def test_without_a_terminal_a_line_now_and_then():
    out, clock = io.StringIO(), Clock()
    p = Progress("PDF documents", 100, out, clock)
    for _ in range(100):
        clock.now += 0.5  # 50 s in all
        p.advance()
    p.close()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("PDF documents: 20/100, about 40 s left")  # the first after 10 s
    assert 4 <= len(lines) <= 6
    assert lines[-1] == "PDF documents: 100/100 in 50 s"


def test_on_a_terminal_a_bar_with_count_and_time_left():
    out, clock = Tty(), Clock()
    p = Progress("HTML pages", 40, out, clock)
    for _ in range(40):
        clock.now += 0.1
        p.advance()
    p.close()
    shown = out.getvalue()
    assert "HTML pages" in shown and "40/40" in shown


def test_the_quiet_progress_says_nothing():
    assert parallel.progress_of("x", 5, show=False) is parallel.QUIET
