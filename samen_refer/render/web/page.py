"""Build the phone guide: one HTML file with the compiled pathway, its contacts and the words in every language.

The page needs nothing outside itself: style and script are inline and the Content-Security-Policy allows only
those two, by their SHA-256 hashes, so the page can make no request (no fonts, images, frames or fetches). It works
from ``file://``, a USB stick, a phone's downloads folder and any static web host. The hosted guide's page
(``web --site``) may also load its icons, manifest and service worker, from its own host only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, Final, Literal

from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
from samen_refer.format.scenario import Scenario
from samen_refer.format.vocabulary import ROLES, URGENCIES
from samen_refer.i18n.messages import say
from samen_refer.i18n.translation import Words
from samen_refer.render.handout import builtin_templates, person_facts, tel, text_direction
from samen_refer.render.handout import words as handout_words
from samen_refer.render.paper import LEVELS, ROOM_UNITS, heads, heights
from samen_refer.render.web.compiled import Json, compile_pathway

ASSETS: Final = Path(__file__).parent
# Quick exit replaces the page with this one: an everyday search that says nothing about why someone was here.
EXIT_URL: Final = "https://www.google.com/search?q=weer"
# The numbers shown without JavaScript (emergency, suicide prevention, Veilig Thuis, Centrum Seksueel Geweld): their
# numbers and names are read from the pathway's contacts file; those missing from it are left out.
NOSCRIPT_CONTACTS: Final = ("politie-112", "113-zelfmoordpreventie", "veilig-thuis", "centrum-seksueel-geweld")
AUTONYMS: Final = {"nl": "Nederlands", "en": "English"}
# What the hosted guide's page may load besides itself: its icons, manifest and service worker, from its own host.
SITE_SOURCES: Final = "img-src 'self'; manifest-src 'self'; worker-src 'self'; "
# The hosted guide's page asks the browser to keep a copy of its own files (its service worker, ``sw.js``, scope
# ``./``), so that it opens offline once opened; only on http(s): a file opened from a phone (file://) has no
# service workers. It comes first, so the offline copy does not depend on the walk; short, as the page's every byte
# counts (at most 200 KB). Nothing of the answers reaches the service worker.
REGISTER: Final = (
    'if("serviceWorker"in navigator&&/^https?:$/.test(location.protocol))'
    'navigator.serviceWorker.register("sw.js").catch(function(){});\n'
)
_SAID: Final = (
    "progress", "help", "result", "steps", "contacts", "because", "always", "say", "anonymous", "no_phone", "regional",
    "call_now", "interrupt_title", "interrupt_why", "handout_not_safe", "background", "care", "earlier", "reminder",
    *(f"urgency.{u}" for u in URGENCIES), *(f"role.{r}" for r in ROLES), "role.info_helper",
    "role.report_duty",
)  # fmt: skip
_HANDOUT: Final = (
    "person_title", "person_intro", "person_keep_safe", "person_closing", "what", "phone", "website", "hours", "cost",
    "interpreters", "after_call", "checked",
)  # fmt: skip
_WEB_WORDS: Final = Words(
    "web",
    {
        # the tab's title and the name in the browser's history, on every screen: it says nothing of the topic (U10)
        "title": "Guide",
        "exit": "Leave quickly",
        "noscript_title": "Numbers for help",
        "noscript": "The questions of this guide do not work here. Call one of these numbers:",
        # a file opened on an iPhone is shown without its script (Quick Look): a browser runs the questions
        "noscript_open": "To answer the questions, open the guide in a web browser, such as Safari or Chrome.",
        "not_kept": "Your answers were not kept. Start again.",
        "why": "Why do I ask this?",
        "back": "Back",
        "go_on": "Go on with the questions",
        "restart": "Start again",
        "person_view": "Page for the person (only the organisations)",
        "print": "Print",
        "back_to_advice": "Back to the advice",
        "more": "More",
        "more_about": "More about {name}",
        "more_steps": "{n} more steps",
        "more_steps_one": "{n} more step",
        "navigation": "Next",
        "framed": "This guide is shown inside another web page, so quick exit may leave that page on the screen.",
        "framed_open": "Open the guide on its own",
    },
)


def asset(name: str) -> Path:
    """A file shipped beside this module: the page's template, style and scripts."""
    return ASSETS / name


