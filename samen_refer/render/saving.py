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
- A set of files for one folder (``web --site``: ``write_folder``) is written the same way, all of them or none.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
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


def write_folder(path: str | Path, files: Mapping[str, bytes], force: bool = False, mode: int = 0o644) -> Path:
    """Write ``files`` (name -> content) into the folder ``path`` (``mode`` each, 0644 unless said otherwise) and
    return the folder: all of them or, as far as it lies with us, none.

    The folder is made when it does not exist (its parent must). A folder that holds anything is used only with
    ``force``; then the files of these names are replaced, only if they are regular files, and every other file in
    it is left as it is. Everything is checked before the first byte is written. The files are first written in
    full to temporary files in the folder, then moved into place; on an error (a full disk, a name taken meanwhile)
    the temporary files, the files this call added and the folder it made are removed again. A file it replaced
    cannot be brought back: that takes ``force``, and an error of the operating system between two moves.
    """
    raw = str(path)
    folder = expanded(raw)
    existing = _kind(folder, raw)
    if existing is None:
        _folder_of(folder, raw)
    elif stat.S_ISLNK(existing):
        raise SamenReferError.of("site-link", path=raw)
    elif not stat.S_ISDIR(existing):
        raise SamenReferError.of("site-not-folder", path=raw)
    else:
        try:
            with os.scandir(folder) as entries:
                holds = next(entries, None) is not None
        except OSError as exc:
            raise _os_error(raw, exc) from None
        if holds and not force:
            raise FileExists.of("site-not-empty", path=raw)
    targets = {name: folder / name for name in files}
    present = {}
    for name, target in targets.items():
        kind = _kind(target, str(target)) if existing is not None else None
        if kind is not None and not stat.S_ISREG(kind):
            raise SamenReferError.of("site-file-in-the-way", path=str(target))
        present[name] = kind is not None
    import tempfile

    made = False
    written: dict[str, Path] = {}
    placed: list[str] = []
    with _stopped_by_signals():
        try:
            if existing is None:
                folder.mkdir(mode=0o755)
                made = True
            for name, content in files.items():
                fd, temporary = tempfile.mkstemp(dir=folder, prefix=".samen-refer-", suffix=".tmp")
                written[name] = Path(temporary)
                with os.fdopen(fd, "wb") as handle:
                    os.fchmod(handle.fileno(), mode)
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
            for name, tmp in written.items():
                _put_in_place(tmp, targets[name], str(targets[name]), present[name])
                placed.append(name)
        except OSError as exc:
            raise _os_error(raw, exc) from None
        finally:  # on every way out, also Ctrl-C, SIGTERM and SIGHUP (Stopped)
            for tmp in written.values():  # a file put in place by a link leaves its temporary name behind
                with contextlib.suppress(OSError):
                    tmp.unlink()
            if len(placed) < len(files):
                for name in placed:
                    if not present[name]:
                        with contextlib.suppress(OSError):
                            targets[name].unlink()
                if made:
                    with contextlib.suppress(OSError):
                        folder.rmdir()
    return folder
