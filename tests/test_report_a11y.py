"""Accessibility (WCAG 2.2 AA, Section 508) of every HTML page the tool writes: axe-core runs in
headless Chromium (driven over WebDriver by Debian's chromedriver) on the report, risk
analysis, compare, portfolio and answer-key pages, and finds no serious or critical violation.

Skipped, saying why, without chromium, chromedriver (apt-get install chromium chromium-driver)
or axe-core (`npm install --prefix .ci/node axe-core`, as .ci/run does, or AXE_CORE_JS=path).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from report_cases import at_risk, barely_started

from privacycheck.cli import main
from privacycheck.reports.render import render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
AXE_PLACES = [os.environ.get("AXE_CORE_JS", ""),
              str(ROOT / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"),
              str(ROOT / "node_modules" / "axe-core" / "axe.min.js"),
              "/usr/lib/node_modules/axe-core/axe.min.js",
              "/usr/local/lib/node_modules/axe-core/axe.min.js"]
AXE = next((Path(p) for p in AXE_PLACES if p and Path(p).is_file()), None)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "section508", "best-practice"]

pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (apt-get install chromium)"),
    pytest.mark.skipif(CHROMEDRIVER is None,
                       reason="no chromedriver on PATH (apt-get install chromium-driver)"),
    pytest.mark.skipif(AXE is None, reason="axe-core not found: npm install --prefix .ci/node "
                                           "axe-core (as .ci/run does), or set AXE_CORE_JS"),
]


class Browser:
    """Just enough of the W3C WebDriver protocol, spoken to a local chromedriver."""

    def __init__(self, folder: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        assert CHROMEDRIVER is not None
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={self.port}"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                if self._call("GET", "/status")["value"].get("ready"):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.driver.kill()
                raise RuntimeError("chromedriver did not start")
            time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                f"--user-data-dir={folder / 'profile'}", "--window-size=1200,900"]
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}}
        self.session = self._call("POST", "/session", caps)["value"]["sessionId"]

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data,
                                         method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return json.loads(response.read())

    def axe(self, page: Path) -> list[dict[str, Any]]:
        """axe-core's violations of WCAG 2.2 A and AA on `page`."""
        assert AXE is not None
        base = f"/session/{self.session}"
        self._call("POST", f"{base}/url", {"url": page.as_uri()})
        self._call("POST", f"{base}/timeouts", {"script": 60000})
        script = AXE.read_text(encoding="utf-8") + """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: "tag", values: arguments[0]}})
               .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}))))
               .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
        """
        result = self._call("POST", f"{base}/execute/async", {"script": script, "args": [WCAG_AA]})
        violations: list[dict[str, Any]] = result["value"]
        return violations

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self.session}")
        finally:
            self.driver.terminate()
            self.driver.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium"))
    yield b
    b.close()


def pages(folder: Path) -> dict[str, Path]:
    """Every kind of HTML page the tool writes."""
    written = {}
    for name, result in (("report-at-risk", at_risk()), ("report-incomplete", barely_started())):
        written[name] = folder / f"{name}.html"
        written[name].write_text(render(result, "html"), encoding="utf-8")
    answers = str(GOLDEN / "answers.toml")
    commands = {"report-golden": ["report", answers],
                "compare": ["compare", answers, answers],
                "portfolio": ["portfolio", answers],
                "answer-key": ["train", "key", "solo-paper", "-f", "html"]}
    from risk_fixtures import FULL, write_answers

    with_risks = str(write_answers(folder, FULL))  # a checklist with a threat catalog
    commands["risk-analysis"] = ["report", with_risks, "--risk-analysis"]
    commands["report-with-risk-summary"] = ["report", with_risks]
    import shutil

    years = []
    for year in (2024, 2025, 2026):  # three reviews (copies) for compare's trend
        shutil.copy(GOLDEN / "checklist.toml", folder / "checklist.toml")
        years.append(str(shutil.copy(GOLDEN / "answers.toml", folder / f"review-{year}.toml")))
    commands["plan"] = ["plan", answers]
    commands["trend"] = ["compare", *years]
    for name, command in commands.items():
        written[name] = folder / f"{name}.html"
        assert main([*command, "-o", str(written[name])]) == 0, name
    assert main(["demo", "-o", str(folder / "demo")]) == 0  # and the starter kit, every document
    assert main(["kit", str(folder / "demo" / "answers.toml"), "-o", str(folder / "kit"), "--all", "-f", "html"]) == 0
    written.update({f"kit/{p.stem}": p for p in sorted((folder / "kit").glob("*.html"))})
    return written


def test_every_html_page_has_no_serious_accessibility_violation(
        browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    found = {}
    for name, page in pages(tmp_path).items():
        bad = [v for v in browser.axe(page) if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
    capsys.readouterr()
    assert not found, json.dumps(found, indent=1)


def test_axe_does_find_a_violation_where_there_is_one(browser: Browser, tmp_path: Path) -> None:
    """The check can fail: grey text too pale to read, and an image without a text equivalent."""
    page = tmp_path / "bad.html"
    page.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>'
                    '<p style="color:#ccc">pale</p><svg role="img"><rect width="9" height="9"/>'
                    "</svg></main></body></html>", encoding="utf-8")
    ids = {v["id"] for v in browser.axe(page) if v["impact"] in ("serious", "critical")}
    assert {"color-contrast", "svg-img-alt"} <= ids
