"""Staleness in a real browser: the follow-up page for stewards and admins, and the overdue mark the public sees."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from test_accounts import assert_axe_clean, sign_in


def test_the_follow_up_page_lists_what_waits_and_says_no_mail_goes_out(page: Page, artifacts):
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto("/mijn-account")
    page.get_by_role("link", name="Opvolging").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opvolging")
    expect(page.locator("#mail-status")).to_contain_text("er is geen SMTP-relay ingesteld")
    # The seed documents' figures are years old: their indicators are overdue, and no action has a report yet.
    expect(page.get_by_role("table", name="Achterstallige indicatoren")).to_contain_text("Aantal actieve ondernemingen")
    expect(page.get_by_role("table", name=re.compile("^Acties zonder melding"))).to_contain_text("nog nooit")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "follow-up-nl.png"), full_page=False)
    page.goto("/en/admin/follow-up")
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow-up")
    assert_axe_clean(page)


def test_the_public_sees_when_a_figure_is_overdue(page: Page, artifacts):
    page.goto("/indicatoren/actieve-ondernemingen")
    due = page.locator("dd.due")
    expect(due).to_contain_text("achterstallig")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "indicator-overdue-nl.png"), full_page=False)
