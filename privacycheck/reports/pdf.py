"""HTML documents (report, risk analysis, compare, portfolio) printed to PDF through WeasyPrint,
the optional extra `privacycheck[pdf]`, imported only when a PDF is written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError

PAPERS = {"letter": "letter", "a4": "A4"}
DEFAULT_PAPER = "letter"
INSTALL = "pip install 'privacycheck[pdf]'"


def _weasyprint(out: Path | None) -> Any:
    """The weasyprint module, or a one-line error saying how to get it (or do without it)."""
    where = f"{out}: " if out is not None else ""
    try:
        import weasyprint  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        problem = "writing a PDF needs WeasyPrint, which is not installed"
    except OSError:  # the Python package is there, its system libraries (Pango) are not
        problem = "writing a PDF needs WeasyPrint's system libraries (Pango), which are missing"
    else:
        return weasyprint
    html = out.with_suffix(".html").name if out is not None else "report.html"
    raise PrivacycheckError(
        f"{where}{problem}: install it with {INSTALL} (the README says what else your system "
        f"needs), or write -o {html} and print it to PDF from a web browser")


def require(out: Path | None = None) -> None:
    """Fail early, before any work, when no PDF can be written."""
    _weasyprint(out)


def _refuse(url: str, *args: Any, **kwargs: Any) -> Any:
    """Our documents are self-contained: nothing is fetched while printing, not even a file."""
    raise ValueError(f"not fetched (privacycheck works offline): {url[:80]}")


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_SVG = re.compile(r"(<svg\b[^>]*>)(.*?</svg>)", re.DOTALL | re.IGNORECASE)
_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")  # a flat rule: selectors { declarations }
_CLASS = re.compile(r"""class=["']([^"']*)["']""")
_VARIABLE = re.compile(r"(--[\w-]+)\s*:\s*([^;}]+)")
_VAR_USE = re.compile(r"var\((--[\w-]+)\)")


def styled_svg(html: str) -> str:
    """The document with its class rules for the shapes of each inline <svg> repeated inside it,
    custom properties (var(--x)) resolved: WeasyPrint styles SVG shapes from the SVG's own
    <style> only, so that charts coloured by the page's stylesheet would print black."""
    css = "\n".join(_STYLE.findall(html))
    if not css or not _SVG.search(html):
        return html
    variables = {name: value.strip() for name, value in _VARIABLE.findall(css)}
    rules = []  # (class names, the rule) for rules whose selectors are all plain classes
    for selectors, body in _RULE.findall(_VAR_USE.sub(
            lambda m: variables.get(m.group(1), "initial"), css)):
        names = [part.strip() for part in selectors.split(",")]
        if names and all(re.fullmatch(r"\.[\w-]+", n) for n in names):
            rules.append(({n[1:] for n in names}, f"{','.join(names)}{{{body}}}"))

    def add_style(match: re.Match[str]) -> str:
        used = {c for classes in _CLASS.findall(match.group(2)) for c in classes.split()}
        own = "".join(rule for classes, rule in rules if classes & used)
        return f"{match.group(1)}<style>{own}</style>{match.group(2)}" if own else match.group(0)

    return _SVG.sub(add_style, html)


def html_to_pdf(html: str, paper: str = DEFAULT_PAPER, out: Path | None = None) -> bytes:
    """The PDF of an HTML document, printed with its print stylesheet on `paper` (letter or a4)."""
    weasyprint = _weasyprint(out)
    html = styled_svg(html)
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no CSS chatter on the terminal
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    page = weasyprint.CSS(string=f"@page {{ size: {PAPERS[paper]} !important; }}")
    document = weasyprint.HTML(string=html, url_fetcher=_refuse, media_type="print")
    pdf: bytes = document.write_pdf(stylesheets=[page])
    return pdf
