"""Writing a file someone asked for (``-o``, ``--save``, the handout prompt): private, whole, and never by surprise.

- Only a regular file is written. A directory, a device (``/dev/stdout``, ``/dev/full``), a pipe or a socket is
  refused, and so is a symbolic link: replacing the link would not write where it points, and as root it would
  replace entries in ``/dev``.
- An existing file is replaced only when asked (``force``, or a yes from ``replace``).
- The text goes to a temporary file beside the target (0600, a name that does not say what it holds), which is
  synced and then linked or renamed into place: a reader sees the old file or the whole new one. The temporary file
  is removed on every way out: an error, Ctrl-C, SIGTERM or SIGHUP (closing the terminal window).
- Every error of the operating system (disk full, permission refused, name too long ...) is a ``SamenReferError``:
  one clear line and exit 2.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from samen_refer.problem import SamenReferError, Stopped

# Signals that end a process "politely": handled while saving so that the temporary file is removed first.
_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class FileExists(SamenReferError):
    """The file to write exists, and replacing it was not asked for."""


def write_private(
    path: str | Path,
    text: str,
    force: bool = False,
    replace: Callable[[Path], bool] | None = None,
    mode: int = 0o600,
) -> Path:
    """Write ``text`` to ``path`` (0600 unless ``mode`` says otherwise, atomically); return the path written.

    An existing regular file is replaced only with ``force``, or when ``replace(path)`` answers yes; otherwise
    ``FileExists`` is raised and nothing is written.
    """
    raw = str(path)
    target = _named_file(raw)
    existing = _kind(target, raw)
    if existing is not None:
        _refuse_unless_regular(raw, existing)
        if not force and not (replace is not None and replace(target)):
            raise FileExists.of("file-exists" if replace is None else "file-exists-kept", path=raw)
        force = True
    folder = _folder_of(target, raw)
    import tempfile  # only when saving: keeps start-up fast

    tmp = ""
    with _stopped_by_signals():
        try:
            try:
                fd, tmp = tempfile.mkstemp(dir=folder, prefix=".samen-refer-", suffix=".tmp")
            except OSError as exc:
                raise SamenReferError.of("save-failed", folder=folder, reason=exc.strerror) from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), mode)
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            _put_in_place(Path(tmp), target, raw, force)
        except OSError as exc:
            raise _os_error(raw, exc) from None
        finally:  # on every way out, also Ctrl-C, SIGTERM and SIGHUP (Stopped)
            if tmp:
                with contextlib.suppress(OSError):
                    Path(tmp).unlink()
    return target


def check_target(path: str | Path, force: bool = False) -> None:
    """Raise now the error ``write_private(path, ..., force)`` would raise before writing, so that a command that
    saves at its end (``start --save``) can refuse a name it cannot use before the work, not after it."""
    raw = str(path)
    target = _named_file(raw)
    existing = _kind(target, raw)
    if existing is not None:
        _refuse_unless_regular(raw, existing)
        if not force:
            raise FileExists.of("file-exists", path=raw)
    _folder_of(target, raw)


def _named_file(raw: str) -> Path:
    if raw.endswith(("/", os.sep)):
        raise SamenReferError.of("save-names-folder", path=raw)
    return expanded(raw)


def _folder_of(target: Path, raw: str) -> Path:
    folder = target.parent
    try:
        is_folder = folder.is_dir()
    except OSError as exc:
        raise _os_error(raw, exc) from None
    if not is_folder:
        raise SamenReferError.of("save-no-folder", folder=folder)
    return folder


def expanded(raw: str) -> Path:
    """``raw`` with a leading ``~`` or ``~user`` replaced by that home folder; an unknown user is bad input."""
    try:
        return Path(raw).expanduser()
    except RuntimeError:  # "Could not determine home directory": ~nosuchuser, or no HOME at all
        home = raw.split("/", 1)[0].split(os.sep, 1)[0]
        raise SamenReferError.of("save-unknown-home", path=raw, home=home) from None


def _kind(target: Path, raw: str) -> int | None:
    """The file type (``st_mode``) of what is at ``target`` now, without following a link; None if nothing."""
    try:
        return os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _os_error(raw, exc) from None


def _refuse_unless_regular(raw: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise SamenReferError.of("save-to-directory", path=raw)
    raise SamenReferError.of("save-link" if stat.S_ISLNK(mode) else "save-device", path=raw)


def _put_in_place(tmp: Path, target: Path, raw: str, replace: bool) -> None:
    """Move the finished temporary file to ``target``; without ``replace``, never over a file that appeared since."""
    if replace:
        mode = _kind(target, raw)  # again: something else may have been put there meanwhile
        if mode is not None:
            _refuse_unless_regular(raw, mode)
        tmp.replace(target)
        return
    try:
        os.link(tmp, target)  # fails if the name is taken: an atomic "create, never replace"
    except FileExistsError:
        raise FileExists.of("file-exists", path=raw) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV):
            raise
        # A file system without hard links (FAT on a USB stick): check, then rename.
        if _kind(target, raw) is not None:
            raise FileExists.of("file-exists", path=raw) from None
        tmp.replace(target)


def _os_error(raw: str, exc: OSError) -> SamenReferError:
    reason = exc.strerror or str(exc)
    return SamenReferError.of(_KEYS.get(exc.errno or 0, "save-os"), path=raw, reason=reason)


# The error, and so the hint, for each reason the operating system gives (``messages._ERRORS``).
_KEYS = {
    errno.ENOSPC: "save-os-full",
    errno.EDQUOT: "save-os-quota",
    errno.ENAMETOOLONG: "save-os-long-name",
    errno.EACCES: "save-os-denied",
    errno.EPERM: "save-os-not-permitted",
    errno.EROFS: "save-os-read-only",
}


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """While saving, SIGTERM and SIGHUP raise ``Stopped`` (as Ctrl-C raises KeyboardInterrupt), so the clean-up runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {number: signal.signal(number, stop) for number in _STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            if handler is not None:
                signal.signal(number, handler)
