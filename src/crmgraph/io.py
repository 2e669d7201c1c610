"""Writing outputs atomically: a failed run leaves existing files untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from crmgraph.errors import CrmgraphError


def prepare_output_dir(out_dir: Path) -> Path:
    """Check that ``out_dir`` can be written (or created) before any work, without creating it yet.

    Raises a one-line :class:`CrmgraphError` naming the folder when it cannot.
    """
    out_dir = Path(out_dir)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise CrmgraphError(f"output folder {out_dir}: exists and is not a folder")
        if not os.access(out_dir, os.W_OK | os.X_OK):
            raise CrmgraphError(f"output folder {out_dir}: is not writable")
        return out_dir
    parent = out_dir.absolute().parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise CrmgraphError(f"output folder {out_dir}: cannot be created in {parent}")
    return out_dir


def write_files_atomically(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it first, then move them all into place.

    Nothing is replaced unless every file was written in full, so a failure (a full
    disk, a permission error) leaves the previous outputs as they were.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, content in files.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o644)
    except OSError as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise CrmgraphError(f"cannot write {path}: {exc.strerror or exc}") from None
    for tmp, path in staged:
        os.replace(tmp, path)


def write_text_atomically(path: Path, text: str) -> None:
    """Write one UTF-8 text file atomically."""
    write_files_atomically({Path(path): text.encode("utf-8")})
