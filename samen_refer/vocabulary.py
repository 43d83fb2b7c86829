"""The fixed words of the pathway format: urgencies, contact roles, and the name of the outcome."""

from __future__ import annotations

from typing import Literal

Urgency = Literal["emergency", "urgent", "soon", "routine"]
Role = Literal["emergency", "refer", "advice", "info"]
URGENCIES: tuple[Urgency, ...] = ("emergency", "urgent", "soon", "routine")  # most urgent first
ROLES: tuple[Role, ...] = ("emergency", "refer", "advice", "info")  # in the order contacts are shown
END = "end"
