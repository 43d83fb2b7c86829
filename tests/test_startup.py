"""Start-up stays fast: ``route --format json`` imports only what it needs (the time is measured by a benchmark)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Final

from tests.conftest import REPO

# Everything `route --format json` may import besides the standard library. A new entry needs a reason: Jinja2, Rich
# (tables or otherwise) and the modules of other commands belong to the commands that print or render.
ALLOWED_PACKAGES: Final = {"typer", "click", "yaml", "shellingham", "annotated_doc", "typing_extensions"}
ALLOWED_OWN: Final = {
    "samen_refer",
    "samen_refer.cli",
    "samen_refer.cli.app",
    "samen_refer.cli.boundary",
    "samen_refer.cli.options",
    "samen_refer.cli.route",
    "samen_refer.cli.speech",  # help and usage errors in the user's language; imports only what Typer has loaded
    "samen_refer.checks",  # loading a pathway for use: the checks it must pass (references, contacts' ids)
    "samen_refer.checks.contacts",
    "samen_refer.checks.load",
    "samen_refer.checks.references",
    "samen_refer.engine",
    "samen_refer.engine.interrupt",  # the safety screens a route passed through (route --format json)
    "samen_refer.engine.route",
    "samen_refer.format",
    "samen_refer.format.answers",
    "samen_refer.format.contact",
    "samen_refer.format.expectation",
    "samen_refer.format.language",
    "samen_refer.format.library",
    "samen_refer.format.pathway",
    "samen_refer.format.region",  # route --region: the region model is small and needs only the format's own parts
    "samen_refer.format.shape",
    "samen_refer.format.source",
    "samen_refer.format.vocabulary",
    "samen_refer.i18n",
    "samen_refer.i18n.translation",
    "samen_refer.problem",
    "samen_refer.render",  # for its report (the JSON contract); Rich and Jinja2 stay out, see below
    "samen_refer.render.report",
    "samen_refer.render.direction",  # the boundary's streams leave out a phone number's isolates; imports nothing
}
HOUSEKEEPING: Final = {"__main__", "_distutils_hack", "cython_runtime", "sitecustomize", "usercustomize"}

PROBE = """
import contextlib, io, json, sys
sys.argv = ["samen-refer", "route", "--format", "json", "-a", "danger=yes", "-a", "safe_to_talk=yes"]
from samen_refer.cli.app import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main()
    except SystemExit as done:
        code = done.code
assert json.loads(out.getvalue())["pathway"] == "sggg", out.getvalue()
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_route_json_imports_nothing_beyond_the_allow_list() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=REPO, timeout=60, check=True
    )
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["code"] in (0, 3)
    extra = [
        name
        for name in seen["modules"]
        if name.split(".")[0] not in sys.stdlib_module_names
        and name.split(".")[0] not in ALLOWED_PACKAGES
        and name not in ALLOWED_OWN
        and name not in HOUSEKEEPING
        and not name.startswith("_cython")
    ]
    assert extra == []
    assert not any(name in seen["modules"] for name in ("jinja2", "rich", "rich.table", "samen_refer.render.show"))
    assert not any(name.split(".")[0] == "pysat" for name in seen["modules"])  # the solver: validate's, when it runs
