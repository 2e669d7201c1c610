"""A local SPARQL 1.1 Protocol endpoint: the Oxigraph server binary, bound to 127.0.0.1.

:class:`OxigraphServer` starts it on a free or given port, waits until it answers,
and stops it (terminate, then kill) whatever happens; :func:`serve` is what
``crmgraph serve`` runs.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from crmgraph.errors import CrmgraphError

HOST = "127.0.0.1"


def oxigraph_binary() -> str:
    """The ``oxigraph`` server binary installed with ``pip install 'crmgraph[server]'``."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise CrmgraphError("the Oxigraph server is not installed (pip install 'crmgraph[server]')")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    """On Linux, have the kernel terminate the server if crmgraph dies without stopping it."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


class OxigraphServer:
    """The Oxigraph server as a child process on 127.0.0.1.

    Parameters
    ----------
    location
        The store folder to serve; None serves an empty in-memory store (read-write only).
    port
        The port; None picks a free one.
    read_only
        Serve without the update and Graph Store endpoints' write operations.
    union_default_graph
        Queries see every named graph as part of the default graph.

    Examples
    --------
    >>> with OxigraphServer() as server:  # doctest: +SKIP
    ...     EndpointStore(server.query_url).query("ASK {}").boolean
    False
    """

    def __init__(self, location: Path | str | None = None, *, port: int | None = None, read_only: bool = False,
                 union_default_graph: bool = True, timeout_s: int | None = None):
        if read_only and location is None:
            raise CrmgraphError("a read-only server needs a store folder")
        self.location = None if location is None else Path(location)
        self.port = port
        self.read_only = read_only
        self.union_default_graph = union_default_graph
        self.timeout_s = timeout_s
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.url}/store"

    def command(self) -> list[str]:
        args = [oxigraph_binary(), "serve-read-only" if self.read_only else "serve", "--bind", f"{HOST}:{self.port}"]
        if self.location is not None:
            args += ["--location", str(self.location)]
        if self.union_default_graph:
            args.append("--union-default-graph")
        if self.timeout_s:
            args += ["--timeout-s", str(self.timeout_s)]
        return args

    def start(self, wait: float = 30.0) -> "OxigraphServer":
        """Start the server and return once it answers a query (or raise, the process stopped)."""
        explicit = self.port is not None
        for attempt in range(3):
            if not explicit:
                self.port = free_port()
            self._log = tempfile.TemporaryFile()
            self.process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=self._log,
                                            stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
            try:
                self._wait_ready(wait)
                return self
            except CrmgraphError:
                message = self._last_log_line()
                self.stop()
                if explicit or "in use" not in message.lower() or attempt == 2:
                    raise CrmgraphError(f"the Oxigraph server did not start on {self.url}: {message or 'no answer'}") from None
        return self  # pragma: no cover

    def _wait_ready(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CrmgraphError("exited")
            try:
                request = urllib.request.Request(f"{self.query_url}?query=ASK%7B%7D",
                                                 headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        raise CrmgraphError("timeout")

    def _last_log_line(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        lines = [line for line in self._log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        return " ".join(lines[-1].split())[:200] if lines else ""

    def stop(self, grace: float = 5.0) -> None:
        """Stop the server: terminate, wait ``grace`` seconds, then kill. Safe to call twice."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(grace)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> "OxigraphServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def load_store_folder(graph_file: Path, folder: Path) -> None:
    """Bulk-load a graph file into a new persistent Oxigraph store in ``folder``."""
    from crmgraph.store.embedded import OxigraphStore

    store = OxigraphStore(folder)
    try:
        store.load_file(graph_file)
    finally:
        store.close()
        del store


def serve(graph_file: Path | str | None = Path("graph/crmgraph.trig"), *, store: Path | str | None = None,
          port: int = 7878, allow_update: bool = False, on_ready: Callable[[OxigraphServer], None] | None = None,
          until: Callable[[], bool] | None = None) -> None:
    """Serve a graph file (copied into a temporary store) or a persistent store over the SPARQL 1.1 Protocol.

    Binds 127.0.0.1 only; read-only unless ``allow_update`` (updates to a served
    graph file go to the temporary copy, not to the file). Blocks until
    interrupted (Ctrl-C), until the server exits, or until ``until()`` is true.

    Examples
    --------
    >>> serve("graph/crmgraph.trig", port=7878)  # doctest: +SKIP
    """
    with tempfile.TemporaryDirectory(prefix="crmgraph-serve-") as tmp:
        if store is None:
            folder = Path(tmp) / "store"
            load_store_folder(Path(graph_file), folder)
        else:
            folder = Path(store)
            if not folder.is_dir():
                raise CrmgraphError(f"store {folder}: no Oxigraph store there (create one with `crmgraph push --store {folder}`)")
        server = OxigraphServer(folder, port=port, read_only=not allow_update)
        previous = _stop_on_sigterm()
        try:
            server.start()
            if on_ready:
                on_ready(server)
            while server.process is not None and server.process.poll() is None:
                if until is not None and until():
                    break
                time.sleep(0.2)
            else:
                if server.process is not None:
                    raise CrmgraphError(f"the Oxigraph server stopped: {server._last_log_line() or 'no message'}")
        except KeyboardInterrupt:
            pass
        finally:
            server.stop()
            _restore_sigterm(previous)


def _stop_on_sigterm():
    """Turn SIGTERM into KeyboardInterrupt, so that a terminated ``serve`` stops its server too."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, handler)


def _restore_sigterm(previous) -> None:
    import signal
    import threading

    if previous is not None and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, previous)
