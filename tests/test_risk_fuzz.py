"""Fuzzed answers files with an inventory, risk ratings and addressable decisions: the risk
analysis, the reports, compare and portfolio succeed or fail in one line, exit 2, and never
change the file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from risk_fixtures import FULL, HEAD, RISK_CHECKLIST
from test_fuzz import check_outcome, mutated, run

VALID = (HEAD + FULL + '''
[answers."digital.platform"]
status = "na"
addressable = "not-reasonable"
addressable_note = "No telehealth"

[risks."lost-device"]
likelihood = "low"
reason = "Desktop only"
decision = "accept"
rationale = "Bolted down"
accepted_by = "Sam Lee"

[risks."ransomware"]
decision = "transfer"
transfer_to = "Cyber insurer"
''').replace("\n    ", "\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(VALID))
def test_fuzzed_risk_answers_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mini-risk.toml").write_text(RISK_CHECKLIST)
        (folder / "valid.toml").write_text(VALID)
        path = folder / "review.toml"
        path.write_bytes(data)
        for fmt in ("txt", "md", "html", "json", "csv"):
            check_outcome(*run("report", str(path), "--risk-analysis", "-f", fmt, "-o", str(folder / f"r.{fmt}")))
        check_outcome(*run("report", str(path), "-f", "json", "-o", str(folder / "main.json")))
        check_outcome(*run("compare", str(folder / "valid.toml"), str(path), "-f", "json"))
        check_outcome(*run("portfolio", str(path), str(folder / "valid.toml"), "-f", "json"))
        assert path.read_bytes() == data


def test_the_fuzz_seed_is_a_valid_review() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "mini-risk.toml").write_text(RISK_CHECKLIST)
        (folder / "review.toml").write_text(VALID)
        code, out, err = run("report", str(folder / "review.toml"), "--risk-analysis", "-f", "json")
        assert code == 0, err
        assert '"decision": "transfer"' in out
