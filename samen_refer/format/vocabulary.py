"""The fixed words of the pathway format: urgencies, contact roles, and the name of the outcome."""

from __future__ import annotations

from typing import Literal

Urgency = Literal["emergency", "urgent", "soon", "routine"]
Role = Literal["emergency", "report", "refer", "advice", "info"]
URGENCIES: tuple[Urgency, ...] = ("emergency", "urgent", "soon", "routine")  # most urgent first
ROLES: tuple[Role, ...] = ("emergency", "report", "refer", "advice", "info")  # in the order contacts are shown
# Roles whose contact goes on the person's handout unless a block says ``person: false``: numbers to call now, a report
# made because safety comes first, a referral the person agreed to, information to keep. ``advice`` is for the helper.
PERSON_ROLES: frozenset[Role] = frozenset({"emergency", "report", "refer", "info"})
# What a step is (``Step.kind``): something to do now, words to say, background to know, or the helper's own care.
# The outcome's steps are what the helper does or says (act, say); what to know and the helper's care are lists of their
# own, shown after the steps.
Kind = Literal["act", "say", "know", "care"]
STEP_KINDS: tuple[Kind, ...] = ("act", "say", "know", "care")
DOING_KINDS: frozenset[Kind] = frozenset({"act", "say"})
# The position a step or a contact use takes on the person's own choice: the person decides (``choice``), safety comes
# first (``safety``), or a professional's duty to report (``duty``). ``choice`` never meets the other two on a route.
Position = Literal["choice", "safety", "duty"]
POSITIONS: tuple[Position, ...] = ("choice", "safety", "duty")
# The roles that fit each position, for a contact a step with that position is about (``Step.contact``), and for a
# contact use that declares a position: overriding the choice means a report (or 112); the person's choice never does.
POSITION_ROLES: dict[Position, frozenset[Role]] = {
    "choice": frozenset({"refer", "advice", "info"}),
    "safety": frozenset({"emergency", "report"}),
    "duty": frozenset({"report"}),
}
END = "end"