def page_words(lang: str) -> dict[str, str]:
    """Every word the page shows, in ``lang``."""
    out = {key: say(key, lang) for key in _SAID}
    handout = handout_words(lang)
    out.update({key: handout[key] for key in _HANDOUT})
    out["anonymous_advice"] = handout["anonymous"]
    out.update(_WEB_WORDS.every(lang))
    return out


def alarm(pathway: Pathway) -> dict[str, str] | None:
    """The number the pathway's reminder names ("Acuut gevaar? Bel 112."), so the page makes that line a call link: the
    first contact whose phone number stands in the reminder in every language, or None (the line stays text)."""
    if pathway.reminder is None:
        return None
    texts = [pathway.reminder[lang] for lang in pathway.languages if lang in pathway.reminder]
    for contact in pathway.contacts.values():
        if contact.phone:
            alone = re.compile(rf"(?<![\w-]){re.escape(contact.phone)}(?![\w-])")
            if texts and all(alone.search(text) for text in texts):
                return {"phone": contact.phone}
    return None


# After these (or at the start), a "/" begins a regular expression in JavaScript; after anything else it divides.
_BEFORE_REGEX: Final = frozenset("(,=:[!&|?{};+-*%<>~^")
# ``compact(..., tight=...)``: the marks beside which a space means nothing, so it goes. In a script, a space beside
# any of these (not "+", "-" or "/": "a + +b", "a - -b", "a / /re/"; never one between "/" and "*", which would open
# a comment). In a style, a space after these and before those; never before ":" (".p :is(.x)" is a selector of its
# own) or around "+" ("calc(1rem + 2px)").
_LOOSE: Final = {
    "script": (frozenset("{}()[];,:=<>!?&|*%^~\"'`"), frozenset("{}()[];,:=<>!?&|*%^~\"'`")),
    "style": (frozenset(":;,{}>"), frozenset(";,{}>")),
}


def compact(source: str, *, tight: Literal["script", "style"] | None = None) -> str:
    """``source`` (the page's script or style) without its comments, indentation and empty lines, so the page stays
    small: the comments are for the people who maintain it. Strings, template strings and regular expressions are
    kept as they are; line breaks stay, so no statement runs into the next. With ``tight``, also the spaces that mean
    nothing in a script or a style (``_LOOSE``); a style then also loses its line breaks."""
    out: list[str] = []
    kept: set[int] = set()  # the places in ``out`` that hold a string, template string or regular expression
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if source.startswith("/*", i):
            end = source.find("*/", i + 2)
            i = n if end < 0 else end + 2
            continue
        if source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'`" or (c == "/" and _starts_regex(out)):
            end = _literal_end(source, i)
            kept.add(len(out))
            out.append(source[i:end])
            i = end
            continue
        out.append(c)
        i += 1
    if tight is not None:
        out = _tighten(out, kept, *_LOOSE[tight])
    lines = [line.strip() for line in "".join(out).splitlines()]
    lines = [line for line in lines if line]
    if tight == "style":
        return "".join(_joined(before, line) for before, line in pairwise(["{", *lines])) + "\n"
    return "\n".join(lines) + "\n"


def _tighten(out: list[str], kept: set[int], after: frozenset[str], before: frozenset[str]) -> list[str]:
    """``out`` without the spaces (not line breaks) between code that means the same without them."""
    tight: list[str] = []
    for k, piece in enumerate(out):
        if k not in kept and piece in " \t":
            last = tight[-1][-1] if tight else "\n"
            following = next((p[0] for p in out[k + 1 :] if p not in " \t"), "\n")
            if {last, following} != {"/", "*"} and (last in after or following in before):
                continue
        tight.append(piece)
    return tight


def _joined(before: str, line: str) -> str:
    """A style's line after the line ``before``: a space between them only where both need one."""
    return line if before[-1] in ";{}," or line[0] == "}" else " " + line


def _starts_regex(before: list[str]) -> bool:
    text = "".join(before[-8:]).rstrip()
    return not text or text[-1] in _BEFORE_REGEX or text.endswith("return")


def _literal_end(source: str, start: int) -> int:
    """Where the string, template string or regular expression that opens at ``start`` ends (after its last mark)."""
    close = source[start]
    i, in_class = start + 1, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if close == "/" and c == "[":
            in_class = True
        elif close == "/" and c == "]":
            in_class = False
        elif c == close and not in_class:
            return i + 1
        i += 1
    return i


