"""Privacy: a question must never ask for something that identifies the person a key person helps.

``privacy-identifying``
    A question's text, in any language, asks for a name, an address, a birth date, a BSN or V-number, a phone
    number or an e-mail address. Failing: ``text: {nl: Wat is de naam?, en: What is the name?}``. Passing:
    ``text: {nl: Is er nu gevaar?, en: Is anyone in danger now?}``.
"""

from __future__ import annotations

import re

from samen_refer.format.language import pick
from samen_refer.format.pathway import Pathway
from samen_refer.problem import Problem, said

# What a key person must never be asked to type or record about the person they help.
IDENTIFYING = re.compile(
    r"\b(naam|name|adres|address|woonplaats|geboortedatum|date of birth|birthday|bsn|burgerservicenummer|"
    r"v-nummer|telefoonnummer|phone number|e-?mail)\b",
    re.IGNORECASE,
)


def privacy_problems(pathway: Pathway) -> list[Problem]:
    """Questions whose text asks for something that identifies the person."""
    out = []
    for question in pathway.questions:
        for lang in pathway.languages:
            found = IDENTIFYING.search(pick(question.text, lang))
            if found:
                out.append(
                    Problem(
                        pathway.path, *question.at,
                        said(
                            "question '{question}' asks about '{found}': "
                            "never ask for details that identify the person",
                            question=question.id, found=found.group(0),
                        ),
                        "privacy-identifying",
                    )
                )  # fmt: skip
                break
    return out
