"""``samen-refer web --site DIR``: the hosted phone guide (issue 21, point 6). Its files: the page, a manifest with a
neutral name, ``./`` as start and scope and two icons, and a service worker that caches exactly those files. Written
public (0644), never into a folder that holds anything without ``--force``, never over anything but a regular file,
nothing left behind on an error. The single page (``web -o``) is unchanged by it. In Debian's Chromium, served from
127.0.0.1: after a first visit the guide works offline, Chromium finds it installable, a new version replaces the
copy, and no request leaves 127.0.0.1.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import http.server
import json
import os
import re
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from samen_refer.checks.load import open_pathway
from samen_refer.format.library import Library
from samen_refer.format.pathway import Pathway
from samen_refer.render.saving import write_folder
from samen_refer.render.web.page import REGISTER, SITE_SOURCES, build_page
from samen_refer.render.web.site import build_site, icon
from tests.conftest import MINI
from tests.test_web_browser import (
    CHROMIUM,
    PHONE,
    Visit,
    browser,  # noqa: F401 - the fixture
    python_advice,
    scenario_answers,
    shown_advice,
    walk,
)
from tests.trainers import run, strict_html5

NAMES = ["index.html", "manifest.webmanifest", "icon-192.png", "icon-512.png", "sw.js"]
CACHED = NAMES[:-1]  # the browser keeps the service worker itself
SITE_HEAD = (
    '<link rel="manifest" href="manifest.webmanifest">\n<link rel="icon" href="icon-192.png">\n'
    '<link rel="apple-touch-icon" href="icon-192.png">\n'
)


@pytest.fixture(scope="module")
def sggg() -> Pathway:
    return open_pathway(Library.open(None), "sggg")


@pytest.fixture(scope="module")
def site(sggg: Pathway) -> dict[str, bytes]:
    return build_site(sggg, "nl")


def tree(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry below ``folder`` (hidden ones too): its permissions and, for a file, its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        found[str(path.relative_to(folder))] = (info.st_mode, content)
    return found


# --- the command ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("nl", "De gids staat in {path}: {files}. Zet de hele map op een website met https.\n"),
        ("en", "Saved the guide in {path}: {files}. Publish the whole folder on a web host with https.\n"),
    ],
)
def test_the_site_is_five_public_files_in_a_new_folder(tmp_path: Path, sggg: Pathway, lang: str, said: str) -> None:
    folder = tmp_path / "gids"
    assert run("web", "--site", str(folder), "--lang", lang) == (
        0,
        said.format(path=folder, files=", ".join(NAMES)),
        "",
    )
    written = tree(folder)
    assert list(written) == sorted(NAMES)  # and no temporary file left
    assert {name: mode & 0o777 for name, (mode, _) in written.items()} == dict.fromkeys(NAMES, 0o644)
    assert {name: content for name, (_, content) in written.items()} == build_site(sggg, lang)


def test_an_empty_folder_is_used_without_force(tmp_path: Path) -> None:
    (tmp_path / "gids").mkdir()
    assert run("web", "mini", "--pathways", str(MINI), "--site", str(tmp_path / "gids"))[0] == 0
    assert sorted(p.name for p in (tmp_path / "gids").iterdir()) == sorted(NAMES)


def _not_empty(tmp: Path) -> str:
    (tmp / "gids").mkdir()
    (tmp / "gids" / "index.html").write_text("the organisation's own page", encoding="utf-8")
    return str(tmp / "gids")


def _a_file(tmp: Path) -> str:
    (tmp / "gids").write_text("mine", encoding="utf-8")
    return str(tmp / "gids")


def _a_link(tmp: Path) -> str:
    (tmp / "elsewhere").mkdir()
    (tmp / "gids").symlink_to(tmp / "elsewhere")
    return str(tmp / "gids")


def _a_folder_as_index(tmp: Path) -> str:
    (tmp / "gids" / "index.html").mkdir(parents=True)
    (tmp / "gids" / "notes.txt").write_text("keep", encoding="utf-8")
    return str(tmp / "gids")


def _a_link_as_sw(tmp: Path) -> str:
    (tmp / "gids").mkdir()
    (tmp / "gids" / "sw.js").symlink_to(tmp / "target.js")
    return str(tmp / "gids")


REFUSED = [
    # (what is at DIR, extra options, the first line on stderr with {dir}), exit 2 and nothing written each time
    (_not_empty, [], "samen-refer: map '{dir}' is niet leeg; er is niets geschreven"),
    (_a_file, [], "samen-refer: '{dir}' bestaat al en is geen map; er is niets geschreven"),
    (_a_file, ["--force"], "samen-refer: '{dir}' bestaat al en is geen map; er is niets geschreven"),
    (_a_link, [], "samen-refer: '{dir}' is een snelkoppeling (symbolische link), geen map; samen-refer schrijft alleen "
     "in gewone mappen"),
    (_a_link, ["--force"], "samen-refer: '{dir}' is een snelkoppeling (symbolische link), geen map; samen-refer "
     "schrijft alleen in gewone mappen"),
    (_a_folder_as_index, ["--force"], "samen-refer: '{dir}/index.html' is een map, een snelkoppeling of een apparaat, "
     "geen gewoon bestand; samen-refer vervangt alleen gewone bestanden, dus er is niets geschreven"),
    (_a_link_as_sw, ["--force"], "samen-refer: '{dir}/sw.js' is een map, een snelkoppeling of een apparaat, geen "
     "gewoon bestand; samen-refer vervangt alleen gewone bestanden, dus er is niets geschreven"),
    (lambda tmp: str(tmp / "no" / "gids"), [], "samen-refer: de map '{tmp}/no' bestaat niet"),
    (lambda tmp: str(tmp / "gids"), ["-o", "gids.html"], "samen-refer: geef --site DIR of -o FILE, niet allebei"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "options", "error"), REFUSED)
def test_a_site_that_cannot_be_written_is_one_clear_error_and_nothing_written(
    tmp_path: Path, make: Callable[[Path], str], options: list[str], error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = make(tmp_path)
    before = tree(tmp_path)
    code, out, err = run("web", "mini", "--pathways", str(MINI), "--site", folder, *options)
    assert (code, out, err.splitlines()[0]) == (2, "", error.format(dir=folder, tmp=tmp_path))
    assert len(err.splitlines()) == 2  # the line, and its hint
    assert tree(tmp_path) == before


def test_force_writes_into_a_folder_and_keeps_every_other_file(tmp_path: Path) -> None:
    folder = tmp_path / "gids"
    folder.mkdir()
    for name, text in [("index.html", "old page"), ("sw.js", "old worker"), ("README.txt", "the organisation's")]:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "page.html").write_text("theirs", encoding="utf-8")
    code, _, _ = run("web", "mini", "--pathways", str(MINI), "--site", str(folder), "--force")
    written = tree(folder)
    assert code == 0
    assert sorted(written) == sorted([*NAMES, "README.txt", "sub", "sub/page.html"])
    assert (written["README.txt"][1], written["sub/page.html"][1]) == (b"the organisation's", b"theirs")
    assert written["index.html"][1] != b"old page" and written["sw.js"][1] != b"old worker"


@pytest.mark.parametrize("failing", ["fsync", "link"])  # writing the third file, or putting it in place
@pytest.mark.parametrize("folder_there", [False, True])
def test_a_write_that_fails_halfway_takes_back_what_it_added(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder_there: bool, failing: str
) -> None:
    folder = tmp_path / "gids"
    if folder_there:
        folder.mkdir()
    before = tree(tmp_path)
    calls = []
    real = getattr(os, failing)

    def full_on_the_third(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(*args)

    monkeypatch.setattr(os, failing, full_on_the_third)
    code, _, err = run("web", "mini", "--pathways", str(MINI), "--site", str(folder), "--lang", "en")
    assert (code, err.splitlines()[0]) == (2, f"samen-refer: cannot save '{folder}': No space left on device; "
                                              "nothing was written")  # fmt: skip
    assert (len(calls), tree(tmp_path)) == (3, before)


def test_an_interrupted_write_takes_back_what_it_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_folder(tmp_path / "gids", {"index.html": b"page", "sw.js": b"worker"})
    assert tree(tmp_path) == {}


# --- the files ----------------------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, after checking what a reader checks: signature, every chunk's CRC, the pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0] == zlib.crc32(kind + body)
        chunks[kind] = body
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour, len(zlib.decompress(chunks[b"IDAT"]))) == (8, 2, (1 + 3 * width) * height)
    return width, height


@pytest.mark.parametrize(("lang", "name"), [("nl", "Gids"), ("en", "Guide")])
def test_the_manifest_has_what_chromium_asks_to_install_and_a_neutral_name(sggg: Pathway, lang: str, name: str) -> None:
    files = build_site(sggg, lang)
    manifest = json.loads(files["manifest.webmanifest"])
    icons = {i["src"]: (i["sizes"], i["type"], png_size(files[i["src"]])) for i in manifest["icons"]}
    assert (manifest["name"], manifest["short_name"], manifest["lang"]) == (name, name, lang)
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("./", "./", "standalone")
    assert icons == {
        "icon-192.png": ("192x192", "image/png", (192, 192)),
        "icon-512.png": ("512x512", "image/png", (512, 512)),
    }
    topic = {word.lower() for word in re.findall(r"\w{4,}", sggg.title["nl"] + " " + sggg.title["en"])}
    assert not topic & {word.lower() for word in re.findall(r"\w+", files["manifest.webmanifest"].decode())}


def test_the_icons_are_drawn_the_same_every_time() -> None:
    first = [icon(size) for size in (192, 512)]
    icon.cache_clear()
    assert [icon(size) for size in (192, 512)] == first


def worker_constants(files: dict[str, bytes]) -> tuple[str, list[str]]:
    script = files["sw.js"].decode()
    version = re.search(r'var VERSION = "([0-9a-f]{16})";', script)
    listed = re.search(r"var FILES = (\[.*?\]);", script)
    assert version and listed, script
    return version.group(1), json.loads(listed.group(1))


def test_the_service_worker_caches_exactly_the_guide_s_files_named_by_their_hash(
    sggg: Pathway, site: dict[str, bytes]
) -> None:
    version, listed = worker_constants(site)
    assert (list(site), listed) == (NAMES, CACHED)
    assert worker_constants(build_site(sggg, "nl")) == (version, listed)  # the same guide: the same copy
    assert worker_constants(build_site(sggg, "en"))[0] != version  # another page: a new copy
    mini = open_pathway(Library.open(MINI), "mini")
    assert worker_constants(build_site(mini, "nl"))[0] != version


def _policy(page: str) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_site_s_page_may_load_only_its_own_icons_manifest_and_worker(site: dict[str, bytes]) -> None:
    page = site["index.html"].decode()
    policy = _policy(page)
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    hashed = {algo_hash(script), algo_hash(style)}
    assert policy == (
        f"default-src 'none'; script-src {algo_hash(script)}; style-src {algo_hash(style)}; "
        "img-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'none'; base-uri 'none'"
    )
    assert "unsafe" not in policy and len(hashed) == 2
    assert script.startswith(REGISTER)  # and only on http(s): see the browser tests
    assert re.findall(r'\b(?:src|href)="([^":]+)', page)[:3] == ["manifest.webmanifest", "icon-192.png", "icon-192.png"]
    assert len(page.encode("utf-8")) <= 200_000
    strict_html5(page)


def algo_hash(text: str) -> str:
    import base64

    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_single_page_is_the_site_s_page_without_manifest_icons_and_worker(sggg: Pathway, lang: str) -> None:
    single, hosted = build_page(sggg, lang), build_site(sggg, lang)["index.html"].decode()
    assert not re.search(r"manifest|serviceWorker|icon-\d+\.png|sw\.js|'self'", single)

    def without_policy(page: str) -> str:
        return page.replace(_policy(page), "")

    assert without_policy(hosted).replace(SITE_HEAD, "").replace(REGISTER, "") == without_policy(single)
    assert SITE_SOURCES not in _policy(single)


def test_web_o_and_web_print_the_single_page(tmp_path: Path) -> None:
    assert run("web", "mini", "--pathways", str(MINI), "-o", str(tmp_path / "gids.html"))[0] == 0
    printed = run("web", "mini", "--pathways", str(MINI))[1]
    for page in (printed, (tmp_path / "gids.html").read_text(encoding="utf-8")):
        assert "manifest" not in page and "serviceWorker" not in page


# --- in the browser -----------------------------------------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A web host on 127.0.0.1 (a secure context, as https is) serving a folder: (the folder, its address)."""
    folder = tmp_path_factory.mktemp("host")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def publish(host: tuple[Path, str], name: str, *options: str) -> str:
    """``web --site`` into a folder of the host, below its root as on a GitHub project page; its address."""
    folder, address = host
    assert run("web", "--site", str(folder / name), *options)[0] == 0
    return f"{address}/{name}/"


