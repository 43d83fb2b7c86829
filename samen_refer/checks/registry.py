"""The registry of every check ``samen-refer validate`` runs: stable ids, what each finds, and the module of its
family, whose docstring documents each check with a failing example.

Ids never change once released: pull-request annotations and maintainers' habits depend on them. An id may belong to
more than one family when the same mistake can be made in more than one file (``duplicate-id``, ``unknown-question``,
``unknown-option``, ``unknown-pathway``, ``unknown-contact``, ``contact-verified``).
"""

from __future__ import annotations

from typing import Final

CHECKS: Final[dict[str, str]] = {
    # what to check (checks/validate.py)
    "nothing-to-check": "a directory given to validate holds no pathway, or a folder cannot be read",
    # YAML itself (format/source.py)
    "file-unreadable": "the file is missing, a directory, a pipe or device, or cannot be read",
    "file-too-large": "the file is over 1 MiB",
    "yaml-encoding": "the file is not UTF-8 text (UTF-16 or UTF-32, another encoding, or binary)",
    "yaml-syntax": "the YAML cannot be parsed",
    "yaml-tabs": "a tab is used for indentation",
    "yaml-duplicate-key": "the same key twice in one mapping (PyYAML would silently keep the last)",
    "yaml-alias": "an anchor or alias (& or *) is used, even an anchor no alias names",
    "yaml-tag": "an explicit tag (!!binary, !include, %TAG ...) is used; PyYAML would silently drop it",
    "yaml-depth": "nesting is deeper than the format ever needs",
    # shapes (format/shape.py, with the shapes of format/pathway.py, contact.py, scenario.py, expectation.py)
    "schema-unknown-key": "a key the format does not have (often a typo)",
    "schema-missing": "a required key is missing",
    "schema-type": "a value has the wrong form",
    "schema-format": "a text value does not have the required form",
    "text-control-char": (
        "a text contains a control character, a tab, a direction control (U+202E, U+200F ...) or another invisible "
        "character (U+200B ...)"
    ),
    "text-formula": "a text of a contacts or region file starts with =, + or @, which a spreadsheet runs as a formula",
    "id-format": "an id has characters other than a-z, 0-9, - and _",
    "lang-missing": "a user-visible text lacks one of the declared languages",
    "lang-unknown": "a text has a language the file does not declare",
    # references (checks/references.py; a scenario's in checks/scenarios.py)
    "pathway-id": "the pathway id differs from its file name",
    "scenario-id": "the scenario id differs from its file name",
    "id-reserved": "a question is called 'end'",
    "duplicate-id": "two questions, options, blocks, contacts or invariants share an id",
    "unknown-question": "a reference to a question that does not exist",
    "unknown-option": "a reference to an option the question does not have",
    "unknown-contact": "a reference to a contact not in contacts.yaml",
    "unknown-step": "an invariant names a step no block has",
    "unknown-pathway": "a scenario or region names a pathway that does not exist",
    "interrupt-when": "a block with 'interrupt: true' has no 'when', so no answer can trigger it",
    "dead-end": "an option that leads nowhere",
    # structure (checks/structure.py, on every route with engine/symbolic.py)
    "cycle": "questions that lead back to themselves",
    "unreachable-question": "a question no route asks",
    "unreachable-block": "an outcome block no route includes",
    "never-true-condition": "a 'next' rule that is never taken, because its condition cannot hold there",
    "empty-outcome": "a route that ends in advice without a step or without a contact",
    # invariants (checks/invariants.py)
    "invariant": "a safety invariant fails on some route (the shortest is shown)",
    # positions (checks/positions.py)
    "position-meet": "on some route the person's choice meets a position that overrides it (safety, a duty to report)",
    "position-role": "a contact's role does not fit the position a step or its use takes about it",
    "step-place": "a step shared by blocks is listed in different places by them (its kind, or a general block)",
    # contacts (the form of each fact: format/contact.py; the rest: checks/contacts.py)
    "contact-phone": "a malformed phone number",
    "contact-url": "a malformed web address",
    "contact-verified": (
        "a malformed verified date or source_date, a date in the future, or a source page dated after it was read"
    ),
    "contact-stale": "a contact was last verified more than 365 days ago (warning), or 730 days (error)",
    # regions (the shapes: format/region.py; the rest: checks/regions.py)
    "region-id": "the region id differs from its file name",
    "region-overlap": "a municipality is in two regions",
    # scenarios (checks/scenarios.py)
    "scenario-mismatch": "a scenario's advice differs from what it expects",
    # privacy (checks/privacy.py)
    "privacy-identifying": "a question asks for something that identifies a person (name, address, birth date ...)",
}

# The module of each family, and the ids it documents (in its docstring) and reports.
FAMILIES: Final[dict[str, tuple[str, ...]]] = {
    "samen_refer.checks.validate": ("nothing-to-check",),
    "samen_refer.format.source": (
        "file-unreadable", "file-too-large", "yaml-encoding", "yaml-syntax", "yaml-tabs", "yaml-duplicate-key",
        "yaml-alias", "yaml-tag", "yaml-depth",
    ),
    "samen_refer.format.shape": (
        "schema-unknown-key", "schema-missing", "schema-type", "schema-format", "text-control-char", "text-formula",
        "id-format", "lang-missing", "lang-unknown",
    ),
    "samen_refer.checks.references": (
        "pathway-id", "id-reserved", "duplicate-id", "unknown-question", "unknown-option", "unknown-contact",
        "unknown-step", "interrupt-when", "dead-end",
    ),
    "samen_refer.checks.structure": (
        "cycle", "unreachable-question", "never-true-condition", "unreachable-block", "empty-outcome",
    ),
    "samen_refer.checks.invariants": ("invariant",),
    "samen_refer.checks.positions": ("position-meet", "position-role", "step-place"),
    "samen_refer.format.contact": ("contact-phone", "contact-url", "contact-verified"),
    "samen_refer.checks.contacts": ("duplicate-id", "contact-verified", "contact-stale"),
    "samen_refer.checks.regions": (
        "region-id", "duplicate-id", "unknown-pathway", "unknown-contact", "unknown-question", "unknown-option",
        "region-overlap",
    ),
    "samen_refer.checks.scenarios": (
        "scenario-id", "unknown-pathway", "unknown-question", "unknown-option", "scenario-mismatch",
    ),
    "samen_refer.checks.privacy": ("privacy-identifying",),
}  # fmt: skip
