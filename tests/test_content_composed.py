"""Advice that only fits some people is only given to them (content review 2026-12-05): checked on the blocks, so on
every route that includes them."""

from __future__ import annotations

import pytest

from tests.conftest import shipped_pathway

# Sentences that speak of living in asylum reception as a fact about the person (N-m7: "Woont de persoon in een azc?
# Het COA kan helpen …" reached residents of every kind). Sentences that say "voor asielzoekers op een COA-locatie"
# name whom they are for, and may stand anywhere.
ONLY_FOR_ASYLUM_SEEKERS = ["Woont de persoon in een azc", "Het COA kan helpen", "op de locatie"]


@pytest.mark.parametrize("sentence", ONLY_FOR_ASYLUM_SEEKERS)
def test_reception_advice_only_in_blocks_for_asylum_seekers(sentence: str) -> None:
    pathway = shipped_pathway()
    misplaced = []
    for block in pathway.blocks:
        residence = (
            next((t.options for t in block.when.terms if t.question == "residence"), None) if block.when else None
        )
        for step in block.steps:
            if sentence in step.text["nl"] and residence != ("asylum_seeker",):
                misplaced.append((block.id, step.id))
    assert misplaced == []
