"""Koers in a real browser, read as a person reads it.

Every page type in PAGES is opened, screenshotted, read for the texts a reader needs, checked with axe for
serious and critical accessibility violations, and its links are followed. The journeys below click from
page to page the way a visitor would. Adding a page type (an indicator page, a region profile, an English
version) is one line in PAGES.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Response, expect

# The five seed plans, as the home page must list them: id (the address) → title.
PLANS = {
    "streekvisie-zwv": "Just Make It! Socio-economische streekvisie voor Zuid-West-Vlaanderen 2020-2030",
    "fabrieken-voor-de-toekomst": "Een West-Vlaams netwerk van Fabrieken voor de Toekomst",
    "relanceplan-wvl": "Socio-economisch relanceplan West-Vlaanderen",
    "provinciaal-beleid": "Gebiedsgericht en bovenlokaal: het provinciaal economisch beleid",
    "masterplan-wvl": "Economisch masterplan voor West-Vlaanderen",
}

# Known, reported defects: each is an xfail(strict=True) in a PageType's `known` or in KNOWN_PLAN_AXE; when the
# defect is fixed the test passes, strict turns that into a failure, and the entry must be removed here. None today.


@dataclass(frozen=True)
class PageType:
    name: str  # page type: test ids and screenshot names ({name}-{lang}.png)
    lang: str  # expected <html lang>
    path: str
    heading: str  # text the <h1> contains
    texts: tuple[str, ...]  # what a reader must find in <main>
    status: int = 200
    known: dict[str, str] = field(default_factory=dict)  # check ("content", "axe", "links") → known defect


PAGES = [
    PageType("home", "nl", "/", "Plannen", (*PLANS.values(), "5 plannen met samen 39 ambities")),
    PageType("plan", "nl", "/plannen/streekvisie-zwv", PLANS["streekvisie-zwv"],
             ("Structuur en ambities", "Pijler 1", "Bouwsteen 1.2", "Alle ambities", "RESOC Zuid-West-Vlaanderen",
              "28.309 (2016)", "34.000 in 2030", "Voortgang", "zonder oordeel")),
    PageType("plan-actions", "nl", "/plannen/relanceplan-wvl", PLANS["relanceplan-wvl"],
             ("Spoor 1", "Acties met trekker, partners en budget", "Solvabiliteitstest en begeleiding voor starters",
              "POM West-Vlaanderen", "€ 2.500.000")),
    PageType("target", "nl", "/plannen/streekvisie-zwv/ambities/1.2.1", "Ambitie 1.2.1",
             ("Stijging van het aantal actieve ondernemingen in Zuid-West-Vlaanderen", "28.309 (2016)",
              "34.000 in 2030", "Voortgang", "Aantal actieve ondernemingen",
              "FOD Economie (ADSEI), verwerking POM West-Vlaanderen", "Waarnemingen")),
    PageType("indicators", "nl", "/indicatoren", "Indicatoren", ("Aantal vestigingseenheden", "Aantal actieve ondernemingen")),
    # Statbel's establishment units: West Flanders (derived by summing its municipalities) in Q4 2023.
    PageType("indicator", "nl", "/indicatoren/vestigingseenheden", "Aantal vestigingseenheden",
             ("Alle regio's (4e kwartaal 2023, gemeente)", "Door de tijd", "Provincie West-Vlaanderen", "175.043")),
    PageType("regions", "nl", "/regio", "Regio's", ("Gemeente", "Tielt", "Zuid-West-Vlaanderen")),
    # Tielt (37022, formed in 2025): 4.907 establishment units in Q4 2023, as Statbel's file gives.
    PageType("region", "nl", "/regio/37022", "Tielt",
             ("Arrondissement Tielt", "Provincie West-Vlaanderen", "Aantal vestigingseenheden", "4.907")),
    PageType("actions", "nl", "/acties", "Acties van alle plannen",
             ("Budget per participatiecategorie", "Budget per financieringsbron", "Solvabiliteitstest en begeleiding voor starters")),
    PageType("search", "nl", "/zoeken?q=werkzoekenden", "Zoeken",
             ("Daling van het aantal niet-werkende werkzoekenden van 7.719 in 2017 naar 6.000 in 2030",)),
    PageType("methodology", "nl", "/methodologie", "Hoe Koers de voortgang beoordeelt",
             ("Open SDG-voortgangsmaat", "Trendprojectie", "procentpunten")),
    PageType("about", "nl", "/over", "Over Koers en de bronnen",
             ("Plandocumenten", "VDAB", "west_flanders_municipalities_2025.geojson")),
    PageType("home", "en", "/en/", "Plans", ("5 plans with 39 targets in all", "without a verdict")),
    PageType("plan", "en", "/en/plannen/streekvisie-zwv",
             "Just Make It! Socio-economic regional vision for South-West Flanders 2020-2030", ("Structure and targets", "Pillar 1")),
    PageType("target", "en", "/en/plannen/streekvisie-zwv/ambities/1.2.1", "Target 1.2.1",
             ("28,309 (2016)", "34,000 in 2030", "Progress", "Observations")),
    PageType("indicator", "en", "/en/indicatoren/vestigingseenheden", "Aantal vestigingseenheden",
             ("All regions (Q4 2023, municipality)", "Over time", "175,043")),
    PageType("region", "en", "/en/regio/37022", "Tielt", ("Profile", "4,907")),
    PageType("not-found", "nl", "/plannen/bestaat-niet", "Niet gevonden",
             ("Er is geen plan met code ‘bestaat-niet’", "Naar de plannen"), status=404),
    PageType("not-found-target", "nl", "/plannen/streekvisie-zwv/ambities/9.9.9", "Niet gevonden",
             ("heeft geen ambitie ‘9.9.9’", "Naar de plannen"), status=404),
    PageType("not-found-address", "nl", "/nergens", "Niet gevonden", ("Naar de plannen",), status=404),
    PageType("not-found-address", "en", "/en/nowhere", "Not found", ("To the plans",), status=404),
]

# Plans whose pages have known axe findings, per viewport (the actions table only overflows on narrow screens,
# except the relance plan's, whose partner lists make it overflow at 1280 px too).
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
KNOWN_PLAN_AXE: dict[tuple[str, str], str] = {}


def _cases(check: str):
    return [
        pytest.param(p, id=f"{p.name}-{p.lang}",
                     marks=[pytest.mark.xfail(strict=True, reason=p.known[check])] if check in p.known else [])
        for p in PAGES
    ]


def goto(page: Page, path: str) -> Response:
    """Opens an address as a visitor would; a page the browser cannot show fails with the reason."""
    try:
        response = page.goto(path)
    except PlaywrightError as error:
        reason = error.message.splitlines()[0]
    else:
        assert response is not None, f"no response for {path}"
        return response
    if "ERR_HTTP_RESPONSE_CODE_FAILURE" in reason:
        reason += " (the server answered with an error status and an empty body, so there is no page to show)"
    pytest.fail(f"the browser could not show {path}: {reason}", pytrace=False)


def main_text(page: Page) -> str:
    """The visible text of <main>, whitespace runs made single spaces and case folded (CSS may upper-case)."""
    return " ".join(page.locator("main").inner_text().split()).casefold()


def serious_violations(page: Page) -> list[dict]:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    """Each violation's rule, impact and help, then every element it concerns (selector and its HTML)."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  {v.get('helpUrl', '')}")
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"])) if isinstance(node["target"], list) else str(node["target"])
            html = " ".join(node.get("html", "").split())
            lines.append(f"    {target}: {html[:160]}{'…' if len(html) > 160 else ''}")
    return "\n".join(lines)


