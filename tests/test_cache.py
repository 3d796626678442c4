"""The private cache of parsed checklists and compiled templates is invisible and safe:
the same output with and without it, a changed file read afresh, a damaged entry ignored,
private modes, and no cache at all when its folder is unusable."""

from __future__ import annotations

import io
import stat
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from privacycheck.cli import main
from privacycheck.files import cache
from privacycheck.model import checklist


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "privacycheck"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def reports(answers: Path) -> dict[str, str]:
    outputs = {}
    for fmt in ("html", "md", "json", "txt"):
        code, out, err = run("report", str(answers), "-f", fmt)
        assert code == 0, err
        outputs[fmt] = out
    for fmt in ("html", "md"):  # the demo also writes its risk analysis (the checklist has threats)
        code, out, err = run("report", str(answers), "--risk-analysis", "-f", fmt)
        assert code == 0, err
        outputs[f"risk-analysis.{fmt}"] = out
    code, out, err = run("checklists", "show", "therapy-practice", "--json")
    assert code == 0, err
    outputs["show"] = out
    kit = answers.parent / "kit-check"  # the starter kit's templates are cached too (demo writes a kit)
    code, out, err = run("kit", str(answers), "-o", str(kit), "--all", "--force", "-f", "html")
    assert code == 0, err
    outputs.update({f"kit/{p.name}": p.read_text() for p in sorted(kit.iterdir())})
    return outputs


def test_reports_are_the_same_without_the_cache_cold_and_warm(
        cache_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("demo", "-o", str(tmp_path / "demo"))[0] == 0
    answers = tmp_path / "demo" / "answers.toml"
    for entry in entries(cache_home):
        entry.unlink()
    monkeypatch.setenv("PRIVACYCHECK_NO_CACHE", "1")
    without = reports(answers)
    assert entries(cache_home) == []
    monkeypatch.delenv("PRIVACYCHECK_NO_CACHE")
    cold = reports(answers)
    assert {p.parent.name for p in entries(cache_home)} == {"toml", "templates"}
    warm = reports(answers)
    assert without == cold == warm
    assert all(text.strip() for text in warm.values())


def test_an_unchanged_checklist_is_not_parsed_again(cache_home: Path, mini: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = checklist.load(str(mini))
    import tomllib

    def no_parsing(text: str) -> object:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", no_parsing)
    assert checklist.load(str(mini)) == first


def test_a_changed_checklist_is_read_afresh(cache_home: Path, mini: Path) -> None:
    before = checklist.load(str(mini))
    mini.write_text(mini.read_text().replace('title = "Mini checklist"', 'title = "Renamed"'))
    after = checklist.load(str(mini))
    assert (before.title, after.title) == ("Mini checklist", "Renamed")
    assert after.sha256 != before.sha256
    mini.write_text(mini.read_text().replace('severity = "low"', 'severity = "tiny"'))
    code, out, _ = run("checklists", "validate", str(mini))
    assert code == 2 and "unknown severity 'tiny'" in out


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_entry_is_ignored_and_replaced(damage: str, cache_home: Path, tmp_path: Path) -> None:
    assert run("demo", "-o", str(tmp_path / "demo"))[0] == 0
    answers = tmp_path / "demo" / "answers.toml"
    good = reports(answers)
    damaged = entries(cache_home)
    assert damaged
    for entry in damaged:
        data = entry.read_bytes()
        entry.write_bytes({"truncate": data[: len(data) // 2],
                           "flip": data[:-1] + bytes([data[-1] ^ 0xFF]),
                           "garbage": b"\x00\xff" * 300,
                           "empty": b""}[damage])
    assert reports(answers) == good
    for entry in damaged:  # rewritten whole again
        assert entry.read_bytes() != b"" and len(entry.read_bytes()) > 600


def test_cache_folder_and_entries_are_private_whatever_the_umask(cache_home: Path, mini: Path) -> None:
    import os

    cache_home.mkdir(parents=True)
    cache_home.chmod(0o755)  # an older, looser folder is tightened
    os.umask(0)
    try:
        checklist.load(str(mini))
    finally:
        os.umask(0o022)
    assert stat.S_IMODE(cache_home.stat().st_mode) == 0o700
    assert stat.S_IMODE((cache_home / "toml").stat().st_mode) == 0o700
    files = entries(cache_home)
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)


def test_an_unusable_cache_folder_only_means_no_cache(tmp_path: Path, mini: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      write_answers: Callable[..., Path]) -> None:
    answers = write_answers({"physical.sound": "no"})
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cache.folder("toml") is None
    assert checklist.load(str(mini)).id == "mini"
    assert run("report", str(answers), "-f", "html")[0] == 0
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # not absolute: ignored, as XDG says
    monkeypatch.setenv("HOME", str(blocker))
    assert cache.folder("toml") is None


def test_someone_elses_cache_folder_is_not_used(cache_home: Path, mini: Path) -> None:
    import os

    if os.getuid() != 0:
        pytest.skip("needs root to give the folder to another user")
    folder = cache_home / "toml"
    folder.mkdir(parents=True, mode=0o700)
    os.chown(folder, 65534, 65534)
    assert cache.folder("toml") is None
    assert checklist.load(str(mini)).id == "mini"
    assert entries(cache_home) == []


def test_a_file_with_dates_is_cached_and_read_back_the_same(cache_home: Path, tmp_path: Path) -> None:
    """The state-law table has a date (as_of): its parse is cached too (dates kept as tagged
    text), and a warm read gives the same data, dates as dates."""
    import datetime as dt

    from privacycheck.files import tomlfile

    path = tmp_path / "dated.toml"
    path.write_text('as_of = 2026-12-03\n[t]\nwhen = 2026-11-24T10:02:00Z\nat = 10:02:00\nlist = [1, "two"]\n')
    _, cold = tomlfile.load(path, "checklist file", cached=True)
    assert [p.parent.name for p in entries(cache_home)] == ["toml"]
    _, warm = tomlfile.load(path, "checklist file", cached=True)
    assert warm == cold
    assert warm["as_of"] == dt.date(2026, 12, 3) and isinstance(warm["t"]["when"], dt.datetime)
    assert warm["t"]["list"] == [1, "two"]
