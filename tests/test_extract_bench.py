"""The extraction benchmark refuses a Python it cannot measure under in one line, before its long runs."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


def _run(arguments):
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_extract.py"), *arguments],
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("arguments, message", [
    (["--python", "/no/such/python"], "--python: '/no/such/python' is no program this machine can run"),
    (["--pure", "--python", sys.executable], "--python: it measures the compiled extractor, which --pure leaves out"),
])
def test_bad_options_get_one_line_errors(arguments, message):
    result = _run(arguments)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line, no traceback
    assert message in result.stderr
    assert "MB/s" not in result.stdout  # nothing measured


def test_a_python_that_cannot_compile_ends_the_run_in_one_line(tmp_path):
    # an interpreter whose environment lacks the compiler (here one that fails as such a Python does)
    python = tmp_path / "python"
    python.write_text("#!/bin/sh\necho \"ModuleNotFoundError: No module named 'mypy'\" >&2\nexit 1\n")
    python.chmod(0o755)
    result = _run(["--quick", "--python", str(python)])
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert f"--python: {python} cannot compile the extractor: ModuleNotFoundError: No module named 'mypy'" \
        in result.stderr
    assert "MB/s" not in result.stdout  # it ended before the throughput runs
