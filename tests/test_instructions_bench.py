"""The instruction-count benchmark refuses bad options in one line, before it compiles or needs valgrind."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("arguments, message", [
    (["--chars", "5"], "--chars: at least 20,000 characters"),
    (["--top", "0"], "--top: at least 1"),
    (["--against", "no-such-commit"], "--against: 'no-such-commit' is no commit of this repository"),
])
def test_bad_options_get_one_line_errors(arguments, message):
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "instructions.py"), *arguments],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line, no traceback
    assert message in result.stderr
