"""The Jinja2 environment: the built-in templates, overridden by name by the caseload's templates/ folder."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from casefile import model
from casefile.resources import bundled_dir
from casefile.yamledit import scalar

# Lines a template shows to guide the writer; they are removed when the entry is saved.
GUIDE_LINE = re.compile(r"^[ \t]*(<!-- guide:.*-->|# guide:.*)[ \t]*\n?", re.M)


def template_name(kind: str, note_format: str | None = None) -> str:
    if kind == model.NOTE:
        return f"note-{note_format}.md"
    return {model.CLIENT: "profile.md"}.get(kind, f"{kind}.md")


def environment(caseload_templates: Path | None = None):
    import jinja2

    search = [str(caseload_templates)] if caseload_templates and caseload_templates.is_dir() else []
    search.append(str(bundled_dir("templates")))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters["yaml"] = scalar
    # `key:{{ v | value }}` gives `key: v`, or a bare `key:` (no trailing space) when v is empty
    env.filters["value"] = lambda v: "" if v is None or v == "" else " " + scalar(v)
    env.globals["model"] = model
    return env


def render(name: str, context: dict[str, Any], caseload_templates: Path | None = None) -> str:
    import jinja2

    try:
        return environment(caseload_templates).get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        from casefile.errors import ConfigError

        raise ConfigError(f"no template named {name}") from None
    except jinja2.TemplateError as e:
        from casefile.errors import ConfigError

        where = f"{name}:{e.lineno}" if getattr(e, "lineno", None) else name
        raise ConfigError(f"template {where}: {e.message}") from None


def strip_guides(text: str) -> str:
    return GUIDE_LINE.sub("", text)