class Served:
    """A fresh browser context that lets requests to 127.0.0.1 through and aborts and records every other one."""

    def __init__(self, context: Any) -> None:
        self.context = context
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.context.add_init_script(SPY)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def screen(self) -> str:
        return str(self.page.get_attribute("h1", "data-screen") or "question")

    def controlled(self) -> str:
        """Wait until the service worker controls the page; its address. (No wait_for_function: the page's policy
        allows no eval.)"""
        return str(
            self.page.evaluate(
                "navigator.serviceWorker.ready.then(() => navigator.serviceWorker.controller || new Promise("
                "done => navigator.serviceWorker.addEventListener('controllerchange', done)))"
                ".then(() => navigator.serviceWorker.controller.scriptURL)"
            )
        )

    def cached(self) -> dict[str, list[str]]:
        """The browser's cache as the page sees it: each cache's name and the addresses it holds."""
        return dict(
            self.page.evaluate(
                "caches.keys().then(names => Promise.all(names.map(name => caches.open(name)"
                ".then(cache => cache.keys()).then(keys => [name, keys.map(k => k.url)]))))"
            )
        )

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize(("lang", "scenario"), [("nl", "s01-recent-assault-azc"), ("en", "s11-acute-danger-call")])
def test_after_a_first_visit_the_guide_works_offline(
    browser: Any,  # noqa: F811 - the fixture
    host: tuple[Path, str],
    sggg: Pathway,
    lang: str,
    scenario: str,
) -> None:
    url = publish(host, f"offline-{lang}", "--lang", lang)
    served = Served(browser.new_context(viewport=PHONE))
    served.page.goto(url)
    assert (served.controlled(), served.page.evaluate("window.registered")) == (url + "sw.js", ["sw.js"])
    version, _ = worker_constants(build_site(sggg, lang))
    assert served.cached() == {f"gids:{url}:{version}": [url + name for name in CACHED]}
    served.context.set_offline(True)
    for address in (url, url + "index.html"):
        served.page.goto(address) if address != url else served.page.reload()
        assert served.page.get_attribute("html", "lang") == lang
        answers = scenario_answers(scenario, sggg)
        walk(cast(Visit, served), answers)  # it has what walk uses: page and screen()
        assert shown_advice(cast(Visit, served)) == python_advice(sggg, answers)
    # the copy is the guide's own files, as published: no answer went into it
    kept = served.page.evaluate("caches.match('index.html').then(r => r.text())")
    assert kept == (host[0] / f"offline-{lang}" / "index.html").read_text(encoding="utf-8")
    assert served.cached() == {f"gids:{url}:{version}": [url + name for name in CACHED]}
    assert (served.outside, served.errors) == ([], [])
    served.close()