def facts(dl: Locator) -> dict[str, str]:
    """A definition list as label → value."""
    pairs = dl.evaluate(
        """dl => [...dl.querySelectorAll('dt')].map(dt => {
            const dd = dt.nextElementSibling;
            return [dt.innerText.trim(), dd ? dd.innerText.trim() : ''];
        })"""
    )
    return dict(pairs)


# ---------------------------------------------------------------------------------------------------------
# Every page type


@pytest.mark.parametrize("pt", _cases("content"))
def test_page_shows_what_a_reader_needs(page: Page, pt: PageType, artifacts):
    response = goto(page, pt.path)
    page.screenshot(path=str(artifacts / f"{pt.name}-{pt.lang}.png"), full_page=True)

    assert response.status == pt.status, f"{pt.path}: HTTP {response.status}, expected {pt.status}"
    assert page.locator("html").get_attribute("lang") == pt.lang
    assert "Koers" in page.title(), f"{pt.path}: title {page.title()!r} does not name Koers"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("h1")).to_contain_text(pt.heading)
    text = main_text(page)
    missing = [t for t in pt.texts if t.casefold() not in text]
    assert not missing, f"{pt.path} does not show: {missing}"
    # The site header always leads back home, in the page's language.
    expect(page.locator("header.site a.brand")).to_have_attribute("href", "/en/" if pt.lang == "en" else "/")


