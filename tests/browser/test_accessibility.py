"""Every page, for every role, in a real browser: axe-core finds no serious or critical
violation, and the main pages fit a phone without scrolling sideways.

Each role signs in to the demo (core.demo.demo_load) and walks the site as a person would: from
the home page it follows every link it is shown, one page per kind of address (a list, a record,
an add or edit form, a heatmap, the matching page…), so a page the role can reach is checked
without this file naming it. The sign-in page (signed out) and the 404 page are checked too.

The main pages (home and the navigation's lists) are also checked at phone width (390 × 844);
with SCREENSHOTS=1 they are saved, at both widths, under test-artifacts/accessibility/.
"""

import hashlib
import os
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from tests.browser.conftest import ARTIFACTS, DESKTOP, PASSWORD, PHONE
from tests.site_walk import SKIPPED, kind_of

pytestmark = [pytest.mark.browser, pytest.mark.accessibility]

SHOTS = ARTIFACTS / "accessibility" if os.environ.get("SCREENSHOTS") else None
BLOCKING = {"serious", "critical"}
MAX_PAGES = 80  # per role: far more kinds of page than the site has, a guard against a loop
# The shapes of the pages axe already passed in this run: a page shaped like one checked before
# (for this role or another) is not checked again, which keeps the run short.
CHECKED: set[str] = set()
# A page's shape: its title and <main> as elements and attributes, with what cannot change axe's
# verdict left out: the words of a text (only whether there is one), the numbers in attributes
# (/requests/12/, row-12), tokens, and a repeated sibling (ten rows shaped alike count as one).
# Classes, roles, labels, links and controls stay, so each role's own controls are checked.
PAGE_SHAPE = """() => {
  const shape = node => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent.trim() ? "T" : "";
    if (node.nodeType !== Node.ELEMENT_NODE) return "";
    const attributes = [...node.attributes].map(({name, value}) =>
      name + "=" + (name === "value" && value.length >= 32 ? "" : value.replace(/[0-9]+/g, "0"))
    );
    const children = [];
    for (const child of node.childNodes) {
      const part = shape(child);
      if (part && part !== children[children.length - 1]) children.push(part);
    }
    return `<${node.tagName} ${attributes.sort().join(" ")}>${children.join("")}</>`;
  };
  return (document.title.trim() ? "T" : "") + shape(document.querySelector("main") || document.body);
}"""
# axe-core on the page (`axe_in_every_page`), reporting only what BLOCKING counts.
# A rule that declares its impact gives every violation that impact, so the rules declared minor
# or moderate (region, heading-order, landmark-*…: a third of them, region the slowest) can never
# report a blocking one and are left out; the rest run as before.
RUN_AXE = """async ({context, blocking}) => {
  const neverBlocking = axe._audit.rules.filter(rule => rule.impact && !blocking.includes(rule.impact));
  const rules = Object.fromEntries(neverBlocking.map(rule => [rule.id, {enabled: false}]));
  const results = await axe.run(context || document, {resultTypes: ["violations"], rules});
  return results.violations.filter(violation => blocking.includes(violation.impact)).map(violation => ({
    id: violation.id, impact: violation.impact, help: violation.help,
    targets: violation.nodes.slice(0, 4).map(node => node.target.join(" ")),
  }));
}"""
# What a page must never show: an empty heading, a filter whose empty choice is not "Any".
PAGE_FAULTS = """() => {
  const faults = [];
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    if (!h.textContent.trim() && !h.closest("[hidden], template")) faults.push("an empty heading <" + h.tagName + ">");
  for (const option of document.querySelectorAll("form[role=search] option[value='']"))
    if (/^-+$|^Unknown$/.test(option.textContent.trim()))
      faults.push(`a filter's empty choice reads "${option.textContent.trim()}"`);
  return faults;
}"""

