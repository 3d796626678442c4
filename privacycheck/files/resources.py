"""Where the bundled checklists and report templates live, installed or in a checkout."""

from __future__ import annotations

import re
from pathlib import Path

STATE_LAW_FILE = "state-law.toml"  # US state law as data, beside the checklists
_PACKAGE = Path(__file__).resolve().parent.parent  # privacycheck/, above files/


def data_dir(name: str) -> Path:
    """The bundled folder `name` (`checklists` or `report_templates`).

    A wheel ships them as package data under `privacycheck/_data/`; a source checkout
    (or an editable install) has them at the top of the repository.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"bundled folder {name!r} is missing from this installation")


def bundled_checklists() -> dict[str, Path]:
    """Bundled checklist ids mapped to their files (the file stem is the id); the state-law
    data file beside them is not a checklist."""
    folder = data_dir("checklists")
    return {path.stem: path for path in sorted(folder.glob("*.toml")) if path.name != STATE_LAW_FILE}


def archived_checklist(ident: str, version: str) -> Path | None:
    """An earlier version of a bundled checklist, kept so that old reviews compare fairly."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident) or not re.fullmatch(r"[0-9A-Za-z.]{1,20}", version):
        return None
    path = data_dir("checklists") / "archive" / f"{ident}-{version}.toml"
    return path if path.is_file() else None
