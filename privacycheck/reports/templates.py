"""The Jinja2 environment for report templates: the user's --templates folder first, then ours."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from privacycheck.errors import PrivacycheckError
from privacycheck.files.resources import data_dir

MAX_REPEAT = 1_000_000  # the longest string or list `*` may build in a consultant's template
MAX_EXPONENT = 1_000  # the largest power `**` may raise to
MAX_WIDTH = 10_000  # the widest a consultant's template may pad, centre, indent or format a value
MAX_MEMORY = 512 << 20  # the most memory a consultant's template may add while it renders
WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})  # str methods that pad
_WIDE = re.compile(r"\d{5,}")  # a width or precision of five digits or more in a format string
MAX_SECONDS = 60  # the longest a consultant's template may take to render


def environment(user_dir: Path | None = None) -> Any:
    """A Jinja2 Environment: StrictUndefined, autoescape for .html templates.

    With a consultant's `user_dir` the templates run sandboxed (no access to Python
    internals, ranges of at most 100,000) and `*` and `**` are bounded, so a template can
    fail but not hang or fill the memory; template files are read as regular files only,
    with a size cap, like every other file privacycheck reads."""
    import jinja2
    import jinja2.sandbox

    class Loader(jinja2.FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> tuple[str, str, Any]:
            import os

            from privacycheck.files import tomlfile

            pieces = jinja2.loaders.split_template_path(template)
            for folder in self.searchpath:
                filename = os.path.join(folder, *pieces)
                if os.path.lexists(filename):
                    break
            else:
                raise jinja2.TemplateNotFound(template)
            contents = tomlfile.read_text(Path(filename), "report template")
            mtime = os.path.getmtime(filename)

            def uptodate() -> bool:
                try:
                    return os.path.getmtime(filename) == mtime
                except OSError:
                    return False

            return contents, os.path.normpath(filename), uptodate

    class Sandbox(jinja2.sandbox.SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise ArithmeticError(f"a power above {MAX_EXPONENT} is refused")
            if operator == "*":
                for seq, n in ((left, right), (right, left)):
                    if isinstance(seq, str | list | tuple) and isinstance(n, int) and len(seq) * n > MAX_REPEAT:
                        raise MemoryError(f"a repeat longer than {MAX_REPEAT:,} is refused")
            return super().call_binop(context, operator, left, right)

        def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
            """Every call a template makes ("x".center(n), "{:>n}".format(...)): no width
            or count beyond MAX_WIDTH, and no format string asking for one."""
            name = getattr(obj, "__name__", "")
            if name in WIDTH_METHODS:
                _bounded(name, args, kwargs)
            if name in ("format", "format_map"):  # the sandbox wraps str.format: its string is inside
                text = getattr(getattr(obj, "__wrapped__", obj), "__self__", None)
                if isinstance(text, str):
                    _bounded_format(text)
            return super().call(context, obj, *args, **kwargs)

    def bounded_filter(name: str, plain: Any) -> Any:
        def bounded(*args: Any, **kwargs: Any) -> Any:
            if name == "format":  # the values formatted may be any size; the widths may not
                if args and isinstance(args[0], str):
                    _bounded_format(args[0])
            else:
                _bounded(name, args[1:], kwargs)
            return plain(*args, **kwargs)
        return bounded

    folders = [str(user_dir)] if user_dir is not None else []
    folders.append(str(data_dir("report_templates")))
    kind = jinja2.Environment if user_dir is None else Sandbox
    env = kind(
        loader=Loader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm", "html.j2"),
                                            default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if user_dir is not None:  # the filters that build text to a size the template gives
        for name in ("center", "indent", "format", "wordwrap", "truncate"):
            if name in env.filters:
                env.filters[name] = bounded_filter(name, env.filters[name])
    return env


def _bounded(what: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise MemoryError(f"{what}: a width or count above {MAX_WIDTH:,} is refused")


def _bounded_format(text: str) -> None:
    if _WIDE.search(text):
        raise MemoryError(f"a format string asking for a width above {MAX_WIDTH:,} is refused")


def _bytecode_cache(env: Any) -> Any:
    """Compiled templates kept in the private cache (privacycheck.files.cache), so that a report
    does not recompile its template on every run. An entry is keyed by the template's name
    and file, the environment's settings and filters, and the Jinja2 version, and is used
    only while the template's source is unchanged (Jinja2 checks its checksum)."""
    import jinja2
    from jinja2.bccache import BytecodeCache

    from privacycheck.files import cache

    settings = repr((jinja2.__version__, env.sandboxed, env.trim_blocks, env.lstrip_blocks,
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
        with _time_limit(MAX_SECONDS if user_dir is not None else 0), \
                _memory_limit(MAX_MEMORY if user_dir is not None else 0):
            return str(template.render(**context))
    except PrivacycheckError as exc:  # a template file that cannot be read
        raise PrivacycheckError(exc.message) from None
    except TimeoutError as exc:
        raise PrivacycheckError(f"{_template_place(exc, name)}: template error: still rendering "
                                f"after {MAX_SECONDS} seconds (a loop too long?); stopped") from None
    except jinja2.TemplateNotFound as exc:
        place = _template_place(exc, name)
        if exc.name == name and place == name:
            raise PrivacycheckError(f"{name}: report template not found") from None
        raise PrivacycheckError(f"{place}: names template {exc.name!r}, which is not found") from None
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise PrivacycheckError(f"{where}: line {exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.UndefinedError as exc:
        raise PrivacycheckError(f"{_template_place(exc, name)}: {exc.message}") from None
    except RecursionError as exc:
        raise PrivacycheckError(f"{_template_place(exc, name)}: template error: it includes or "
                                "extends itself, directly or through another template") from None
    except (ArithmeticError, LookupError, TypeError, ValueError, AttributeError, MemoryError,
            jinja2.TemplateError) as exc:  # 1/0, a huge number, a sandbox refusal, ...
        cause = str(exc) or type(exc).__name__
        raise PrivacycheckError(f"{_template_place(exc, name)}: template error: "
                                f"{type(exc).__name__}: {cause}") from None


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds` (0: no limit; only where signals work)."""
    import signal
    import threading

    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_limit(extra: int) -> Iterator[None]:
    """Let the block add at most `extra` bytes of memory (0: no limit): beyond it an
    allocation fails with MemoryError, which ends the template with one line instead of
    filling the machine (`~` doubling a string, a join of joins). Only where the system
    enforces an address-space limit (Linux)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            in_use = int(statm.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError):
        extra = 0
    if not extra:
        yield
        return
    limit = in_use + extra
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


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
