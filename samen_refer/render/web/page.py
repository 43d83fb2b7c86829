"""Build the phone guide: one HTML file with the compiled pathway, its contacts and the words in every language.

The page needs nothing outside itself: style and script are inline and the Content-Security-Policy allows only
those two, by their SHA-256 hashes, so the page can make no request (no fonts, images, frames or fetches). It works
from ``file://``, a USB stick, a phone's downloads folder and any static web host.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any, Final

from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.format.region import Region
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
_SAID: Final = (
    "progress", "help", "result", "steps", "contacts", "because", "always", "say", "anonymous", "no_phone", "regional",
    "call_now", "interrupt_title", "interrupt_why", "handout_not_safe", "background", "care", "reminder",
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
        "exit": "Leave quickly",
        "noscript_title": "Numbers for help",
        "noscript": (
            "This guide needs JavaScript to ask its questions. Turn JavaScript on, or call one of these numbers."
        ),
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


def lean(code: str) -> str:
    """``code`` (the page's JavaScript or CSS) as the page ships it, to stay under 200 KB: without the lines that are
    only a comment, without indentation and empty lines. A line with code on it is kept as it is."""
    out: list[str] = []
    inside = False
    for line in code.splitlines():
        bare = line.strip()
        starts = bare.startswith("/*")
        if inside or starts:
            end = bare.find("*/", 2 if starts else 0)
            if end not in (-1, len(bare) - 2):
                raise ValueError(f"code after a comment on one line: {bare!r}")  # keep comments on lines of their own
            inside = end == -1
        elif not bare.startswith("//") and bare:
            out.append(bare)
    return "\n".join(out) + "\n"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _json_for_script(value: Any) -> str:
    """JSON that cannot end its ``<script>`` element early, whatever the pathway's texts say."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def build_page(pathway: Pathway, lang: str, region: Region | None = None) -> str:
    """The phone guide for ``pathway`` as one HTML document, opening in ``lang`` (the others one tap away); with
    ``region``, its own contacts follow the national ones."""
    import jinja2
    from markupsafe import Markup

    languages = [lang, *(code for code in pathway.languages if code != lang)]
    compiled = compile_pathway(pathway, languages, region)
    data = {
        "lang": lang,
        "languages": languages,
        "autonyms": {code: AUTONYMS.get(code, code) for code in languages},
        "directions": {code: text_direction(code) for code in languages},
        "exit": EXIT_URL,
        "words": {code: page_words(code) for code in languages},
        "pathway": compiled,
        "paper": paper_data(pathway, compiled, languages, region),
    }
    css = lean(asset("page.css").read_text(encoding="utf-8") + person_css())
    script = lean(asset("engine.js").read_text(encoding="utf-8") + asset("walk.js").read_text(encoding="utf-8"))
    csp = f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(css)}; form-action 'none'; base-uri 'none'"
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
        title=pick(pathway.title, lang),
        csp=Markup(csp),  # made here of fixed words and base64: nothing to escape
        css=Markup(css),
        script=Markup(script),
        data=Markup(_json_for_script(data)),
        exit_url=EXIT_URL,
        t=page_words(lang),
        noscript=noscript,
    )
