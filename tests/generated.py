"""Pathways generated for tests and benchmarks (they use the contacts of tests/data/mini): a long chain of questions,
and adversarial pathways in which every answer changes the advice."""

from __future__ import annotations

CONTACTS = ("politie-112", "veilig-thuis", "slachtofferhulp", "politie")
ROLES = ("emergency", "refer", "advice", "info")


def chain_pathway(questions: int) -> str:
    """A chain of ``questions`` questions (the first three with two options): one line each, under 1 MiB for 10,000."""
    lines = ["id: chain", 'version: "1"', "title: {nl: Keten}", "languages: [nl]", "start: q0", "questions:"]
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else "end"
        options = "{id: a, label: {nl: a}}" + (", {id: b, label: {nl: b}}" if i < 3 else "")
        lines.append(f"  - {{id: q{i}, text: {{nl: v}}, why: {{nl: w}}, options: [{options}], next: {following}}}")
    lines += [
        "blocks:",
        "  - {id: b, when: {q0: [b]}, steps: [{id: sb, text: {nl: b}}], contacts: [{contact: politie, role: refer}]}",
        "  - {id: always, steps: [{id: s, text: {nl: s}}], contacts: [{contact: politie-112, role: emergency}]}",
    ]
    return "\n".join(lines) + "\n"


def adversarial_pathway(questions: int, options: int, rules: bool = False) -> str:
    """``questions`` questions of ``options`` options each, where every answer adds its own step and contact role, so
    every route (options ** questions of them) has different advice; an invariant looks at the first question.
    With ``rules``, where each answer leads also depends on the answer before, so even counting must tell them apart.
    """
    lines = ["id: adversarial", 'version: "1"', "title: {nl: A, en: A}", "languages: [nl, en]", "start: q0"]
    lines.append("questions:")
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else "end"
        choices = ", ".join(f"{{id: o{k}, label: {{nl: o{k}, en: o{k}}}}}" for k in range(options))
        lines.append(f"  - id: q{i}\n    text: {{nl: v{i}, en: q{i}}}\n    why: {{nl: w, en: w}}")
        lines.append(f"    options: [{choices}]")
        if rules and 0 < i < questions - 1:
            lines.append(f"    next: [{{when: {{q{i - 1}: [o0]}}, to: q{i + 1}}}, {{to: {following}}}]")
        else:
            lines.append(f"    next: {following}")
    lines.append("blocks:")
    for i in range(questions):
        for k in range(options):
            contact, role = CONTACTS[(i + k) % len(CONTACTS)], ROLES[(i * options + k) % len(ROLES)]
            lines.append(
                f"  - {{id: b{i}-{k}, when: {{q{i}: [o{k}]}}, steps: [{{id: s{i}-{k}, text: {{nl: s, en: s}}}}],"
                f" contacts: [{{contact: {contact}, role: {role}}}]}}"
            )
    lines += [
        "invariants:",
        "  - id: first-112",
        "    description: {nl: 112 eerst, en: 112 first}",
        "    when: {q0: [o0]}",
        "    expect: {first_contact: politie-112}",
    ]
    return "\n".join(lines) + "\n"
