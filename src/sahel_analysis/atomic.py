"""Write files so that a failure or a kill never leaves a half-written output, and lock shared files.

A temporary file is written beside its target under a recognisable name
(`.NAME.PID-TOKEN.sahel-tmp`) and renamed into place; a file of that name whose
process is gone was left by a kill, and `remove_stale_temporaries` deletes it.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from sahel_analysis.errors import SahelError

TEMP_SUFFIX = ".sahel-tmp"
# `.NAME.PID-TOKEN.sahel-tmp`, and `.NAME.tmpPID` as versions before 0.2 named them.
TEMP_NAME_RE = re.compile(r"^\..+\.(?P<pid>\d+)-[0-9a-f]+\.sahel-tmp$|^\..+\.tmp(?P<old_pid>\d+)$")
TEMP_TARGET_RE = re.compile(r"^\.(?P<name>.+)\.\d+-[0-9a-f]+\.sahel-tmp$")
LOCK_WAIT_SECONDS = 60.0


def temporary_target(path: Path) -> Path | None:
    """The file a temporary of ours stands in for, or None if `path` is no temporary of ours.

    >>> temporary_target(Path("out/.documents.csv.4242-0a1b2c3d.sahel-tmp")).as_posix()
    'out/documents.csv'
    """
    match = TEMP_TARGET_RE.match(Path(path).name)
    return Path(path).with_name(match["name"]) if match else None


def temporary_sibling(path: Path) -> Path:
    """A fresh temporary name beside `path`, recognisable as ours and naming this process."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _fsync_path(path: Path, directory: bool = False) -> None:
    """Flush a file (or a folder's entries) to disk; folders cannot be opened on Windows, so skip there."""
    if directory and os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temporary(path: Path, write: Callable[[Path], object], durable: bool = False) -> Path:
    """Call `write(tmp)` on a temporary sibling of `path` and return it, removed again on failure."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_sibling(path)
    try:
        write(tmp)
        if durable:
            _fsync_path(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def commit_temporary(tmp: Path, path: Path, durable: bool = False) -> Path:
    """Rename a temporary written by `write_temporary` onto `path` (atomic on one file system)."""
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync_path(path.parent, directory=True)
    return path


def replace_atomically(path: Path, write: Callable[[Path], object], durable: bool = False) -> Path:
    """Call `write(tmp)` on a temporary sibling of `path`, then rename it into place.

    With `durable`, the file and its folder are flushed to disk before this returns,
    so a power cut cannot lose the new file either.
    """
    path = Path(path)
    return commit_temporary(write_temporary(path, write, durable), path, durable)


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process there: assume it lives
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: Path, any_owner: bool = False) -> list[Path]:
    """Delete temporaries in `folder` left by killed processes; return what was removed.

    A temporary names its process; it is stale once that process is gone. With
    `any_owner` every temporary is removed: for a folder only a lock holder writes in.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        match = TEMP_NAME_RE.match(entry.name)
        if not match or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match["pid"] or match["old_pid"])
        if any_owner or not _process_alive(pid):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def exclusive_lock(lock_file: Path, wait_seconds: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive `filelock.FileLock` on `lock_file` (created if need be) for the `with` block.

    The lock is the operating system's (flock on POSIX, msvcrt on Windows): it is
    dropped when the process ends, even on kill -9, so a crashed holder never
    blocks the next command; the lock file stays, empty. Waiting longer than
    `wait_seconds` is a one-line error naming the lock file.
    """
    lock_file = Path(lock_file)
    lock = FileLock(lock_file, timeout=wait_seconds, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise SahelError(
            lock_file, f"another sahel-analysis command has held this lock for {wait_seconds:.0f} s"
        ) from None
    except OSError as exc:
        raise SahelError(lock_file, f"cannot create the lock file: {exc.strerror or exc}") from None
    try:
        yield
    finally:
        lock.release()