# Who signs in, and pages each one must have reached (so a broken walk cannot pass unseen).
ROLES = {
    "admin": ("admin@demo.test", ["/accounts/users/", "/accounts/users/invite/", "/registry/states/add/"]),
    "officer": ("officer@demo.test", ["/maturity/", "/decisions/implementation/", "/matching/requests/<n>/"]),
    "focal_bz": ("focal-bz@demo.test", ["/requests/add/", "/requests/<n>/", "/maturity/"]),
    "focal_jm": ("focal-jm@demo.test", ["/matching/invitations/", "/registry/institutions/<n>/"]),
    "host_jm": ("host-jm@demo.test", ["/matching/invitations/", "/notifications/"]),
    "expert": ("expert@demo.test", ["/accounts/profile/", "/registry/people/<n>/"]),
    "partner": ("partner@demo.test", ["/practices/", "/accounts/profile/"]),
}


@dataclass
class Report:
    """What a walk found: serious violations and sideways scrolling, by page."""

    problems: list[str] = field(default_factory=list)
    visited: dict[str, str] = field(default_factory=dict)  # kind → path
    opened: set[str] = field(default_factory=set)  # widgets checked once opened

    def check(self, page, label: str, *, width: str = "desktop") -> None:
        self.problems += [f"{label}: {fault}" for fault in page.evaluate(PAGE_FAULTS)]
        key = hashlib.sha256((width + page.evaluate(PAGE_SHAPE)).encode()).hexdigest()
        if key in CHECKED:
            return
        self._axe(page, label)
        CHECKED.add(key)

    def check_widget(self, page, label: str, selector: str) -> None:
        """Axe on a part of the page that only shows once opened (a drop-down, the phone menu)."""
        self._axe(page, label, context={"include": [[selector]]})

    def _axe(self, page, label: str, context=None) -> None:
        for violation in page.evaluate(RUN_AXE, {"context": context, "blocking": sorted(BLOCKING)}):
            self.problems.append(
                f"{label}: [{violation['impact']}] {violation['id']} — {violation['help']} — {violation['targets']}"
            )

    def check_reflow(self, page, label: str, *, table_fits: bool = False) -> None:
        # WCAG 1.4.10: wide tables scroll inside their own box, never the page.
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.viewport_size["width"]
        if width > viewport:
            self.problems.append(f"{label}: the page scrolls sideways ({width}px in {viewport}px)")
        # The registry's lists keep only the columns that identify a record on a phone: no scrolling.
        overflow = page.eval_on_selector_all(
            ".table-responsive", "boxes => boxes.filter(box => box.scrollWidth > box.clientWidth).length"
        )
        if table_fits and overflow:
            self.problems.append(f"{label}: the table does not fit the screen")


def _links(page, origin: str) -> list[str]:
    # A link marked `download` is a file (a CSV), not a page.
    hrefs = page.eval_on_selector_all("a[href]:not([download])", "links => links.map(link => link.href)")
    paths = []
    for href in hrefs:
        parts = urlsplit(urljoin(page.url, href))
        if f"{parts.scheme}://{parts.netloc}" == origin and not SKIPPED.match(parts.path):
            paths.append(parts.path)
    return paths


def _main_pages(page) -> list[str]:
    """The navigation's own links (home and every list it offers), in order."""
    hrefs = page.eval_on_selector_all(
        "nav[aria-label] .navbar-nav a[href]:not([data-bs-toggle]), a.navbar-brand",
        "links => links.map(link => new URL(link.href).pathname)",
    )
    return list(dict.fromkeys(hrefs))


def _walk(page, origin: str, report: Report, role: str, also: list[str]) -> None:
    queue = deque(["/", *also])
    while queue and len(report.visited) < MAX_PAGES:
        path = queue.popleft()
        kind = kind_of(path)
        if kind in report.visited:
            continue
        response = page.goto(origin + path)
        report.visited[kind] = path
        if response is None or response.status >= 400:
            report.problems.append(f"{role} {path}: a link the site showed answers {response and response.status}")
            continue
        report.check(page, f"{role} {path}")
        _open_column_chooser(page, report, role, path)
        queue.extend(p for p in _links(page, origin) if kind_of(p) not in report.visited)


def _open_column_chooser(page, report: Report, role: str, path: str) -> None:
    chooser = page.locator(".table-columns > button")
    if chooser.count() and "columns" not in report.opened:
        report.opened.add("columns")
        chooser.first.click()
        page.locator("[data-column-chooser]").first.wait_for(state="visible")
        report.check_widget(page, f"{role} {path} (column chooser)", "[data-column-chooser]")