def test_chromium_finds_the_hosted_guide_installable(browser: Any, host: tuple[Path, str], tmp_path: Path) -> None:  # noqa: F811
    url = publish(host, "install")
    # a profile of its own: Chromium installs nothing from an incognito window, which new_context() is
    served = Served(browser.browser_type.launch_persistent_context(str(tmp_path / "profile"), viewport=PHONE,
                                                                   executable_path=str(CHROMIUM),
                                                                   args=["--no-sandbox"]))  # fmt: skip
    served.page.goto(url)
    served.controlled()
    devtools = served.context.new_cdp_session(served.page)
    manifest = devtools.send("Page.getAppManifest")
    assert (manifest["url"], manifest["errors"]) == (url + "manifest.webmanifest", [])
    assert devtools.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
    assert (served.outside, served.errors) == ([], [])
    served.close()


def test_a_new_version_of_the_guide_replaces_the_copy(browser: Any, host: tuple[Path, str], sggg: Pathway) -> None:  # noqa: F811
    url = publish(host, "update")
    served = Served(browser.new_context(viewport=PHONE))
    served.page.goto(url)
    served.controlled()
    assert run("web", "--site", str(host[0] / "update"), "--lang", "en", "--force")[0] == 0  # a new version
    version, _ = worker_constants(build_site(sggg, "en"))
    served.page.reload()  # the browser looks for a new sw.js on every visit
    served.page.evaluate(
        "name => new Promise(done => { const look = () => caches.keys().then(names =>"
        " names.length === 1 && names[0] === name ? done() : setTimeout(look, 50)); look(); })",
        f"gids:{url}:{version}",
    )
    served.context.set_offline(True)
    served.page.reload()
    assert served.page.get_attribute("html", "lang") == "en"  # the new page, from the new copy
    assert (served.outside, served.errors) == ([], [])
    served.close()


def test_opened_as_a_file_the_site_s_page_registers_nothing(browser: Any, host: tuple[Path, str]) -> None:  # noqa: F811
    publish(host, "as-file")
    address = (host[0] / "as-file" / "index.html").as_uri()
    context = browser.new_context(viewport=PHONE)
    asked: list[str] = []

    def let_through(route: Any) -> None:
        asked.append(route.request.url)
        route.continue_()

    context.route("**/*", let_through)
    context.add_init_script(SPY)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address)
    page.click("[data-option=yes]")
    assert (page.evaluate("window.registered"), errors) == ([], [])
    assert asked[0] == address and set(asked[1:]) <= {address.replace("index.html", "icon-192.png")}  # its own icon
    context.close()


# Put before the page's own script: records each call of navigator.serviceWorker.register.
SPY = """window.registered = [];
if (navigator.serviceWorker) {
  const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
  navigator.serviceWorker.register = (...args) => { window.registered.push(args[0]); return register(...args); };
}"""
