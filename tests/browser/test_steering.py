"""The steering loop in a real browser: an action owner of the lead organisation reports on an action, is refused
without a note when it is off course, and the public then sees the report on the action page and the portfolio."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from test_accounts import assert_axe_clean, sign_in

# A relanceplan action POM West-Vlaanderen leads (data/plans/relanceplan-wvl.yaml).
ACTION = "relance-starters-solvabiliteit"
OWNER = "trekker@pomwvl.be"


def add_owner(page: Page) -> str:
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto("/beheer/accounts")
    page.get_by_label("E-mailadres").fill(OWNER)
    page.get_by_label("Rol", exact=True).select_option("action-owner")
    page.locator("#new-organisations").fill("pom-wvl")
    page.get_by_role("button", name="Account toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text(OWNER)
    password = page.locator("#new-password").inner_text()
    page.goto("/mijn-account")
    page.get_by_role("button", name="Afmelden").first.click()
    return password


def test_an_owner_reports_on_an_action_and_the_public_sees_it(page: Page, artifacts):
    password = add_owner(page)
    sign_in(page, OWNER, password)
    page.goto(f"/acties/{ACTION}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Solvabiliteitstest en begeleiding voor starters")
    expect(page.get_by_role("heading", name="Voortgang melden")).to_be_visible()
    assert_axe_clean(page)

    # Off course without a note: refused, every problem named, what was typed kept.
    page.get_by_label("Status").select_option("off-course")
    page.get_by_label(re.compile("^Percentage klaar")).fill("35")
    page.get_by_label(re.compile("^Periode van de melding")).fill("2026-Q3")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Een toelichting is verplicht bij de status „uit koers”.")
    expect(page.get_by_label(re.compile("^Percentage klaar"))).to_have_value("35")
    expect(page.get_by_text("Nog geen melding van de trekker.")).to_be_visible()
    assert_axe_clean(page)

    page.get_by_label("Toelichting").fill("De bank die de test zou uitvoeren, haakte af; een nieuwe partner wordt gezocht.")
    page.get_by_label(re.compile("^Budget besteed")).fill("12.500")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page).to_have_url(re.compile(rf"/acties/{ACTION}#voortgang$"))
    table = page.get_by_role("table", name="Voortgang gemeld door de trekker")
    expect(table).to_contain_text("uit koers")
    expect(table).to_contain_text("€ 12.500")
    expect(table).to_contain_text("3e kwartaal 2026")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "action-report-nl.png"), full_page=True)
    page.goto("/mijn-account")
    page.get_by_role("button", name="Afmelden").first.click()

    # The public: the report on the action page and in the portfolio, and no form.
    page.goto(f"/acties/{ACTION}")
    expect(page.get_by_role("table", name="Voortgang gemeld door de trekker")).to_contain_text("De bank die de test zou uitvoeren")
    expect(page.get_by_role("button", name="Melding opslaan")).to_have_count(0)
    page.goto("/acties?plan=relanceplan-wvl")
    expect(page.get_by_role("row", name=re.compile("Solvabiliteitstest"))).to_contain_text("laatste melding: uit koers · 35 % · 3e kwartaal 2026")
    page.get_by_role("link", name="Solvabiliteitstest en begeleiding voor starters").click()
    expect(page).to_have_url(re.compile(rf"/acties/{ACTION}$"))
