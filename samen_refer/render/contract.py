"""JSON Schemas of the JSON outputs (``route``, ``validate`` and ``diff`` with ``--format json``): the contract for
scripts and the pull-request workflow, printed by ``samen-refer schema route-output|validate-output|diff-output``.

Each output names its own ``format`` version first; a change that would break a script (a key removed or renamed, a
type changed) raises it. Every object lists all its keys as required and no others, so the tests, which check real
outputs against these schemas with check-jsonschema, fail when the output and the schema part.
"""

from __future__ import annotations

from typing import Any, Final

from samen_refer.format.schema import document_text, schema_document
from samen_refer.format.vocabulary import POSITIONS, ROLES, STEP_KINDS, URGENCIES
from samen_refer.problem import SEVERITIES
from samen_refer.render.diff import DIFF_FORMAT
from samen_refer.render.report import ROUTE_FORMAT, VALIDATE_FORMAT

_Schema = dict[str, Any]

_TEXT: Final[_Schema] = {"type": "string"}
_COUNT: Final[_Schema] = {"type": "integer", "minimum": 0}
_FLAG: Final[_Schema] = {"type": "boolean"}


def _record(**fields: _Schema) -> _Schema:
    """An object with exactly these keys, every one present."""
    return {"type": "object", "properties": fields, "required": list(fields), "additionalProperties": False}


def _many(item: _Schema) -> _Schema:
    return {"type": "array", "items": item}


def _maybe(schema: _Schema) -> _Schema:
    """The value, or null."""
    return {"anyOf": [schema, {"type": "null"}]}


def _one_of(words: tuple[str, ...]) -> _Schema:
    return {"enum": list(words)}


def _version(number: int) -> _Schema:
    return {
        "const": number,
        "description": "the version of this output's format; raised when a change would break a script",
    }


_ANSWER: Final = _record(question=_TEXT, answer=_TEXT)
_STEP: Final = _record(
    id=_TEXT,
    kind=_one_of(STEP_KINDS),
    text=_TEXT,
    say=_maybe(_TEXT),
    position=_maybe(_one_of(POSITIONS)),
    because=_many(_ANSWER),
)
_CONTACT: Final = _record(
    id=_TEXT,
    name=_TEXT,
    phone=_maybe(_TEXT),
    url=_maybe(_TEXT),
    hours=_maybe(_TEXT),
    cost=_maybe(_TEXT),
    does=_TEXT,
    after_call=_maybe(_TEXT),
    anonymous_advice=_maybe(_FLAG),
    interpreters=_maybe(_TEXT),
    verified=_TEXT,
    source=_TEXT,
    role=_one_of(ROLES),
    for_person=_FLAG,
    regional=_FLAG,
    position=_maybe(_one_of(POSITIONS)),
    note=_maybe(_TEXT),
    because=_many(_ANSWER),
)
_ROUTE: Final = _record(
    format=_version(ROUTE_FORMAT),
    pathway=_TEXT,
    version=_TEXT,
    region=_maybe(_TEXT),
    language=_TEXT,
    complete=_FLAG,
    answers=_many(_ANSWER),
    unused_answers=_many(_TEXT),
    next_question=_maybe(
        _record(id=_TEXT, text=_TEXT, why=_TEXT, options=_many(_record(id=_TEXT, label=_TEXT))),
    ),
    interrupts=_many(
        _record(
            after=_TEXT,
            blocks=_many(_TEXT),
            steps=_many(_record(id=_TEXT, text=_TEXT)),
            call=_many(_record(contact=_TEXT, phone=_maybe(_TEXT), note=_maybe(_TEXT))),
        )
    ),
    outcome=_maybe(
        _record(
            urgency=_one_of(URGENCIES),
            blocks=_many(_TEXT),
            steps=_many(_STEP),
            background=_many(_STEP),
            care=_many(_STEP),
            contacts=_many(_CONTACT),
        )
    ),
)

_VALIDATE: Final = _record(
    format=_version(VALIDATE_FORMAT),
    problems=_many(
        _record(
            path=_TEXT,
            line=_COUNT,
            col=_COUNT,
            severity=_one_of(SEVERITIES),
            check=_TEXT,
            message=_TEXT,
        )
    ),
    summary=_record(errors=_COUNT, warnings=_COUNT, files=_COUNT),
)

_ANSWERS: Final[_Schema] = {"type": "object", "additionalProperties": _TEXT, "description": "question id: option id"}
_ROLE_OF: Final = _record(id=_TEXT, role=_one_of(ROLES))
_ADVICE: Final = _record(urgency=_one_of(URGENCIES), contacts=_many(_ROLE_OF), steps=_many(_TEXT), person=_many(_TEXT))
_CHANGE: Final = _record(
    urgency=_maybe(_record(old=_one_of(URGENCIES), new=_one_of(URGENCIES))),
    contacts_added=_many(_ROLE_OF),
    contacts_removed=_many(_ROLE_OF),
    roles_changed=_many(_record(id=_TEXT, old=_one_of(ROLES), new=_one_of(ROLES))),
    contacts_reordered=_FLAG,
    steps_added=_many(_TEXT),
    steps_removed=_many(_TEXT),
    steps_reordered=_FLAG,
    person_added=_many(_TEXT),
    person_removed=_many(_TEXT),
)
_TERMS: Final = _many(_record(question=_TEXT, options=_many(_TEXT)))
_SIDE: Final = _record(version=_TEXT, routes=_COUNT)
_ADDED_REMOVED: Final = _record(added=_many(_TEXT), removed=_many(_TEXT))
_DIFF: Final = _record(
    format=_version(DIFF_FORMAT),
    pathway=_TEXT,
    old=_SIDE,
    new=_SIDE,
    behaviour_changed=_FLAG,
    changed_routes_total=_COUNT,
    changed_routes=_many(_record(answers=_ANSWERS, old=_ADVICE, new=_ADVICE, change=_CHANGE)),
    change_sets=_many(
        _record(
            change=_CHANGE,
            routes=_COUNT,
            condition=_maybe(_many(_TERMS)),
            within=_maybe(_record(condition=_TERMS, routes=_COUNT, **{"except": _maybe(_many(_TERMS))})),
            examples=_many(_ANSWERS),
        )
    ),
    new_routes=_many(_record(answers=_ANSWERS, advice=_ADVICE)),
    removed_routes=_many(_record(answers=_ANSWERS, advice=_ADVICE)),
    questions=_ADDED_REMOVED,
    options=_ADDED_REMOVED,
    texts=_many(
        _record(kind=_TEXT, id=_TEXT, field=_TEXT, language=_maybe(_TEXT), old=_maybe(_TEXT), new=_maybe(_TEXT)),
    ),
)

# schema kind -> (the output's schema, its title)
OUTPUTS: Final[dict[str, tuple[_Schema, str]]] = {
    "route-output": (_ROUTE, "samen-refer route --format json"),
    "validate-output": (_VALIDATE, "samen-refer validate --format json"),
    "diff-output": (_DIFF, "samen-refer diff --format json"),
}


def output_schema(kind: str) -> _Schema:
    """The JSON Schema (draft 2020-12) of one JSON output."""
    schema, title = OUTPUTS[kind]
    return schema_document(kind, title, schema)


def output_schema_text(kind: str) -> str:
    return document_text(output_schema(kind))