@pytest.mark.parametrize("pt", _cases("axe"))
def test_page_has_no_serious_accessibility_violations(page: Page, pt: PageType):
    goto(page, pt.path)
    violations = serious_violations(page)
    if violations:
        pytest.fail(f"axe on {pt.path}:\n{describe(violations)}", pytrace=False)


@pytest.mark.parametrize("pt", _cases("links"))
def test_every_link_on_the_page_leads_somewhere(page: Page, pt: PageType):
    goto(page, pt.path)
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, f"{pt.path} has no links"
    broken = []
    bodies: dict[str, str] = {}
    for href in sorted(set(hrefs)):
        if not href.startswith("/"):
            continue  # external sources are not ours to check here
        address, _, fragment = href.partition("#")
        if address not in bodies:
            response = page.request.get(address or pt.path)
            bodies[address] = response.text() if response.ok else ""
            if not response.ok:
                broken.append(f"{href} → HTTP {response.status}")
                continue
        if fragment and f'id="{fragment}"' not in bodies[address]:
            broken.append(f"{href} → no element with id {fragment!r}")
    assert not broken, f"broken links on {pt.path}:\n" + "\n".join(broken)


def _plan_cases():
    # Plan pages already in PAGES are checked at desktop size there; axe is the slow part of the suite.
    in_pages = {p.path for p in PAGES}
    return [
        pytest.param(plan, vp, id=f"{plan}-{vp}",
                     marks=[pytest.mark.xfail(strict=True, reason=KNOWN_PLAN_AXE[(plan, vp)])]
                     if (plan, vp) in KNOWN_PLAN_AXE else [])
        for plan in PLANS for vp in VIEWPORTS
        if not (vp == "desktop" and f"/plannen/{plan}" in in_pages)
    ]


@pytest.mark.parametrize("plan, viewport", _plan_cases())
def test_every_plan_page_passes_axe_on_desktop_and_phone(page: Page, plan: str, viewport: str):
    page.set_viewport_size(VIEWPORTS[viewport])
    goto(page, f"/plannen/{plan}")
    violations = serious_violations(page)
    if violations:
        pytest.fail(f"axe on /plannen/{plan} at {VIEWPORTS[viewport]['width']} px:\n{describe(violations)}",
                    pytrace=False)


# ---------------------------------------------------------------------------------------------------------
# Journeys: what a visitor does


def test_home_lists_the_five_plans_and_each_card_opens_its_plan(page: Page):
    goto(page, "/")
    cards = page.locator("ul.cards > li")
    expect(cards).to_have_count(len(PLANS))
    titles = [" ".join(t.split()) for t in cards.locator("h2").all_inner_texts()]
    assert sorted(titles) == sorted(PLANS.values())

    for plan, title in PLANS.items():
        goto(page, "/")
        link = page.locator("ul.cards").get_by_role("link", name=title, exact=True)
        expect(link).to_have_attribute("href", f"/plannen/{plan}")
        link.click()
        expect(page).to_have_url(re.compile(rf"/plannen/{re.escape(plan)}$"))
        expect(page.locator("h1")).to_have_text(title)
        # The breadcrumb leads back to the list.
        expect(page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name="Plannen")).to_be_visible()


