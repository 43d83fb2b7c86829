"""The advice as composed on every route of the shipped pathway: short, the situation's own steps first, and no route
where the person's choice meets safety or a duty to report (the figures of ``benchmarks/advice_shape.py``)."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest

from tests.conftest import REPO, shipped_outcomes, shipped_pathway


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("advice_shape", REPO / "benchmarks" / "advice_shape.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.xdist_group("every-route")
@pytest.mark.no_cover  # a loop over every route: coverage would double its time
def test_every_route_is_short_specific_first_and_never_contradicts_itself() -> None:
    shape_of = _benchmark()
    shape = shape_of.figures(shipped_pathway(), ((1, dict(a), o) for a, o in shipped_outcomes().items()))
    assert shape.routes == len(shipped_outcomes())
    assert shape.median <= shape_of.MEDIAN_TARGET
    assert shape.most <= shape_of.MAX_TARGET
    assert shape.clear_share >= shape_of.CLEAR_TARGET, shape.common
    assert (shape.meeting, shape.meeting_example) == (0, None)
