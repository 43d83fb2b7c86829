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
    "ended_hint": {
        "nl": "Geef één antwoord per regel, of gebruik `samen-refer route`.",
        "en": "Give one answer per line, or use `samen-refer route`.",
    },
    "handout_offer": {
        "nl": "Een handout voor de persoon maken (alleen de organisaties, geen antwoorden)? 1 = ja, 2 = nee",
        "en": "Make a handout for the person (only the organisations, no answers)? 1 = yes, 2 = no",
    },
    "handout_why": {
        "nl": "Een handout is een bestand met de organisaties uit het advies, om te printen of mee te geven. "
        "Er staan geen antwoorden in.",
        "en": "A handout is a file with the organisations from the advice, to print or pass on. It holds no answers.",
    },
    "handout_name": {
        "nl": "Bestandsnaam (.html, .txt of .md). Enter = {path}",
        "en": "File name (.html, .txt or .md). Enter = {path}",
    },
    "handout_extension": {
        "nl": "'{name}' kan niet: de naam moet eindigen op .html, .txt of .md.",
        "en": "'{name}' will not do: the name must end in .html, .txt or .md.",
    },
    "handout_no_folder": {
        "nl": "De map {folder} bestaat niet. Typ een andere naam.",
        "en": "The folder {folder} does not exist. Type another name.",
    },
    "handout_exists": {
        "nl": "{path} bestaat al. Vervangen? 1 = ja, 2 = nee",
        "en": "{path} already exists. Replace it? 1 = yes, 2 = no",
    },
    "handout_failed": {
        "nl": "Opslaan in {path} lukte niet ({reason}). Typ een andere naam.",
        "en": "Could not save to {path} ({reason}). Type another name.",
    },
    "handout_not_safe": {
        "nl": "Geen handout: het is nu niet veilig om iets op papier of in een bestand mee te geven.",
        "en": "No handout: it is not safe now to give anything on paper or in a file.",
    },
    "handout_written": {
        "nl": "Handout opgeslagen in {path} (alleen jij kunt het lezen).",
        "en": "Handout saved to {path} (readable by you only).",
    },
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "call_now": {"nl": "Om te bellen", "en": "To call"},
    "more_steps": {
        "nl": "En nog {n} stappen: zie --details of de handout voor jezelf.",
        "en": "And {n} more steps: see --details or the handout for yourself.",
    },
    "details_hint": {
        "nl": "Alles lezen (wat je kunt zeggen, waarom, alle gegevens): --details, of de handout voor jezelf.",
        "en": "Read everything (what to say, why, every fact): --details, or the handout for yourself.",
    },
    "interrupt_title": {"nl": "EERST VEILIGHEID: doe dit nu", "en": "SAFETY FIRST: do this now"},
    "interrupt_go_on": {
        "nl": "Verder met de vragen? 1 = ja, 2 = nee (stoppen)",
        "en": "Go on with the questions? 1 = yes, 2 = no (stop)",
    },
    "interrupt_why": {
        "nl": "Dit antwoord betekent gevaar. Eerst hulp, daarna kunnen de vragen verder als dat kan.",
        "en": "This answer means danger. Help comes first; the questions can go on afterwards if possible.",
    },
    "interrupt_stopped": {
        "nl": "Gestopt. Het advies hierboven blijft staan. Er is niets opgeslagen.",
        "en": "Stopped. The advice above stays on screen. Nothing was saved.",
    },
    "yes_no": {"nl": "Typ 1 (ja) of 2 (nee), of ? b q.", "en": "Type 1 (yes) or 2 (no), or ? b q."},
    "earlier": {"nl": "Eerder gekozen: {label}", "en": "Chosen before: {label}"},
    "confirm_quit": {
        "nl": "Stoppen? Je antwoorden worden niet bewaard. 1 = ja, stoppen, 2 = nee, verder",
        "en": "Stop? Your answers are not kept. 1 = yes, stop, 2 = no, go on",
    },
    "no_contacts": {"nl": "Geen contacten gevonden.", "en": "No contacts found."},
}


def say(key: str, lang: str, **values: object) -> str:
    """One of the tool's own sentences, in ``lang``."""
    text = pick(_MESSAGES[key], lang)
    return text.format(**values) if values else text
