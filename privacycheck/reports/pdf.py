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


def _offline(weasyprint: Any) -> tuple[Any, list[str]]:
    """A URL fetcher that reads `data:` URLs (an image embedded in a template) and refuses
    everything else, a file included: documents are self-contained and privacycheck works
    offline. Returns it with the list of what it refused. WeasyPrint 70 takes a URLFetcher
    object; earlier versions a function."""
    refused: list[str] = []

    def refuse(url: str) -> None:
        refused.append(url)
        raise ValueError(f"not fetched (privacycheck works offline): {url[:80]}")

    fetcher_class = getattr(getattr(weasyprint, "urls", None), "URLFetcher", None)
    if fetcher_class is not None:
        class Offline(fetcher_class):  # type: ignore[misc, valid-type]
            def fetch(self, url: str, headers: Any = None) -> Any:
                if url[:5].lower() != "data:":
                    refuse(url)
                return super().fetch(url, headers)

        return Offline(allowed_protocols={"data"}), refused

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:
        if url[:5].lower() != "data:":
            refuse(url)
        return weasyprint.default_url_fetcher(url, *args, **kwargs)

    return fetch, refused


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


VARIANT = "pdf/a-3a"  # archival (PDF/A-3, which may carry attachments) and tagged for screen readers
SOURCE_NAME = "answers.toml"  # the name the answers file is attached under


def source_line(name: str, data: bytes) -> str:
    """The sentence a report prints about the answers file attached to it."""
    import hashlib
    from html import escape

    digest = hashlib.sha256(data).hexdigest()
    return (f'<p class="source small muted">This document was made from the answers file '
            f'{escape(name)}, attached to it, whose SHA-256 checksum is <span class="sha">{digest}</span>.</p>')


def html_to_pdf(html: str, paper: str = DEFAULT_PAPER, out: Path | None = None, author: str = "",
                source: tuple[str, bytes] | None = None) -> bytes:
    """The PDF of an HTML document, printed with its print stylesheet on `paper` (letter or a4):
    archival and tagged (PDF/A-3a), its title and language from the document, `author` as its
    author, and `source` (a file name and its bytes: the answers file) attached, with its
    checksum printed at the end."""
    weasyprint = _weasyprint(out)
    html = styled_svg(html)
    if author and not re.search(r"<meta\s+name=[\"']author[\"']", html, re.IGNORECASE):
        from html import escape

        html = re.sub(r"(<head[^>]*>)", lambda m: f'{m.group(1)}<meta name="author" content="{escape(author)}">',
                      html, count=1, flags=re.IGNORECASE)
    attachments = []
    if source is not None:
        import io

        name, data = source
        html = re.sub(r"(</main>|</body>)", lambda m: source_line(name, data) + m.group(1), html, count=1,
                      flags=re.IGNORECASE)
        attachments.append(weasyprint.Attachment(file_obj=io.BytesIO(data), name=SOURCE_NAME,
                                                 description="The answers file this document was made from",
                                                 relationship="Source"))
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # no CSS chatter on the terminal
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    page = weasyprint.CSS(string=f"@page {{ size: {PAPERS[paper]} !important; }}")
    fetcher, refused = _offline(weasyprint)
    document = weasyprint.HTML(string=html, url_fetcher=fetcher, media_type="print")
    pdf: bytes = document.write_pdf(stylesheets=[page], pdf_variant=VARIANT, pdf_tags=True,
                                    attachments=attachments or None)
    if refused:
        where = f"{out}: " if out else ""
        raise PrivacycheckError(f"{where}the document refers to {refused[0][:80]!r}, which privacycheck "
                                "does not fetch (it works offline): put an image in a template as a "
                                "data: URL")
    return pdf