def _phone_pass(page, origin: str, report: Report, role: str, main_pages: list[str]) -> None:
    for path in main_pages:
        name = f"{role}-{path.strip('/').replace('/', '-') or 'home'}"
        if SHOTS:
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.set_viewport_size(DESKTOP)
            page.goto(origin + path)
            page.screenshot(path=SHOTS / f"{name}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.goto(origin + path)
        if SHOTS:
            page.screenshot(path=SHOTS / f"{name}-phone.png", full_page=True)
        report.check_reflow(page, f"{role} {path} (phone)", table_fits=path.startswith("/registry/"))
        report.check(page, f"{role} {path} (phone)", width="phone")
    # The phone menu, opened.
    page.goto(origin + "/")
    page.get_by_role("button", name="Toggle navigation").click()
    page.locator("#main-nav.show").wait_for()
    report.check_widget(page, f"{role} the phone menu", "#main-nav")
    page.set_viewport_size(DESKTOP)


@pytest.fixture(autouse=True)
def axe_in_every_page(page):
    """axe-core in every page the walk opens, handed to the browser once rather than sent again
    with each page (half a megabyte)."""
    page.context.add_init_script(AXE_SCRIPT)


@pytest.fixture
def demo_site(transactional_db):
    """The demo; returns pages a walk reaches only from a record in a given state (the first
    request it opens may not be one the matching page is linked from)."""
    from assistance.models import AssistanceRequest
    from core.demo import demo_load

    demo_load()
    # Belize's request (planned in the demo, with its attachment): the matching page opens at any step.
    approved = AssistanceRequest.objects.filter(state__iso_code="BZ").order_by("pk").first()
    return {"officer": [f"/matching/requests/{approved.pk}/"], "admin": [f"/matching/requests/{approved.pk}/"]}


@pytest.mark.long
@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_a_role_reaches_has_no_serious_accessibility_violation(role, page, live_server, demo_site):
    email, expected = ROLES[role]
    origin = live_server.url
    page.goto(f"{origin}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{origin}/")

    report = Report()
    _walk(page, origin, report, role, demo_site.get(role, []))
    missing = [kind for kind in expected if kind not in report.visited]
    assert not missing, f"{role} never reached {missing}; reached {sorted(report.visited)}"
    page.goto(f"{origin}/no-such-page/")
    report.check(page, f"{role} the 404 page")
    page.goto(f"{origin}/")
    _phone_pass(page, origin, report, role, _main_pages(page))
    assert not report.problems, f"{len(report.problems)} problems:\n" + "\n".join(report.problems)


def test_sign_in_and_not_found_pages_have_no_serious_accessibility_violation(page, live_server, transactional_db):
    report = Report()
    for path in ("/accounts/login/", "/accounts/password-reset/", "/no-such-page/"):
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            page.goto(live_server.url + path)
            report.check(page, f"signed out {path} ({label})", width=label)
            report.check_reflow(page, f"signed out {path} ({label})")
    assert not report.problems, "\n".join(report.problems)


def test_the_check_reports_blocking_violations_and_skips_only_pages_of_a_shape_already_checked(page, live_server):
    """The walk's checker can fail: it reports a button without a name and an image without a
    text (critical), leaves out what axe rates moderate (a skipped heading level), and a page that
    differs only in words and numbers counts as checked while one with another control does not."""
    CHECKED.clear()
    broken = (
        "<!doctype html><html lang='en'><head><title>Broken</title></head><body><main>"
        "<h1>Title {n}</h1><h4>Skipped levels</h4><img src='data:,'><button></button>{extra}</main></body></html>"
    )
    page.goto(live_server.url + "/no-such-page/")  # axe arrives with each page (init script)
    report = Report()
    page.set_content(broken.format(n=1, extra=""))
    report.check(page, "first")
    found = " ".join(report.problems)
    assert "button-name" in found and "image-alt" in found and "heading-order" not in found
    problems = len(report.problems)
    page.set_content(broken.format(n=2, extra=""))
    report.check(page, "same shape")
    assert len(report.problems) == problems
    page.set_content(broken.format(n=3, extra="<input type='text'>"))
    report.check(page, "another control")
    assert "label" in " ".join(report.problems[problems:])
