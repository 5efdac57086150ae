"""Run the vendored axe-core engine (tests/vendor/axe-core/) on the page a Playwright test has open.

The portal's Content-Security-Policy forbids inline scripts, so axe is not added as a <script> tag: its
source is evaluated through the browser's debugging protocol, which the page's policy does not govern.
Only violations of impact "serious" or "critical" count as failures; the others are for people to read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent.parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = ("serious", "critical")

# Every rule axe has for WCAG 2.0/2.1 A and AA, plus its best practices (landmarks, one h1, heading
# order...), which are reported too but are mostly of "moderate" impact.
RUN_OPTIONS = {"resultTypes": ["violations"]}


@cache
def _axe_source() -> str:
    # "; 0" so that Playwright evaluates the file as an expression, not as a function to call.
    return AXE_JS.read_text(encoding="utf-8") + "\n;0"


@dataclass(frozen=True)
class Violation:
    page: str
    rule: str
    impact: str
    target: str
    summary: str
    help_url: str

    def __str__(self) -> str:
        return f"{self.page}: [{self.impact}] {self.rule} at {self.target}: {self.summary} ({self.help_url})"


def check(page: Page, label: str | None = None) -> list[Violation]:
    """axe's violations of serious or critical impact on the page as it is now, one per element."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results: list[dict[str, Any]] = page.evaluate("options => axe.run(document, options)", RUN_OPTIONS)["violations"]
    where = label or page.url
    return [
        Violation(
            page=where,
            rule=rule["id"],
            impact=rule["impact"],
            target=" ".join(str(part) for part in node["target"]),
            summary=" ".join((node.get("failureSummary") or rule["help"]).split()),
            help_url=rule["helpUrl"],
        )
        for rule in results
        if rule["impact"] in FAILING_IMPACTS
        for node in rule["nodes"]
    ]


def report(violations: list[Violation]) -> str:
    return f"{len(violations)} serious or critical accessibility violations:\n" + "\n".join(map(str, violations))
