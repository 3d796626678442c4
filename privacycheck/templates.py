"""The Jinja2 environment for report templates: the user's --templates folder first, then ours."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.resources import data_dir


def environment(user_dir: Path | None = None) -> Any:
    """A Jinja2 Environment: StrictUndefined, autoescape for .html templates."""
    import jinja2

    folders = [str(user_dir)] if user_dir is not None else []
    folders.append(str(data_dir("report_templates")))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "html.j2"),
                                            default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


def _bytecode_cache(env: Any) -> Any:
    """Compiled templates kept in the private cache (privacycheck.cache), so that a report
    does not recompile its template on every run. An entry is keyed by the template's name
    and file, the environment's settings and filters, and the Jinja2 version, and is used
    only while the template's source is unchanged (Jinja2 checks its checksum)."""
    import jinja2
    from jinja2.bccache import BytecodeCache

    from privacycheck import cache

    settings = repr((jinja2.__version__, env.trim_blocks, env.lstrip_blocks,
                     env.keep_trailing_newline, sorted(env.filters), sorted(env.tests)))

    class TemplateCache(BytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            import marshal

            path = cache.entry("templates", settings, bucket.key)
            payload = None if path is None else cache.read(path, bucket.checksum.encode())
            if payload is None:
                return
            try:
                bucket.code = marshal.loads(payload)
            except (EOFError, ValueError, TypeError):
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            import marshal

            path = cache.entry("templates", settings, bucket.key)
            if path is not None and bucket.code is not None:
                cache.write(path, bucket.checksum.encode(), marshal.dumps(bucket.code))

    return TemplateCache()


def render_template(name: str, context: dict[str, Any], user_dir: Path | None = None,
                    filters: dict[str, Any] | None = None) -> str:
    """Render template `name`; any template mistake becomes one line naming template and line."""
    import jinja2

    env = environment(user_dir)
    env.filters.update(filters or {})
    env.bytecode_cache = _bytecode_cache(env)
    try:
        template = env.get_template(name)
        return str(template.render(**context))
    except jinja2.TemplateNotFound:
        raise PrivacycheckError(f"{name}: report template not found") from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise PrivacycheckError(f"{where}: line {exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise PrivacycheckError(f"{_template_place(exc, name)}: {exc.message}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise PrivacycheckError(f"{_template_place(exc, name)}: template error: {exc}") from None


def _template_place(exc: BaseException, name: str) -> str:
    """'file: line N' of the innermost template frame (Jinja rewrites tracebacks so that
    template frames carry the template's file name and line)."""
    tb = exc.__traceback__
    place = name
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if not filename.endswith(".py") and not filename.startswith("<"):
            place = f"{filename}: line {tb.tb_lineno}"
        tb = tb.tb_next
    return place