def person_css() -> str:
    """The style of the person's page, shared with the HTML handout (``templates/partials/person.css``)."""
    return (builtin_templates() / "partials" / "person.css").read_text(encoding="utf-8")


def paper_data(pathway: Pathway, compiled: Json, languages: list[str], region: Region | None) -> Json:
    """What the page needs to choose, as the handout does, how much of the person's page fits on one A4
    (``render/paper.py``): the card height at each size, in each language, of each contact that can be on it (a use
    says it is for the person), and the rest of the page's."""
    regional = {r.contact.id: r.contact for r in region.contacts} if region else {}
    uses = [*(u for b in compiled["blocks"] for u in b["contacts"]), *(compiled["region"] or {}).get("contacts", [])]
    for_person = {u["contact"] for u in uses if u["person"]}
    said = {code: handout_words(code) for code in languages}
    cards = []
    for entry in compiled["contacts"]:
        if entry["id"] not in for_person:
            continue
        contact = regional[entry["id"]] if entry.get("regional") else pathway.contacts[entry["id"]]
        facts = {code: person_facts(contact, bool(entry.get("regional")), code) for code in languages}
        cards.append([entry["id"], {code: heights(facts[code], said[code]) for code in languages}])
    return {
        "levels": list(LEVELS),
        "room": ROOM_UNITS,
        "heads": {code: heads(said[code]) for code in languages},
        "cards": cards,
    }


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_for_script(value: Any) -> str:
    """JSON that cannot end its ``<script>`` element early, whatever the pathway's texts say."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_page(
    pathway: Pathway,
    lang: str,
    region: Region | None = None,
    *,
    site: bool = False,
    cases: Sequence[tuple[Scenario, Region | None]] | None = None,
) -> str:
    """The phone guide for ``pathway`` as one HTML document, opening in ``lang`` (the others one tap away); with
    ``region``, its own contacts follow the national ones. With ``site``, the page of the hosted guide
    (``render.web.site``): it links its manifest and icons and registers its service worker (``REGISTER``), files of
    its own folder only. With ``cases`` (scenarios of the pathway, each with its own region or None), the practice
    page (``render.web.practice``): the same guide, with the exercises around its walk."""
    import jinja2
    from markupsafe import Markup

    languages = [lang, *(code for code in pathway.languages if code != lang)]
    compiled = compile_pathway(pathway, languages, region)
    words = {code: page_words(code) for code in languages}
    data = {
        "lang": lang,
        "languages": languages,
        "autonyms": {code: AUTONYMS.get(code, code) for code in languages},
        "directions": {code: text_direction(code) for code in languages},
        "exit": EXIT_URL,
        "alarm": alarm(pathway),
        "words": words,
        "pathway": compiled,
        "paper": paper_data(pathway, compiled, languages, region),
    }
    scripts = ["engine.js", "walk.js"]
    if cases is not None:
        from samen_refer.render.web.practice import compile_practice, exercise_words

        data["practice"] = compile_practice(pathway, cases, languages)
        for code in languages:
            words[code].update(exercise_words(code))
        scripts.insert(1, "practice.js")  # before the walk, which asks for its screens
    css = compact(asset("page.css").read_text(encoding="utf-8") + person_css(), tight="style")
    script = compact("".join(asset(name).read_text(encoding="utf-8") for name in scripts), tight="script")
    if site:
        script = REGISTER + script
    csp = f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(css)}; {SITE_SOURCES if site else ''}"
    csp += "form-action 'none'; base-uri 'none'"
    noscript = [
        {"phone": c.phone, "tel": tel(c.phone), "name": pick(c.name, lang)}
        for cid in NOSCRIPT_CONTACTS
        if (c := pathway.contacts.get(cid)) is not None and c.phone
    ]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(ASSETS)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("page.html.j2").render(
        lang=lang,
        dir=text_direction(lang),
        csp=Markup(csp),  # made here of fixed words and base64: nothing to escape
        css=Markup(css),
        script=Markup(script),
        data=Markup(_json_for_script(data)),
        exit_url=EXIT_URL,
        t=page_words(lang),
        noscript=noscript,
        site=site,
    )
