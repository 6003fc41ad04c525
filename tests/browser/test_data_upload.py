"""Data in a real browser: a steward loads a real Statbel file with its mapping, sees what would change, keeps it
as a draft that the public does not see, approves it, and the public then sees every value; a file with problems
gets the same file:line:column list as `koers import`, and nothing is kept."""

from __future__ import annotations

import csv
import json
import re
import subprocess

from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD, PERMITS, PERMITS_MAPPING, SERVER, SHARED
from test_accounts import assert_axe_clean, sign_in


def tielt_2024() -> float:
    """Tielt's new dwellings in 2024 as the file says, read from the file itself."""
    with open(SHARED / PERMITS, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["REFNIS"] == "37022" and row["CD_YEAR"] == "2024":
                return float(row["MS_DWELLING_RES_NEW"])
    raise AssertionError("Tielt 2024 is not in the file")


def observations(page: Page) -> list[dict]:
    answer = page.request.get("/api/v1/indicators/nieuwe-woningen/observations?region=37022")
    assert answer.ok, answer.status
    return json.loads(answer.body())["observations"]


def test_a_steward_loads_a_statbel_file_and_the_public_sees_it_once_approved(page: Page, browser, base_url, artifacts, tmp_path):
    mapping = tmp_path / "bouwvergunningen.yaml"
    mapping.write_text(PERMITS_MAPPING, encoding="utf-8")
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto("/beheer/gegevens")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gegevens laden")
    assert_axe_clean(page)
    page.get_by_label("Bestanden").set_input_files(str(SHARED / PERMITS))
    page.get_by_label("Mappingbestand (YAML, optioneel)").set_input_files(str(mapping))
    page.get_by_role("button", name="Toon wat er zou veranderen").click()

    # The preview: the import's own counts, nothing kept yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorbeeld: wat er zou veranderen")
    expect(page.locator("#total-new")).to_have_text("16930")
    expect(page.locator("#total-revised")).to_have_text("0")
    expect(page.get_by_role("table", name="Per indicator en regio")).to_contain_text("Tielt")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "upload-preview-nl.png"), full_page=False)
    public = browser.new_context(base_url=base_url).new_page()
    assert observations(public) == []

    page.get_by_role("button", name="Bewaar als concept").click()
    expect(page).to_have_url(re.compile(r"/beheer/concepten/\d+$"))
    expect(page.locator("#draft-state")).to_have_text("wacht op goedkeuring")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "draft-waiting-nl.png"), full_page=False)
    draft = page.url

    # Signed in, the indicator page marks the waiting values as concept; the public sees none of them.
    page.goto("/indicatoren/nieuwe-woningen")
    expect(page.locator("#concept-values")).to_contain_text("concept")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "indicator-concept-nl.png"), full_page=False)
    public.goto("/indicatoren/nieuwe-woningen")
    expect(public.locator("#concept-values")).to_have_count(0)
    expect(public.get_by_text(re.compile("^Nog geen waarnemingen"))).to_be_visible()
    assert observations(public) == []

    page.goto(draft)
    page.get_by_label(re.compile("^Opmerking")).first.fill("Gecontroleerd tegen Statbel.be")
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    expect(page.locator("#draft-state")).to_have_text("goedgekeurd")
    expect(page.locator("#draft-decision")).to_contain_text("Gecontroleerd tegen Statbel.be")

    # Now the public sees them, exactly as the file gives them.
    values = {o["period"]: o["value"] for o in observations(public)}
    assert values["2024"] == tielt_2024()
    assert len(values) == 30, sorted(values)
    public.goto("/indicatoren/nieuwe-woningen")
    expect(public.locator("#concept-values")).to_have_count(0)
    public.context.close()


def test_a_file_with_problems_lists_what_the_command_line_lists_and_keeps_nothing(page: Page, artifacts, tmp_path):
    bad = tmp_path / "fouten.csv"
    bad.write_text("indicator,region,period,value\nnieuwe-woningen,37022,2024,12x\nnieuwe-woningen,99999,2024,5\n"
                   "onbekend,37022,2024,5\n", encoding="utf-8")
    cli = subprocess.run([str(SERVER["binary"]), "import", "fouten.csv", "--dry-run", "--db", str(SERVER["workdir"] / "koers.sqlite")],
                         cwd=tmp_path, capture_output=True, text=True)
    assert cli.returncode == 1, cli.stderr
    expected = [line for line in cli.stderr.splitlines() if line.startswith("fouten.csv:")]
    assert len(expected) == 3, cli.stderr

    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto("/beheer/gegevens")
    page.get_by_label("Bestanden").set_input_files(str(bad))
    page.get_by_role("button", name="Toon wat er zou veranderen").click()
    alert = page.locator("#upload-problems")
    expect(alert).to_contain_text("Niets bewaard")
    assert alert.locator("li").all_inner_texts() == expected
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "upload-problems-nl.png"), full_page=False)
    page.goto("/beheer/concepten")
    expect(page.get_by_role("table", name="Concepten")).not_to_contain_text("fouten.csv")

