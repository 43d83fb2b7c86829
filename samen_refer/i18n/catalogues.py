"""Bring the gettext catalogues up to date with the source texts, then compile them (needs polib: the test extras).

    python -m samen_refer.i18n.catalogues           # add new texts, changed ones as fuzzy, drop removed ones, write .mo
    python -m samen_refer.i18n.catalogues --check   # exit 1 when a .po or .mo is not up to date (the tests check it)
    python -m samen_refer.i18n.catalogues --new fr  # start a catalogue for another language

Source texts are English, in the ``Words`` and dictionaries listed in SOURCES; the key of each text is its
context (msgctxt). Translate with Poedit or Weblate in ``samen_refer/i18n/locale/LANG/LC_MESSAGES/samen_refer.po``,
then run this script.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import importlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import polib

from samen_refer.i18n.translation import DOMAIN, LOCALE, Words

PACKAGE: Final = Path(__file__).resolve().parent.parent
ROOT: Final = PACKAGE.parent  # file names are told from here: samen_refer/...

# Where the texts are, in catalogue order: a module's ``Words`` (its context prefixes the keys), or a dictionary of
# English texts by key with the context prefix given here; a single text is (module, name, context)
SOURCES: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("samen_refer.i18n.messages", "_MESSAGES", ""),
    ("samen_refer.i18n.messages", "_ERRORS", "error."),
    ("samen_refer.render.practice", "_PRACTICE_WORDS", None),
    ("samen_refer.render.exercises", "_LISTING_WORDS", None),
    ("samen_refer.render.handout", "_HANDOUT_WORDS", None),
    ("samen_refer.render.graph", "_GRAPH_WORDS", None),
    ("samen_refer.render.web.page", "_WEB_WORDS", None),
    ("samen_refer.render.web.site", "_SITE_WORDS", None),
    ("samen_refer.render.web.practice", "_EXERCISE_WORDS", None),
    ("samen_refer.cli.speech", "TYPER_WORDS", "cli."),
    ("samen_refer.cli.speech", "USAGE_ERRORS", "cli.error."),
    ("samen_refer.render.report", "REPORT_WORDS", None),
    ("samen_refer.engine.exercise", "_COVERAGE_WORDS", None),
    ("samen_refer.render.diff", "_DIFF_WORDS", None),
    ("samen_refer.engine.region_diff", "_REGION_DIFF_WORDS", None),
    ("samen_refer.engine.contact_diff", "_FACT_WORDS", None),
    ("samen_refer.cli.boundary", "_BOUNDARY_WORDS", None),
    ("samen_refer.checks.stale", "_STALE_WORDS", None),
)
SINGLE: Final = (
    ("samen_refer.render.twee", "_RESTART", "twee.restart"),
    ("samen_refer.cli.options", "_WRITTEN", "written"),
    ("samen_refer.cli.options", "_WRITTEN_PUBLIC", "written_public"),
    ("samen_refer.cli.web", "_WRITTEN_SITE", "written_site"),
)


class NotALiteral(Exception):
    """A ``said(...)`` whose text is not a literal string: no catalogue can hold it."""


def said_texts() -> Iterator[tuple[str, str]]:
    """(text, module file) of every ``said("...")`` in the package: the sentences of problems (context ``problem``)."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "said"):
                continue
            where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno}"
            text = node.args[0] if node.args else None
            if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                raise NotALiteral(f"{where}: said() needs a literal text, so that it can be translated")
            yield text.value, where


def source_texts() -> Iterator[tuple[str, str, str]]:
    """(context, English text, module file) for every text of the tool."""
    for module_name, name, prefix in SOURCES:
        source = getattr(importlib.import_module(module_name), name)
        texts, prefix = (source.english, f"{source.context}.") if isinstance(source, Words) else (source, prefix)
        for key, english in texts.items():
            text = english[1] if isinstance(english, tuple) else english  # (pattern, English) for usage errors
            yield f"{prefix}{key}", text, module_name.replace(".", "/") + ".py"
    for module_name, name, context in SINGLE:
        yield context, getattr(importlib.import_module(module_name), name), module_name.replace(".", "/") + ".py"
    for level in ("error", "warning"):
        yield "problem.level", level, "samen_refer/problem.py"
    first: dict[str, str] = {}
    for text, where in said_texts():
        first.setdefault(text, where.partition(":")[0])
    for text, where in first.items():
        yield "problem", text, where
    import typer

    from samen_refer.cli.app import make_app
    from samen_refer.cli.speech import help_texts

    for text in dict.fromkeys(help_texts(typer.main.get_command(make_app()))):
        yield "help", text, "samen_refer/cli/"


def _changed_from(context: str, english: str, unused: list[polib.POEntry], shared: bool) -> polib.POEntry | None:
    """The translated entry whose English became ``english``: in the same context, the only one left when the context
    holds one text (a key), else the closest text (as Babel's ``Catalog.update`` and msgmerge match), or None."""
    candidates = [e for e in unused if e.msgctxt == context]
    if len(candidates) == 1 and not shared:
        return candidates[0]
    closest = difflib.get_close_matches(english, [e.msgid for e in candidates], n=1, cutoff=0.6)
    return next((e for e in candidates if e.msgid == closest[0]), None) if closest else None


def updated(po: polib.POFile) -> polib.POFile:
    """The catalogue with exactly the source texts. A translation whose English did not change is kept as it is; one
    whose English changed is kept as fuzzy, with the English it translated as ``#| msgid``, for a translator to check
    (a fuzzy entry never reaches the .mo: until it is checked, the tool says the English); removed texts are dropped."""
    known = {(e.msgctxt, e.msgid): e for e in po if not e.obsolete}
    sources = list(source_texts())
    current = {(context, english) for context, english, _ in sources}
    texts_per_context = Counter(context for context, _, _ in sources)
    unused = [e for e in po if not e.obsolete and e.msgstr and (e.msgctxt, e.msgid) not in current]
    fresh = polib.POFile(wrapwidth=0)
    fresh.metadata = po.metadata
    for context, english, where in sources:
        entry = polib.POEntry(msgctxt=context, msgid=english, occurrences=[(where, "")])
        same = known.get((context, english))
        if same is not None:
            entry.msgstr, entry.flags, entry.previous_msgid = same.msgstr, list(same.flags), same.previous_msgid
        elif (was := _changed_from(context, english, unused, texts_per_context[context] > 1)) is not None:
            unused.remove(was)
            entry.msgstr, entry.flags, entry.previous_msgid = was.msgstr, ["fuzzy"], was.msgid
        fresh.append(entry)
    return fresh


def catalogue(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--new", metavar="LANG")
    args = parser.parse_args()
    if args.new:
        path = catalogue(args.new)
        path.parent.mkdir(parents=True, exist_ok=True)
        po = polib.POFile(wrapwidth=0)
        po.metadata = {
            "Project-Id-Version": "samen-refer",
            "Language": args.new,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
        po.save(str(path))
    stale = []
    for path in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        po = polib.pofile(str(path), wrapwidth=0)
        fresh = updated(po)
        mo = path.with_suffix(".mo")
        if args.check:
            if str(fresh) != str(po) or not mo.is_file() or mo.read_bytes() != fresh.to_binary():
                stale.append(str(path.relative_to(ROOT)))
            continue
        fresh.save(str(path))
        fresh.save_as_mofile(str(mo))
    if stale:
        print("not up to date (run python -m samen_refer.i18n.catalogues):", *stale, sep="\n  ")
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