def test_home_card_counts_match_the_plan_page(page: Page):
    """The card says how many ambitions a plan has; the plan page lists exactly that many."""
    goto(page, "/")
    card = page.locator("ul.cards > li").filter(has_text=PLANS["streekvisie-zwv"])
    content = facts(card.locator("dl.facts"))["Inhoud"]
    stated = int(re.search(r"(\d+) ambities?\b", content).group(1))
    card.get_by_role("link").click()
    rows = page.locator("#ambities + div table tbody tr")
    expect(rows).to_have_count(stated)


def test_plan_page_shows_the_tree_and_targets_and_opens_a_target(page: Page):
    goto(page, "/plannen/streekvisie-zwv")
    tree = page.locator("ul.tree")
    expect(tree).to_be_visible()
    pillars = tree.locator(":scope > li")
    expect(pillars).to_have_count(3)
    for n in (1, 2, 3):
        expect(pillars.nth(n - 1).locator("h3").first).to_contain_text(f"Pijler {n}")

    # Building block 1.2 sits inside pillar 1, and its target 1.2.1 reads baseline → goal.
    block = page.locator('[id="n-1"] [id="n-1.2"]')
    expect(block.locator("h3").first).to_contain_text("Bouwsteen 1.2")
    table = block.locator("table").first
    headers = [h.strip() for h in table.locator("thead th").all_inner_texts()]
    assert "Basis" in headers and "Doel" in headers, f"target table columns: {headers}"
    row = table.locator("tbody tr").filter(has=page.get_by_role("link", name="1.2.1", exact=True))
    cells = [c.strip() for c in row.locator("td").all_inner_texts()]
    assert cells[headers.index("Basis")] == "28.309 (2016)", cells
    assert cells[headers.index("Doel")] == "34.000 in 2030", cells

    row.get_by_role("link", name="1.2.1", exact=True).click()
    expect(page).to_have_url(re.compile(r"/plannen/streekvisie-zwv/ambities/1\.2\.1$"))
    expect(page.locator("h1")).to_contain_text("Ambitie 1.2.1")


def test_target_page_gives_ambition_goal_indicator_and_verdicts(page: Page):
    goto(page, "/plannen/streekvisie-zwv/ambities/1.2.1")
    h1 = page.locator("h1")
    expect(h1).to_contain_text("Ambitie 1.2.1")
    expect(h1).to_contain_text("Stijging van het aantal actieve ondernemingen in Zuid-West-Vlaanderen van 28.309 "
                               "in 2016 naar 34.000 in 2030 (+20%)")

    target = facts(page.locator("main > dl.facts").first)
    assert target.get("Basis") == "28.309 (2016)", target
    assert target.get("Doel") == "34.000 in 2030", target
    assert target.get("Regio") == "Zuid-West-Vlaanderen", target

    indicator = facts(page.locator("main > h2:text-is('Indicator') + dl.facts"))
    assert indicator.get("Naam") == "Aantal actieve ondernemingen", indicator
    assert indicator.get("Bron en verwerking") == "FOD Economie (ADSEI), verwerking POM West-Vlaanderen", indicator
    assert indicator.get("Richting") == "hoger is beter", indicator

    # One verdict per method, each with its word written out and an explanation a reader can follow.
    verdicts = page.locator("section.verdict")
    expect(verdicts).to_have_count(4)
    for method in ("Open SDG-voortgangsmaat", "Eurostat (SDG-monitoringrapport)", "Rechte lijn naar het doel",
                   "Trendprojectie"):
        section = verdicts.filter(has=page.locator("h3", has_text=method))
        expect(section).to_have_count(1)
        expect(section.locator(".badge")).not_to_be_empty()
        expect(section.locator("p")).to_contain_text("28.309 in 2016")

    # The observation behind the baseline, with its source.
    observations = page.get_by_role("table", name="Waarden van deze indicator in Koers, met hun bron")
    row = observations.locator("tbody tr").filter(has_text="2016")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("28.309")
    expect(row.locator("td.source")).to_contain_text("Streekvisie ZWV 2020–2030")


