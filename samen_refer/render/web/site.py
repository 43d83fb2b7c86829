"""The hosted phone guide (``samen-refer web --site DIR``): the page as ``index.html`` with what a phone needs to keep
it on its home screen and open it without internet.

- ``manifest.webmanifest``: a neutral name ("Gids" / "Guide"), ``start_url`` and ``scope`` ``./`` (a GitHub
  *project* page lives below the host's root, where ``/`` is outside the site's reach), ``display: standalone``
  and two icons, 192 and 512 pixels: what Chrome asks of an app to install.
- ``icon-192.png`` and ``icon-512.png``: a white ring on the page's blue, drawn here (no image library), saying
  nothing of the topic.
- ``sw.js``: a service worker that keeps exactly these files in the browser's cache when the page is first opened
  and answers from that copy first, so the guide opens offline. Its cache is named after a hash of the other files:
  a new version of the pathway is a new ``sw.js``, which the browser fetches, caches anew and puts in place of the
  old one. It never sees an answer: the answers stay in the page, which sends nothing.

A browser registers a service worker only on https (or ``http://localhost``), never from ``file://``; the page
registers it only there (``page.REGISTER``), and only this site's page has that code.
"""

from __future__ import annotations

import hashlib
import json
import math
import struct
import zlib
from functools import cache
from typing import Final

from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.i18n.translation import Words
from samen_refer.render.handout import text_direction
from samen_refer.render.web.page import asset, build_page

PAGE: Final = "index.html"
MANIFEST: Final = "manifest.webmanifest"
WORKER: Final = "sw.js"
ICON_SIZES: Final = (192, 512)
ICONS: Final = tuple(f"icon-{size}.png" for size in ICON_SIZES)
# The page's blue (page.css: buttons and links) behind a white ring.
BLUE: Final = (0x0B, 0x4F, 0x9C)
WHITE: Final = (0xFF, 0xFF, 0xFF)
_SITE_WORDS: Final = Words(
    "site",
    {
        # the app's name on a home screen and in the list of apps: it says nothing of the topic
        "name": "Guide",
    },
)


def build_site(pathway: Pathway, lang: str, region: Region | None = None) -> dict[str, bytes]:
    """Every file of the hosted guide by name, in the order to write them (the service worker last)."""
    files = {PAGE: build_page(pathway, lang, region, site=True).encode("utf-8"), MANIFEST: manifest(lang).encode()}
    files.update({name: icon(size) for name, size in zip(ICONS, ICON_SIZES, strict=True)})
    files[WORKER] = service_worker(files).encode("utf-8")
    return files


def manifest(lang: str) -> str:
    """The web app manifest: a neutral name, the site's own folder as start and scope, standalone, two icons."""
    name = _SITE_WORDS("name", lang)
    fields = {
        "name": name,
        "short_name": name,
        "lang": lang,
        "dir": text_direction(lang),
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b4f9c",
        "icons": [
            {"src": file, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for file, size in zip(ICONS, ICON_SIZES, strict=True)
        ],
    }
    return json.dumps(fields, ensure_ascii=False, indent=2) + "\n"


def service_worker(files: dict[str, bytes]) -> str:
    """``sw.js`` for these files (the browser keeps the worker itself): it caches them all under a name made of
    their hash."""
    digest = hashlib.sha256()
    for name, content in files.items():
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    script = asset("service-worker.js").read_text(encoding="utf-8")
    return script.replace("__VERSION__", digest.hexdigest()[:16]).replace("__FILES__", json.dumps(list(files)))


@cache
def icon(size: int) -> bytes:
    """A square PNG of ``size`` pixels: a white ring on blue, its edges smoothed, drawn the same every time."""
    middle = size / 2
    outer, inner = size * 0.30, size * 0.19
    shades = [bytes(round(b + (w - b) * n / 255) for b, w in zip(BLUE, WHITE, strict=True)) for n in range(256)]
    rows = []
    for y in range(size):
        row = bytearray(shades[0] * size)
        dy = y + 0.5 - middle
        if abs(dy) < outer + 1:
            for x in range(max(0, int(middle - outer - 1)), min(size, int(middle + outer + 2))):
                distance = math.hypot(x + 0.5 - middle, dy)
                cover = max(0.0, min(1.0, min(outer - distance, distance - inner) + 0.5))
                row[3 * x : 3 * x + 3] = shades[round(cover * 255)]
        rows.append(b"\0" + bytes(row))  # filter type 0: the row as it is
    return _png(size, size, b"".join(rows))


def _png(width: int, height: int, pixels: bytes) -> bytes:
    """A PNG of 8-bit RGB ``pixels`` (each row led by its filter byte), as the PNG specification lays it out."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bits, RGB, deflate, no filter, no interlace
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b"")
    )
