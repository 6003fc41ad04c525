"""Accounts in a real browser: an admin signs in, finds the accounts page, adds someone, reads the audit trail and
signs out; every signed-in page passes axe. The admin is made from the shell in conftest (`koers user add`)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from conftest import ADMIN_EMAIL, ADMIN_PASSWORD
from test_pages import describe, serious_violations


def sign_in(page: Page, email: str, password: str, path: str = "/aanmelden") -> None:
    page.goto(path)
    page.get_by_label(re.compile("E-mailadres|E-mail address")).fill(email)
    page.get_by_label(re.compile("^(Wachtwoord|Password)$")).fill(password)
    page.get_by_role("button", name=re.compile("^(Aanmelden|Sign in)$")).click()


def assert_axe_clean(page: Page) -> None:
    violations = serious_violations(page)
    if violations:
        pytest.fail(f"axe on {page.url}:\n{describe(violations)}", pytrace=False)


def test_a_wrong_password_is_refused_with_one_message(page: Page):
    sign_in(page, ADMIN_EMAIL, "niet het wachtwoord van de beheerder")
    expect(page.get_by_role("alert")).to_have_text("Het e-mailadres of het wachtwoord klopt niet.")
    expect(page).to_have_url(re.compile(r"/aanmelden$"))
    assert_axe_clean(page)


def test_an_admin_signs_in_adds_an_account_reads_the_audit_and_signs_out(page: Page, artifacts):
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    expect(page).to_have_url(re.compile(r"/mijn-account$"))
    expect(page.locator("main")).to_contain_text(ADMIN_EMAIL)
    expect(page.locator("main")).to_contain_text("beheerder")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "account-nl.png"), full_page=True)

    page.get_by_role("link", name="Accounts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accounts")
    expect(page.get_by_role("table")).to_contain_text(ADMIN_EMAIL)
    assert_axe_clean(page)

    page.get_by_label("E-mailadres").fill("analist@pomwvl.be")
    page.get_by_label("Rol", exact=True).select_option("data-steward")
    page.get_by_role("button", name="Account toevoegen").click()
    expect(page.get_by_role("status")).to_have_text("analist@pomwvl.be is toegevoegd als databeheerder.")
    password = page.locator("#new-password").inner_text()
    assert re.fullmatch(r"[A-Za-z0-9]{20}", password), password
    expect(page.get_by_role("table")).to_contain_text("analist@pomwvl.be")
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "accounts-nl.png"), full_page=True)

    page.get_by_role("link", name="Auditspoor").click()
    expect(page.get_by_role("table")).to_contain_text("account.add")
    expect(page.get_by_role("table")).to_contain_text("account:analist@pomwvl.be")
    assert_axe_clean(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    assert download.value.suggested_filename == "koers-audit.csv"

    page.goto("/mijn-account")
    page.get_by_role("button", name="Afmelden").first.click()
    expect(page).to_have_url(re.compile(r"/$"))
    # Signed out on the server: the account page leads to the sign-in form again.
    page.goto("/mijn-account")
    expect(page).to_have_url(re.compile(r"/aanmelden$"))

    # The new account signs in with the password shown once, and may not see the accounts page.
    sign_in(page, "analist@pomwvl.be", password)
    expect(page.locator("main")).to_contain_text("databeheerder")
    expect(page.get_by_role("link", name="Accounts")).to_have_count(0)
    assert page.request.get("/beheer/accounts", max_redirects=0).status == 403


def test_the_english_sign_in_leads_to_the_english_account_page(page: Page):
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD, path="/en/sign-in")
    expect(page).to_have_url(re.compile(r"/en/account$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    assert_axe_clean(page)
    page.get_by_role("button", name="Sign out").first.click()
    expect(page).to_have_url(re.compile(r"/en/?$"))


def totp(secret: str, at: float) -> str:
    """RFC 6238 as authenticator apps compute it (SHA-1, 30 s, 6 digits), the key being the secret's bytes: an
    independent implementation, so that the test checks Koers's codes instead of repeating them."""
    import hashlib
    import hmac
    import struct

    digest = hmac.new(secret.encode(), struct.pack(">Q", int(at // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def test_a_steward_sets_up_a_second_factor_and_signs_in_with_a_recovery_code(page: Page, artifacts):
    import time

    # The admin adds the steward; the steward signs in with the password shown once.
    sign_in(page, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.goto("/beheer/accounts")
    page.get_by_label("E-mailadres").fill("tweede-factor@pomwvl.be")
    page.get_by_label("Rol", exact=True).select_option("data-steward")
    page.get_by_role("button", name="Account toevoegen").click()
    password = page.locator("#new-password").inner_text()
    page.goto("/mijn-account")
    page.get_by_role("button", name="Afmelden").first.click()

    sign_in(page, "tweede-factor@pomwvl.be", password)
    expect(page.locator("#second-factor-status")).to_have_text("Uit.")
    page.get_by_role("link", name="Tweede factor instellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    assert_axe_clean(page)
    secret = page.locator("input[name=secret]").get_attribute("value")
    assert secret and re.fullmatch(r"[A-Z2-7]{32}", secret), secret
    link = page.get_by_role("link", name="Link voor de authenticator-app").get_attribute("href")
    assert link.startswith("otpauth://totp/Koers:tweede-factor@pomwvl.be?secret="), link
    page.get_by_label("Code uit de app").fill(totp(secret, time.time()))
    page.get_by_label("Huidig wachtwoord").fill(password)
    page.get_by_role("button", name="Tweede factor instellen").click()
    expect(page.get_by_role("status")).to_contain_text("De tweede factor staat aan")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[A-Z2-7]{5}(-[A-Z2-7]{5}){3}", c) for c in codes), codes
    assert_axe_clean(page)
    page.screenshot(path=str(artifacts / "second-factor-nl.png"), full_page=True)

    page.goto("/mijn-account")
    page.get_by_role("button", name="Afmelden").first.click()
    # Password, then the second step: a recovery code instead of a code from the app (which would mean waiting for
    # the next 30 seconds: the enrolment's code is spent).
    sign_in(page, "tweede-factor@pomwvl.be", password)
    expect(page.get_by_label("Code uit de app of herstelcode")).to_be_visible()
    assert_axe_clean(page)
    page.goto("/mijn-account")
    expect(page).to_have_url(re.compile(r"/aanmelden$"))
    sign_in(page, "tweede-factor@pomwvl.be", password)
    page.get_by_label("Code uit de app of herstelcode").fill(codes[0].lower())
    page.get_by_role("button", name="Verder").click()
    expect(page).to_have_url(re.compile(r"/mijn-account$"))
    expect(page.locator("#second-factor-status")).to_have_text("Aan; nog 9 ongebruikte herstelcodes.")
    page.get_by_role("button", name="Afmelden").first.click()
