"""Plans edited in a real browser: an admin finds a target through the plan's outline, is refused a period that is
none with the message at the field, saves a change, and the public then sees it on the target's page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from test_accounts import assert_axe_clean, sign_in

# The one target of data/plans/fabrieken-voor-de-toekomst.yaml, which no other browser test reads.
PLAN = "fabrieken-voor-de-toekomst"
TARGET = "5.1"
NOTE = "Bijgesteld in de stuurgroep van een browsertest: drie FvT's blijven het doel."


def test_an_admin_edits_a_target_and_the_public_sees_it(page: Page, browser, base_url, artifacts):
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto("/mijn-account")
    page.get_by_role("link", name="Plannen bewerken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plannen bewerken")
    assert_axe_clean(page)
    page.get_by_role("link", name="Een West-Vlaams netwerk van Fabrieken voor de Toekomst").first.click()
    expect(page.locator("#edit-outline")).to_be_visible()
    assert_axe_clean(page)
    page.locator("#edit-outline").get_by_role("link", name=f"Ambitie {TARGET}").click()
    expect(page).to_have_url(re.compile(rf"/beheer/plannen/{PLAN}/ambities/{re.escape(TARGET)}$"))
    expect(page.get_by_label("Waarde").nth(1)).to_have_value("3")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "plan-edit-target-nl.png"), full_page=False)

    # A period that is none: refused at its field, what was typed kept, nothing saved.
    period = page.locator("#f-target-period")
    period.fill("najaar 2012")
    page.get_by_label("Opmerking (Nederlands)").fill(NOTE)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#edit-errors")).to_contain_text("Niets opgeslagen: 1 veld(en)")
    expect(page.locator("#f-target-period-error")).to_have_text(
        "'najaar 2012' is geen periode (bv. 2030, 2020-Q3 of 2020/2030).")
    expect(period).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Opmerking (Nederlands)")).to_have_value(NOTE)
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "plan-edit-refused-nl.png"), full_page=False)
    public = browser.new_context(base_url=base_url).new_page()
    public.goto(f"/plannen/{PLAN}/ambities/{TARGET}")
    expect(public.locator("main")).not_to_contain_text(NOTE)

    period.fill("2012")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#edit-saved")).to_contain_text("Opgeslagen")
    page.locator("#edit-saved").get_by_role("link", name="Bekijk de publieke pagina").click()
    expect(page).to_have_url(re.compile(rf"/plannen/{PLAN}/ambities/{re.escape(TARGET)}$"))
    public.reload()
    expect(public.locator("main")).to_contain_text(NOTE)
    assert_axe_clean(public)

    # The audit trail names the change, field by field.
    page.goto("/beheer/audit")
    expect(page.locator("main")).to_contain_text(f"target:{PLAN}/{TARGET}")
    expect(page.locator("main")).to_contain_text("note.nl")


def test_the_english_form_of_an_action_passes_axe(page: Page, artifacts):
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto(f"/en/admin/plans/{PLAN}")
    page.locator("#edit-actions").get_by_role("link").first.click()
    expect(page.get_by_role("group", name="Partners")).to_be_visible()
    expect(page.get_by_label("Amount (€), line 1")).to_be_visible()
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "plan-edit-action-en.png"), full_page=False)
