"""Where the bundled checklists and report templates live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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
    """Bundled checklist ids mapped to their files (the file stem is the id)."""
    folder = data_dir("checklists")
    return {path.stem: path for path in sorted(folder.glob("*.toml"))}
