"""Build hook: a wheel carries the extractor's modules compiled to C extension modules, beside their sources.

The extractor is pure Python and runs as such everywhere (an editable install, a
checkout, a machine without a C compiler). Compiled with mypyc, unchanged, the
same modules extract the same annotations about 1.4 times as fast
(``benchmarks/bench_extract.py`` measures both in one run), so a wheel install
(``pip install .``) ships them compiled. mypyc compiles from the modules' type
annotations: classes become C structs and typed attribute access a field read,
which is where Cython, compiling the same code without types, gained a sixth at
most. Python imports an extension module in preference to the ``.py`` beside it;
the sources stay in the wheel for tracebacks and reading.

Editable installs are never compiled: a compiled module beside a source that a
developer then edits would silently shadow the edit. ``CRMGRAPH_PURE_PYTHON=1``
builds a pure-Python wheel; so does a machine where compiling fails (with a
warning naming the cause).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def module_name(source: str) -> str:
    """``src/crmgraph/extract/relations.py`` -> ``crmgraph.extract.relations`` (a package's ``__init__`` keeps its name)."""
    parts = Path(source).with_suffix("").parts
    return ".".join(parts[parts.index("src") + 1:] if "src" in parts else parts)


#: how mypy reads the modules it compiles: the rest of the package and the third-party libraries are only
#: looked at for their types (a library without type hints is "Any"), and its cache stays out of the tree
MYPY_OPTIONS = ["--ignore-missing-imports", "--follow-imports=silent", "--no-incremental"]


def compile_modules(root: Path, sources: list[str], build_dir: Path, quiet: bool = True) -> dict[str, Path]:
    """Compile pure-Python modules to extension modules with mypyc; return module name -> built file.

    ``sources`` are paths relative to ``root`` (``src/crmgraph/corpus.py``). mypyc type-checks them
    first (mypy) and fails on a type error, because its compiled code checks the declared types at run
    time. The modules share one support library, ``crmgraph__mypyc``, a module of its own beside the
    package. The generated C and the objects go under ``build_dir``; nothing is written beside the
    sources. Raises on any failure.
    """
    from mypyc.build import mypycify
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    here = Path.cwd()
    os.chdir(root)  # mypy finds the package (and its other modules' types) from the source paths
    try:
        extensions = mypycify([*MYPY_OPTIONS, "--cache-dir", str(build_dir / "mypy-cache"), *sources],
                              target_dir=str(build_dir / "c"), group_name="crmgraph", opt_level="3",
                              verbose=not quiet)
    finally:
        os.chdir(here)
    if sys.platform.startswith("linux"):  # without their debugging symbols the compiled modules are a tenth of the size
        for extension in extensions:
            extension.extra_link_args = [*(extension.extra_link_args or []), "-s"]
    command = build_ext(Distribution({"ext_modules": extensions}))
    command.build_lib, command.build_temp = str(build_dir / "lib"), str(build_dir / "temp")
    command.parallel = os.cpu_count() or 1
    command.ensure_finalized()
    command.run()
    return {ext.name: Path(command.get_ext_fullpath(ext.name)) for ext in extensions}


def configured_sources(root: Path, patterns: list[str]) -> list[str]:
    """The sources the ``compile`` option names (glob patterns relative to the root), sorted."""
    found = sorted({str(p.relative_to(root)) for pattern in patterns for p in root.glob(pattern)})
    if not found:
        raise ValueError(f"compile: no file matches {patterns}")
    return found


class CompiledExtractorHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable" or os.environ.get("CRMGRAPH_PURE_PYTHON") == "1":
            return
        root = Path(self.root)
        sources = configured_sources(root, self.config.get("compile", []))
        self._build_dir = Path(tempfile.mkdtemp(prefix="crmgraph-compile-"))
        try:
            built = compile_modules(root, sources, self._build_dir)
        except (Exception, SystemExit) as exc:  # no compiler, no mypyc, a type error (mypyc exits) …: the wheel is pure Python and works the same
            self.app.display_warning(f"crmgraph: extractor not compiled ({type(exc).__name__}: {exc}); "
                                     "building a pure-Python wheel")
            return
        for name, path in built.items():  # beside its source (the support library: beside the package)
            build_data["force_include"][str(path)] = "/".join([*name.split(".")[:-1], path.name])
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        if getattr(self, "_build_dir", None) is not None:
            shutil.rmtree(self._build_dir, ignore_errors=True)
