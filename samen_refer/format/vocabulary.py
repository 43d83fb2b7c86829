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
END = "end"
