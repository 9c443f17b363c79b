"""The Jinja2 environments of the memo's text formats: strict, escaped, and sandboxed for a user's template.

Values are data: HTML is autoescaped everywhere, Markdown goes through the ``md`` and ``cell``
filters, and a missing value is an error (``StrictUndefined``), never the word "None". Template
syntax inside dossier text is printed as it is, since Jinja2 never evaluates its values. A
user's ``--template`` runs in Jinja2's immutable sandbox with the same data (the memo as the
audience may read it) and nothing else: no file, no attribute of hrddp's objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hrddp_cli.errors import UsageError
from hrddp_cli.render import _markdown
from hrddp_cli.resources import data_dir
from hrddp_cli.visible import plain


def render(name: str, data: dict[str, Any], html: bool, template: str | None) -> str:
    """The built-in template ``name`` (or the user's file ``template``) rendered with ``data``."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    options: dict[str, Any] = {
        "autoescape": html,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if template is None:
        environment = jinja2.Environment(loader=jinja2.FileSystemLoader(data_dir("templates")), **options)
    else:
        environment = _sandbox(ImmutableSandboxedEnvironment)(**options)
    environment.filters["md"] = lambda value: _markdown.escape(str(value))
    environment.filters["cell"] = lambda value: _markdown.cell(str(value))
    if html:
        data = _pictures(data)
    source = plain(template) if template else name
    try:
        chosen = environment.get_template(name) if template is None else environment.from_string(_read(template))
        if template is None:
            return chosen.render(**data)
        with _time_limit(TIME_LIMIT, source):
            return _bounded(chosen.generate(**data), source)
    except jinja2.TemplateError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line})" if line else ""
        raise UsageError(f"the template {source} cannot be rendered{where}: {plain(str(error))}") from None
    except (TypeError, ValueError, OverflowError, RecursionError, MemoryError) as error:
        # A user's template can ask for what the sandbox refuses in other ways: include without a
        # loader, a range too large, a macro calling itself. Its author must hear why, not get a bug report.
        said = f"{type(error).__name__}: {plain(str(error))}"
        raise UsageError(f"the template {source} cannot be rendered: {said}") from None


TIME_LIMIT = 30  # seconds a user's template may take
SIZE_LIMIT = 20 << 20  # characters it may write


def _sandbox(base: Any) -> Any:
    """The immutable sandbox, with repetition bounded too (``'x' * 10**9`` would fill the memory)."""
    from jinja2.exceptions import SecurityError

    class Sandbox(base):  # type: ignore[misc]
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and right > 64:
                raise SecurityError("an exponent above 64 is refused in a template")
            if operator == "*":
                for sized, times in ((left, right), (right, left)):
                    if (
                        isinstance(sized, str | list | tuple)
                        and isinstance(times, int)
                        and len(sized) * times > SIZE_LIMIT
                    ):
                        raise SecurityError("a repetition this large is refused in a template")
            return super().call_binop(context, operator, left, right)

    return Sandbox


def _bounded(pieces: Any, source: str) -> str:
    out, size = [], 0
    for piece in pieces:
        size += len(piece)
        if size > SIZE_LIMIT:
            raise UsageError(
                f"the template {source} writes more than {SIZE_LIMIT >> 20} M characters; nothing was written"
            )
        out.append(piece)
    return "".join(out)


class _time_limit:
    """Stop a user's template after ``seconds`` (where the system has alarms; elsewhere it runs unbounded)."""

    def __init__(self, seconds: int, source: str) -> None:
        self.seconds, self.source = seconds, source

    def __enter__(self) -> None:
        import signal

        if hasattr(signal, "setitimer"):
            self.previous = signal.signal(signal.SIGALRM, self._expired)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *_: object) -> None:
        import signal

        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _expired(self, *_: object) -> None:
        raise UsageError(f"the template {self.source} ran longer than {self.seconds} s; nothing was written")


def _pictures(data: dict[str, Any]) -> dict[str, Any]:
    """The data with hrddp's own drawings marked as markup; every other value stays text to escape."""
    from markupsafe import Markup

    sections = []
    for section in data["sections"]:
        blocks = [{**b, "svg": Markup(b["svg"])} if "svg" in b else b for b in section["blocks"]]
        sections.append({**section, "blocks": blocks})
    return {**data, "sections": sections}


def _read(template: str) -> str:
    try:
        return Path(template).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read the template {plain(template)}: {error}") from None
