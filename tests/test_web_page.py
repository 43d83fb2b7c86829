"""``samen-refer web``: one self-contained page, under 200 KB, that can reach nothing outside itself."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from samen_refer.checks.load import open_pathway
from samen_refer.format.library import Library
from samen_refer.render.web.page import EXIT_URL, build_page
from tests.conftest import MINI
from tests.trainers import run, strict_html5

EVIL = "</script><script>alert(1)</script><!--"


@pytest.fixture(scope="module")
def page() -> str:
    return build_page(open_pathway(Library.open(None), "sggg"), "nl")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _inline(page: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}>(.*?)</{tag}>", page, re.DOTALL)


def test_the_page_is_written_once_and_replaced_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "gids.html"
    assert run("web", "-o", str(target)) == (0, f"Opgeslagen in {target}.\n", "")
    first = target.read_text(encoding="utf-8")
    target.write_text("mine", encoding="utf-8")
    assert run("web", "-o", str(target)) == (
        2,
        "",
        f"samen-refer: '{target}' bestaat al; er is niets geschreven\n  Geef een andere bestandsnaam, of zet --force erbij om het te vervangen.\n",
    )
    assert target.read_text(encoding="utf-8") == "mine"
    assert run("web", "-o", str(target), "--force", "--lang", "en") == (0, f"Saved to {target}.\n", "")
    assert target.read_text(encoding="utf-8") != first  # opens in English
    assert target.stat().st_mode & 0o777 == 0o644  # a page to publish: it holds no answers


def test_the_page_is_printed_without_o() -> None:
    code, out, err = run("web", "mini", "--pathways", str(MINI))
    assert (code, err, out.startswith("<!DOCTYPE html>")) == (0, "", True)


def test_sggg_s_page_stays_under_200_kb(page: str) -> None:
    assert len(page.encode("utf-8")) <= 200_000


def test_the_policy_allows_only_the_page_s_own_style_and_script(page: str) -> None:
    (script,) = _inline(page, "script")
    (style,) = _inline(page, "style")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    assert policy.group(1) == (
        f"default-src 'none'; script-src {_sha256(script)}; style-src {_sha256(style)}; form-action 'none'; "
        "base-uri 'none'"
    )


def test_the_only_address_outside_the_data_is_the_quick_exit(page: str) -> None:
    data = re.findall(r'<script type="application/json" id="data">(.*?)</script>', page, re.DOTALL)
    outside_data = page.replace(data[0], "")
    assert set(re.findall(r"https?://[^\s\"'<>\\]+", outside_data)) == {EXIT_URL}
    assert json.loads(data[0])["exit"] == EXIT_URL
    assert re.findall(r'\b(?:src|href)="([^":]+)', page) == ["https", "tel", "tel", "tel", "tel"]


def test_the_page_is_well_formed_html(page: str) -> None:
    strict_html5(page)


def test_both_languages_are_in_one_page(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="nl" dir="ltr">')
    assert "Snel weg" in page and "Leave quickly" in page


def test_without_javascript_the_numbers_come_from_the_contacts_file(page: str) -> None:
    noscript = page[page.index("<noscript>") : page.index("</noscript>")]
    directory = open_pathway(Library.open(None), "sggg").contacts
    wanted = ("politie-112", "113-zelfmoordpreventie", "veilig-thuis", "centrum-seksueel-geweld")
    # each number a left-to-right isolate: beside a name in Arabic it keeps its order (R9)
    assert re.findall(r'<bdi dir="ltr" class="number">([^<]+)</bdi>', noscript) == [directory[c].phone for c in wanted]


def test_texts_cannot_end_the_data_script(mini_dir: Path) -> None:
    contacts = mini_dir / "contacts.yaml"
    text = contacts.read_text(encoding="utf-8")
    contacts.write_text(
        text.replace(
            "does: {nl: Gratis hulp voor slachtoffers., en: Free help for victims.}",
            f"does: {{nl: '{EVIL}', en: '{EVIL}'}}",
        ),
        encoding="utf-8",
    )
    code, out, _ = run("web", "mini", "--pathways", str(mini_dir))
    assert code == 0
    assert EVIL not in out and "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)" in out
    assert len(_inline(out, "script")) == 1
