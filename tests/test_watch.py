"""`watch` reports a broken hand edit within a second, located; `serve` reloads pages."""

from __future__ import annotations

import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # waits for the file system to report saves, starts a server

ROOT = Path(__file__).resolve().parent.parent


def _reader(proc, q):
    for line in proc.stdout:
        q.put((time.monotonic(), line.rstrip("\n")))


def _start(args, cwd):
    proc = subprocess.Popen(
        [sys.executable, "-u", "-m", "toolkit.cli", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    q: queue.Queue = queue.Queue()
    threading.Thread(target=_reader, args=(proc, q), daemon=True).start()
    return proc, q


def _wait_for(q, predicate, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            stamp, line = q.get(timeout=max(0.01, end - time.monotonic()))
        except queue.Empty:
            break
        if predicate(line):
            return stamp, line
    raise AssertionError("expected output did not come")


def _project(tmp_path):
    shutil.copytree(ROOT / "tei", tmp_path / "tei")
    shutil.copytree(ROOT / "editions", tmp_path / "editions", ignore=shutil.ignore_patterns("odkb"))
    return tmp_path


def test_watch_reports_a_broken_reference_within_a_second(tmp_path):
    work = _project(tmp_path)
    proc, q = _start(["watch", "--no-build"], work)
    try:
        _wait_for(q, lambda ln: ln.startswith("watching"), 30)
        doc = work / "tei" / "000_5d5ba4abf0d3ebed.xml"
        text = doc.read_text(encoding="utf-8")
        lines = text.splitlines()
        n = next(i for i, ln in enumerate(lines) if 'ref="org:csto-permanent-council"' in ln)
        col = lines[n].index('<orgName ref="org:csto-permanent-council"') + 1
        doc.write_text(text.replace("org:csto-permanent-council", "org:no-such-body", 1), encoding="utf-8")
        saved = time.monotonic()
        stamp, line = _wait_for(q, lambda ln: "[ref.unresolved]" in ln, 10)
        assert line.startswith(f"tei/000_5d5ba4abf0d3ebed.xml:{n + 1}:{col}: error:")
        assert stamp - saved < 1.0, f"reported after {stamp - saved:.2f} s"
        doc.write_text(text.replace('when="2019-05-22">22 мая', 'when="2019-02-30">22 мая', 1), encoding="utf-8")
        _wait_for(q, lambda ln: "[date.invalid]" in ln or "[schema]" in ln, 10)
    finally:
        proc.kill()
        proc.wait()


def test_serve_reloads_after_rebuild(tmp_path):
    work = _project(tmp_path)
    proc, q = _start(["serve", "--port", "0"], work)
    try:
        _, line = _wait_for(q, lambda ln: ln.startswith("serving"), 60)
        base = line.split(" at ")[1].split(" ")[0]
        page = urllib.request.urlopen(base + "index.html", timeout=5).read().decode()
        assert '<script src="/__reload.js"></script>' in page
        before = urllib.request.urlopen(base + "__build", timeout=5).read().decode()
        doc = work / "tei" / "002_d3c9c977ef1730be.xml"
        doc.write_text(
            doc.read_text(encoding="utf-8").replace("Стороны обсудили", "Стороны подробно обсудили", 1),
            encoding="utf-8",
        )
        _wait_for(q, lambda ln: ln.startswith("done in"), 30)
        after = urllib.request.urlopen(base + "__build", timeout=5).read().decode()
        assert after != before
        html = urllib.request.urlopen(base + "documents/news-report-2018-06-11.html", timeout=5).read().decode()
        assert "подробно обсудили" in html
    finally:
        proc.kill()
        proc.wait()
