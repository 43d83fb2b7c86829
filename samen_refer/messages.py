"""The tool's own words (not the pathway's), in Dutch (B1) and English."""

from __future__ import annotations

from typing import Final

from samen_refer.language import pick

_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "reminder": {"nl": "Acuut gevaar? Bel 112.", "en": "Acute danger? Call 112."},
    "progress": {"nl": "Vraag {n} van hoogstens {total}", "en": "Question {n} of at most {total}"},
    "keys": {
        "nl": "Typ een nummer · ? waarom · b terug · q stoppen",
        "en": "Type a number · ? why · b back · q quit",
    },
    "choose": {"nl": "Jouw keuze", "en": "Your choice"},
    "why": {"nl": "Waarom deze vraag?", "en": "Why this question?"},
    "help": {"nl": "Tip", "en": "Tip"},
    "unknown_choice": {
        "nl": "Dat ken ik niet. Typ een nummer van 1 tot {n}, of ? b q.",
        "en": "I don't know that one. Type a number from 1 to {n}, or ? b q.",
    },
    "first_question": {"nl": "Dit is de eerste vraag.", "en": "This is the first question."},
    "quit": {"nl": "Gestopt. Er is niets opgeslagen.", "en": "Stopped. Nothing was saved."},
    "ended": {
        "nl": "De invoer stopte voordat de vragen klaar waren. Er is niets opgeslagen.",
        "en": "Input ended before the questions were done. Nothing was saved.",
    },
    "interrupted": {"nl": "Onderbroken. Er is niets opgeslagen.", "en": "Interrupted. Nothing was saved."},
    "result": {"nl": "Advies", "en": "Advice"},
    "urgency.emergency": {"nl": "NU BELLEN: acuut gevaar", "en": "CALL NOW: acute danger"},
    "urgency.urgent": {"nl": "Snel handelen: vandaag of morgen", "en": "Act quickly: today or tomorrow"},
    "urgency.soon": {"nl": "Binnenkort: deze week", "en": "Soon: this week"},
    "urgency.routine": {"nl": "Geen haast: in rust samen plannen", "en": "No rush: plan together, calmly"},
    "steps": {"nl": "Volgende stappen", "en": "Next steps"},
    "contacts": {"nl": "Contacten", "en": "Contacts"},
    "because": {"nl": "omdat", "en": "because"},
    "always": {"nl": "altijd", "en": "always"},
    "say": {"nl": "Je kunt zeggen", "en": "You can say"},
    "col.name": {"nl": "Naam", "en": "Name"},
    "col.phone": {"nl": "Telefoon", "en": "Phone"},
    "col.hours": {"nl": "Open", "en": "Hours"},
    "col.role": {"nl": "Rol", "en": "Role"},
    "col.next": {"nl": "Wat zij doen", "en": "What they do"},
    "col.checked": {"nl": "Gecontroleerd", "en": "Checked"},
    "role.emergency": {"nl": "nu bellen", "en": "call now"},
    "role.refer": {"nl": "doorverwijzen (met toestemming)", "en": "refer (with consent)"},
    "role.advice": {"nl": "advies voor jou", "en": "advice for you"},
    "anonymous": {"nl": "anoniem kan", "en": "can be anonymous"},
    "role.info": {"nl": "informatie om mee te geven", "en": "information to pass on"},
    "no_phone": {"nl": "zie website", "en": "see website"},
    "unused": {"nl": "Niet gebruikt (niet gevraagd op deze route)", "en": "Not used (not asked on this route)"},
    "incomplete": {"nl": "Nog niet compleet. Volgende vraag", "en": "Not complete yet. Next question"},
    "saved": {
        "nl": "Antwoorden opgeslagen in {path} (alleen de keuzes).",
        "en": "Answers saved to {path} (choices only).",
    },
    "answers": {"nl": "Antwoorden", "en": "Answers"},
    "source": {"nl": "bron", "en": "source"},
    "handout_offer": {
        "nl": "Een handout voor de persoon maken (alleen de organisaties, geen antwoorden)? "
        "Typ een bestandsnaam (.txt, .md of .html), of Enter om over te slaan:",
        "en": "Make a handout for the person (only the organisations, no answers)? "
        "Type a file name (.txt, .md or .html), or Enter to skip:",
    },
    "handout_written": {
        "nl": "Handout opgeslagen in {path} (alleen jij kunt het lezen).",
        "en": "Handout saved to {path} (readable by you only).",
    },
    "handout_replace": {
        "nl": "{path} bestaat al. Vervangen? Typ ja, of Enter om het te laten staan:",
        "en": "{path} already exists. Replace it? Type yes, or Enter to keep it:",
    },
    "interrupted_saved": {
        "nl": "gestopt (Ctrl-C). Alleen de antwoorden staan in {path}; verder is er niets opgeslagen.",
        "en": "stopped (Ctrl-C). Only the answers were saved, in {path}; nothing else was saved.",
    },
    "no_contacts": {"nl": "Geen contacten gevonden.", "en": "No contacts found."},
}


def say(key: str, lang: str, **values: object) -> str:
    """One of the tool's own sentences, in ``lang``."""
    text = pick(_MESSAGES[key], lang)
    return text.format(**values) if values else text