def test_target_breadcrumb_leads_back_to_its_building_block(page: Page):
    goto(page, "/plannen/streekvisie-zwv/ambities/1.2.1")
    crumbs = page.get_by_role("navigation", name="Kruimelpad")
    crumbs.get_by_role("link", name=re.compile(r"^Bouwsteen 1\.2")).click()
    expect(page).to_have_url(re.compile(r"/plannen/streekvisie-zwv#n-1\.2$"))
    expect(page.locator('[id="n-1.2"] h3').first).to_be_in_viewport()


def test_unknown_plan_says_so_and_leads_home(page: Page):
    response = goto(page, "/plannen/bestaat-niet")
    assert response.status == 404
    expect(page.locator("h1")).to_have_text("Niet gevonden")
    expect(page.locator("main")).to_contain_text("Er is geen plan met code ‘bestaat-niet’")
    page.get_by_role("link", name="Naar de plannen").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("h1")).to_have_text("Plannen")


def test_the_language_switch_leads_to_the_same_page_in_english_and_back(page: Page):
    goto(page, "/plannen/streekvisie-zwv/ambities/1.2.1")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/plannen/streekvisie-zwv/ambities/1\.2\.1$"))
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("h1")).to_contain_text("Target 1.2.1")
    expect(page.locator("main")).to_contain_text("34,000 in 2030")
    page.get_by_role("link", name="Nederlands").click()
    expect(page).to_have_url(re.compile(r"/plannen/streekvisie-zwv/ambities/1\.2\.1$"))
    expect(page.locator("main")).to_contain_text("34.000 in 2030")


def test_a_reader_picks_regions_and_downloads_their_values_as_csv(page: Page, artifacts):
    goto(page, "/indicatoren/vestigingseenheden")
    page.locator("select[name=regio]").select_option(["37022", "30000"])
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"regio=37022"))
    table = page.get_by_role("table", name="Waarden van de gekozen regio's")
    expect(table.locator("thead")).to_contain_text("Tielt")
    expect(table.locator("tbody tr").first).to_contain_text("4.907")
    # The chart of the picked regions names them for screen readers.
    expect(page.locator("figure.chart svg desc").last).to_contain_text("Tielt")

    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    path = artifacts / "vestigingseenheden.csv"
    info.value.save_as(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "indicator,region,region_name,period,breakdown,value,flags,source,note"
    tielt = [line for line in lines if ",37022,Tielt,2023-Q4," in line]
    assert tielt and tielt[0].startswith("vestigingseenheden,37022,Tielt,2023-Q4,,4907,"), tielt
    assert all(",37022," in line or ",30000," in line for line in lines[1:]), "only the picked regions"


def test_the_map_links_each_municipality_to_its_profile(page: Page):
    goto(page, "/indicatoren/vestigingseenheden")
    map_svg = page.locator("figure.chart svg").first
    expect(map_svg.locator("a")).to_have_count(62)  # West Flanders' municipalities on 2025 boundaries
    map_svg.locator("a[href='/regio/37022']").click()
    expect(page.locator("h1")).to_contain_text("Tielt")


def test_action_filters_narrow_the_portfolio(page: Page):
    goto(page, "/acties")
    total = int(re.search(r"(\d+) van de (\d+) acties", main_text(page)).group(2))
    page.locator("select[name=plan]").select_option("relanceplan-wvl")
    page.get_by_role("button", name="Toon").click()
    shown = int(re.search(r"(\d+) van de (\d+) acties", main_text(page)).group(1))
    assert 0 < shown < total
    expect(page.get_by_role("table", name="Acties met trekker, partners en budget").locator("tbody tr")).to_have_count(shown)
