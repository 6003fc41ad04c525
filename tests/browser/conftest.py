"""Fixtures for the browser tests: a real `koers serve` on a fresh store, and Debian's Chromium.

The server runs once per test session on a free port with a new SQLite file in a temporary folder, so the
pages show exactly the bundled seed plans. Playwright drives the system Chromium (`/usr/bin/chromium`); it
never downloads a browser of its own.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ARTIFACTS = HERE / "artifacts"

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# A first start loads the bundled geography and plans into the new store (about a second here).
START_TIMEOUT = float(os.environ.get("KOERS_START_TIMEOUT", "60"))
# One size for every screenshot, so that runs can be compared side by side.
VIEWPORT = {"width": 1280, "height": 800}


def _koers_binary() -> Path:
    raw = os.environ.get("KOERS_BIN", ".build/debug/koers")
    path = Path(raw)
    if not path.is_absolute():
        path = REPO / path
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.exit(
            f"koers binary not found or not executable: {path}\n"
            "Build it (swift build) or point KOERS_BIN at one.",
            returncode=2,
        )
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _tail(path: Path, limit: int = 4000) -> str:
    text = path.read_text(errors="replace") if path.exists() else ""
    text = text.strip() or "(empty)"
    return text if len(text) <= limit else "…" + text[-limit:]


SHARED = Path(__file__).resolve().parents[3] / "shared"

# Real Statbel data from ../shared, loaded as an analyst would: the establishment units per municipality (Q4
# 2018-2023, 2025 boundaries) and the municipal outlines of West Flanders, so indicator, region and map pages have
# something true to show.
ESTABLISHMENTS = "reference/indicators/statbel_establishment_units_Q4_2018-2023_by_municipality_2025geo.csv"
OUTLINES = "reference/boundaries/west_flanders_municipalities_2025.geojson"
MAPPING = """columns: {region: nis_2025, period: "{year}-{quarter}", value: establishment_units}
ignore: [municipality, arrondissement, province, region]
constants: {indicator: vestigingseenheden}
skip_unlocated: true
source: "Statbel, vestigingseenheden Q4 2018–2023, geografie 2025"
"""


# A second real Statbel series, defined but not loaded: the steering tests upload it in the browser as a draft.
PERMITS = "reference/indicators/statbel_building_permits_annual_by_municipality_1996-2025.csv"
PERMITS_MAPPING = """columns: {region: REFNIS, period: CD_YEAR, value: MS_DWELLING_RES_NEW}
ignore: [REFNIS_NL, REFNIS_FR, CD_PERIOD, MS_BUILDING_RES_NEW, MS_APARTMENT_RES_NEW, MS_SINGLE_HOUSE_RES_NEW,
  MS_TOTAL_SURFACE_RES_NEW, MS_BUILDING_RES_RENOVATION, MS_BUILDING_NONRES_NEW, MS_VOLUME_NONRES_NEW,
  MS_BUILDING_NONRES_RENOVATION, CD_REFNIS_NATION, CD_REFNIS_REGION, CD_REFNIS_PROVINCE, CD_REFNIS_DISTRICT,
  CD_REFNIS_MUNICIPALITY, CD_REFNIS_LEVEL]
constants: {indicator: nieuwe-woningen}
source: "Statbel, bouwvergunningen 1996–2025"
"""

# Where the session's server keeps its store and files, for tests that compare with the command line.
SERVER: dict[str, Path] = {}

# The admin the account tests sign in as, made from the shell as the README says (there is no default account).
ADMIN_EMAIL = "beheerder@pomwvl.be"
ADMIN_PASSWORD = "vier kikkers in de Leie"


def _load_reference_data(binary: Path, workdir: Path) -> None:
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"../shared is missing ({SHARED}); under CI the browser tests need it", pytrace=False)
        pytest.skip(f"../shared is missing ({SHARED})")
    (workdir / "vestigingen.yaml").write_text(MAPPING)
    db = ["--db", str(workdir / "koers.sqlite")]
    steps = [
        ["indicator", "add", "vestigingseenheden", "--name", "Aantal vestigingseenheden", "--unit", "count",
         "--direction", "up", "--aggregation", "sum", "--source", "Statbel", *db],
        ["import", str(SHARED / ESTABLISHMENTS), "--mapping", "vestigingen.yaml", *db],
        ["import-boundaries", str(SHARED / OUTLINES), *db],
        ["indicator", "add", "nieuwe-woningen", "--name", "Vergunde nieuwe woningen", "--unit", "count",
         "--direction", "up", "--aggregation", "sum", "--source", "Statbel", *db],
    ]
    admin = ["user", "add", ADMIN_EMAIL, "--role", "admin", "--password-stdin", *db]
    for step in steps + [admin]:
        run = subprocess.run([str(binary), *step], cwd=workdir, capture_output=True, text=True,
                             input=ADMIN_PASSWORD + "\n" if step is admin else None)
        if run.returncode != 0:
            pytest.fail(f"koers {' '.join(step)} failed ({run.returncode}):\n{run.stderr}{run.stdout}", pytrace=False)


@pytest.fixture(scope="session")
def base_url() -> str:
    """The address of a `koers serve` on a new, temporary SQLite store with the seed plans and real Statbel data;
    stopped and removed afterwards."""
    binary = _koers_binary()
    workdir = Path(tempfile.mkdtemp(prefix="koers-browser-"))
    _load_reference_data(binary, workdir)
    SERVER.update(workdir=workdir, binary=binary)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    stdout_path, stderr_path = workdir / "stdout.log", workdir / "stderr.log"
    # Files rather than pipes: a server that logs a lot can never block on a full pipe.
    with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
        server = subprocess.Popen(
            [str(binary), "serve", "--db", str(workdir / "koers.sqlite"),
             "--host", "127.0.0.1", "--port", str(port)],
            cwd=workdir, stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _answers(url + "/"):
            if server.poll() is not None:
                pytest.fail(
                    f"koers serve exited with status {server.returncode} before answering on {url}\n"
                    f"command: {binary} serve --db {workdir / 'koers.sqlite'} --port {port}\n"
                    f"stderr:\n{_tail(stderr_path)}\nstdout:\n{_tail(stdout_path)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"koers serve did not answer on {url}/ within {START_TIMEOUT:.0f} s "
                    "(set KOERS_START_TIMEOUT to wait longer)\n"
                    f"stderr:\n{_tail(stderr_path)}\nstdout:\n{_tail(stdout_path)}",
                    pytrace=False,
                )
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Browser:
    """Debian's Chromium, headless; without the sandbox when running as root (it refuses to start otherwise)."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.exit(
            f"Chromium not found at {CHROMIUM}; run .ci/install-browser-tests (apt package `chromium`) "
            "or set CHROMIUM to its path.",
            returncode=2,
        )
    args = ["--no-sandbox"] if os.geteuid() == 0 else []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Page:
    """A new tab in a fresh browser context (no cookies or cache shared between tests)."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
