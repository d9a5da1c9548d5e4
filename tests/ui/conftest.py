"""Browser-test fixtures: the chat served by a real subprocess, and pytest-playwright aimed at Debian's
Chromium (never `playwright install`, which downloads a browser and fails offline).

Where Chromium is absent the browser tests skip with a reason; with `CITEQA_REQUIRE_BROWSER=1` (set it
in CI) they fail instead, so CI cannot go green without having driven the chat.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CITEQA_CHROMIUM", "/usr/bin/chromium"))  # Debian's build
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Anything but loopback fails to resolve: a stray CDN or font request cannot leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
SERVER_START_TIMEOUT = 240.0  # loading the model and indexing the demo corpus on a busy 2-core machine


def browser_required() -> bool:
    return os.environ.get("CITEQA_REQUIRE_BROWSER") == "1"


def skip_or_fail(reason: str) -> None:
    """Skip locally, fail in CI: a missing browser must never turn into a silent pass there."""
    if browser_required():
        pytest.fail(f"{reason} (CITEQA_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch arguments, pointed at the system Chromium."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_command(port: int) -> list[str]:
    """The CLI when it is there; otherwise the same thing through the Python API."""
    if importlib.util.find_spec("citeqa.cli") is not None:
        return [sys.executable, "-m", "citeqa", "serve", "--host", "127.0.0.1", "--port", str(port)]
    code = (
        "from citeqa.qa.assistant import Assistant; from citeqa.ui import serve; "
        f"serve(Assistant.open(), host='127.0.0.1', port={port})"
    )
    return [sys.executable, "-c", code]


def _stop(proc: subprocess.Popen) -> None:
    """Stop exactly the process we started: SIGTERM, then SIGKILL after 10 s."""
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def chat_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`citeqa serve` over the demo corpus on a free loopback port; yields its base URL."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} not found: apt-get install -y chromium")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("server") / "server.log"
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "GRADIO_ANALYTICS_ENABLED": "False",
        "PYTHONUNBUFFERED": "1",
    }
    with log_path.open("wb") as log:
        proc = subprocess.Popen(_server_command(port), stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            deadline = time.monotonic() + SERVER_START_TIMEOUT
            while True:
                if proc.poll() is not None:
                    pytest.fail(f"server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
                try:
                    with urllib.request.urlopen(f"{url}/config", timeout=2) as r:
                        if r.status == 200:
                            break
                except (urllib.error.URLError, OSError):
                    pass
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"server not up after {SERVER_START_TIMEOUT:.0f}s:\n{log_path.read_text()[-3000:]}"
                    )
                time.sleep(0.5)
            yield url
        finally:
            _stop(proc)
