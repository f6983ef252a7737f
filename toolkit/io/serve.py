"""`tei-edition serve`: the HTML edition on 127.0.0.1, reloading pages after each rebuild.

The server adds one script element (served from the site's own origin, so the
Content-Security-Policy `script-src 'self'` allows it) to HTML responses; the script
polls /__build and reloads when the build number changes."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

RELOAD_JS = b"""(function () {
  var seen = null;
  function poll() {
    fetch('/__build', {cache: 'no-store'}).then(function (r) { return r.text(); }).then(function (n) {
      if (seen !== null && n !== seen) { location.reload(); }
      seen = n;
    }).catch(function () {}).finally(function () { setTimeout(poll, 500); });
  }
  poll();
})();
"""
TAG = b'<script src="/__reload.js"></script>'


class Build:
    """A counter the watcher increments after each rebuild."""

    def __init__(self) -> None:
        self.number = 0
        self.lock = threading.Lock()

    def bump(self) -> None:
        with self.lock:
            self.number += 1


def make_handler(root: Path, build: Build):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # quiet: the watcher prints what matters
            pass

        def do_GET(self) -> None:
            if self.path == "/__build":
                return self._send(str(build.number).encode(), "text/plain")
            if self.path == "/__reload.js":
                return self._send(RELOAD_JS, "text/javascript")
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.suffix == ".html" and path.is_file() and path.resolve().is_relative_to(root.resolve()):
                body = path.read_bytes().replace(b"</body>", TAG + b"</body>", 1)
                return self._send(body, "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, ctype: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return functools.partial(Handler, directory=str(root))


def start(root: Path, build: Build, port: int) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(root, build))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
