"""The engine's part of the `lint:` section of casefile.yml: which rules run, how severe they are, where.

    lint:
      select: [CF2, CF301]          # codes, prefixes or rule names; default: every rule
      ignore: [CF4]                 # taken away from the selection
      severity: {CF301: error}      # per code or prefix
      per_path_ignores:
        "clients/c-0003/**": [CF4]  # globs relative to the caseload root
      fail_on: warning              # exit 1 on findings at or above this severity (default: warning)

Every other key of `lint:` belongs to the rules (word lists, glossary), which declare them in
`casefile.lint.rules.SETTINGS_KEYS`; a key that is neither is a configuration error with a did-you-mean,
and so is a code or prefix that names no rule. A misspelling never silently turns a check off.

Selection follows ruff: the most specific selector wins (`select: [CF3]` with `ignore: [CF301]` runs CF3
but not CF301; `select: [CF301]` with `ignore: [CF3]` runs CF301), an ignore wins a tie.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from casefile.errors import ConfigError, InvalidValue

SEVERITIES = ("info", "warning", "error")
ENGINE_KEYS = ("select", "ignore", "severity", "per_path_ignores", "fail_on")
# casefile.yml's own top-level settings that the rules read (never under `lint:`)
TOP_LEVEL_KEYS = ("late_entry_after", "draft_limit", "horizons")
_CODE = re.compile(r"^CF\d{0,3}$")


def rules_settings_keys() -> tuple[str, ...]:
    """The `lint:` keys the rules read, as the rules package declares them (None: it declares none)."""
    import casefile.lint.rules as rules

    keys = getattr(rules, "SETTINGS_KEYS", None)
    return tuple(keys) if keys is not None else ()


def _registry() -> Mapping[str, Any]:
    from casefile.lint.api import REGISTRY

    return REGISTRY


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    if not close and word.upper() != word:
        close = difflib.get_close_matches(word.upper(), list(choices), n=n, cutoff=0.6)
    return f"did you mean {' or '.join(close)}?" if close else None


def resolve_selector(sel: str, registry: Mapping[str, Any]) -> tuple[str, int]:
    """A selector (code, prefix, rule name or ALL) as (code prefix, specificity). Raises ValueError."""
    s = str(sel).strip()
    if s.upper() == "ALL":
        return "CF", 0
    if _CODE.match(s.upper()):
        prefix = s.upper()
        if any(code.startswith(prefix) for code in registry):
            return prefix, len(prefix)
        raise ValueError(f"{s!r} names no rule")
    for code, r in registry.items():
        if r.name == s:
            return code, len(code)
    raise ValueError(f"{s!r} is not a rule code, prefix or name")


def selector_hint(sel: str, registry: Mapping[str, Any]) -> str | None:
    s = str(sel).strip()
    if _CODE.match(s.upper()):
        # A prefix that names nothing: suggest the codes nearest to it.
        prefixes = set()
        for code in registry:
            prefixes.update(code[:i] for i in range(3, len(code) + 1))
        return did_you_mean(s.upper(), sorted(prefixes)) or "see `casefile rules` for the codes"
    return did_you_mean(s, [r.name for r in registry.values()] + list(registry)) or "see `casefile rules`"


def glob_problem(pattern: str) -> str | None:
    """Why `pattern` is not a usable path glob, or None."""
    p = pattern.strip()
    if p.startswith("/") or re.match(r"^[A-Za-z]:[\\/]", p):
        return "globs are relative to the caseload root"
    if "\\" in p:
        return "use / between folders"
    if any(seg == ".." for seg in p.split("/")):
        return "a glob cannot leave the caseload (..)"
    for seg in p.split("/"):
        if "**" in seg and seg != "**":
            return "** must be a whole folder name, such as clients/**/notes"
    i = 0
    while i < len(p):
        if p[i] == "[":
            j = p.find("]", i + 2 if p.startswith("[!", i) else i + 1)
            if j == -1 or "/" in p[i:j]:
                return "'[' without ']'"
            i = j
        elif p[i] == "]":
            return "']' without '['"
        i += 1
    return None


def glob_to_regex(pattern: str) -> re.Pattern[str]:
    """A path glob: `*` within one folder, `**` across folders, `?` one character, `[...]` a set.

    A pattern without wildcards (or ending in /) names a file or a folder and everything under it; a pattern
    with wildcards matches whole paths (`clients/*` is the client folders, `clients/**` everything in them)."""
    p = pattern.strip()
    if p.startswith("./"):
        p = p[2:]
    subtree = p.endswith("/") or not re.search(r"[*?\[]", p)
    p = p.rstrip("/")
    out, i = [], 0
    while i < len(p):
        c = p[i]
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = p.find("]", i + 2 if p.startswith("[!", i) else i + 1)
            if j == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = p[i + 1:j]
                if body.startswith("!"):
                    body = "^/" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + ("(?:/.*)?$" if subtree else "$"))


@dataclass
class LintSettings:
    select: list[tuple[str, int]] = field(default_factory=lambda: [("CF", 0)])
    ignore: list[tuple[str, int]] = field(default_factory=list)
    severity: list[tuple[str, int, str]] = field(default_factory=list)
    per_path: list[tuple[str, re.Pattern[str], list[tuple[str, int]]]] = field(default_factory=list)
    fail_on: str = "warning"
    rules_settings: dict[str, Any] = field(default_factory=dict)  # the whole `lint:` dict, for ctx.settings
    _enabled_cache: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    # -- which rules run -------------------------------------------------------------------------------
    def _selected(self, code: str, path_ignores: list[tuple[str, int]]) -> bool:
        best_sel = max((n for p, n in self.select if code.startswith(p)), default=-1)
        if best_sel < 0:
            return False
        best_ign = max((n for p, n in self.ignore if code.startswith(p)), default=-1)
        # per-path ignores always win, whatever the selection (as ruff's per-file-ignores)
        return best_sel > best_ign and not any(code.startswith(p) for p, _ in path_ignores)

    def enabled(self, path: str = "", registry: Mapping[str, Any] | None = None) -> frozenset[str]:
        """The codes that run on a file at `path` (relative to the caseload root, posix)."""
        if not self.per_path:
            got = self._enabled_cache.get("")
            if got is not None:
                return got
        reg = registry if registry is not None else _registry()
        extra: list[tuple[str, int]] = []
        matched = []
        for i, (_, rx, sels) in enumerate(self.per_path):
            if path and rx.match(path):
                extra += sels
                matched.append(i)
        key = ",".join(map(str, matched))
        got = self._enabled_cache.get(key)
        if got is None:
            got = frozenset(code for code in reg if self._selected(code, extra))
            self._enabled_cache[key] = got
        return got

    def severity_of(self, code: str, default: str) -> str:
        best, sev = -1, default
        for prefix, n, s in self.severity:
            if code.startswith(prefix) and n > best:
                best, sev = n, s
        return sev

    def fails(self, severity: str) -> bool:
        return SEVERITIES.index(severity) >= SEVERITIES.index(self.fail_on)


def _validate_rules_settings(lint: dict) -> list[str]:
    """The rules package's own check of its keys (word lists, glossary), when it has one."""
    import casefile.lint.rules as rules

    validate = getattr(rules, "validate_settings", None)
    if validate is None:
        return []
    mine = {k: v for k, v in lint.items() if k not in ENGINE_KEYS}
    return list(validate(mine) or []) if mine else []


def _as_list(value: Any, key: str, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in re.split(r"[\s,]+", value) if v]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ConfigError(f"{where}: {key}: must be a list of rule codes, prefixes or names, such as [CF2, CF301]")
    return [str(v) for v in value]


def _selectors(values: list[str], key: str, where: str, registry: Mapping[str, Any]) -> list[tuple[str, int]]:
    out = []
    for v in values:
        try:
            out.append(resolve_selector(v, registry))
        except ValueError as e:
            raise ConfigError(f"{where}: {key}: {e}", selector_hint(v, registry)) from None
    return out


def parse_settings(lint: Any, *, where: str = "casefile.yml: lint", select: list[str] | None = None,
                   ignore: list[str] | None = None, fail_on: str | None = None,
                   registry: Mapping[str, Any] | None = None) -> LintSettings:
    """Check and compile the `lint:` section (and the command line's --select/--ignore/--fail-on)."""
    reg = registry if registry is not None else _registry()
    if lint is None:
        lint = {}
    if not isinstance(lint, dict):
        raise ConfigError(f"{where}: must be a set of settings")
    allowed = ENGINE_KEYS + rules_settings_keys()
    for key in lint:
        if key in TOP_LEVEL_KEYS:
            raise ConfigError(f"{where}: set {key} at the top level of casefile.yml, not under lint:")
        if not isinstance(key, str) or key not in allowed:
            raise ConfigError(f"{where}: unknown setting {str(key)!r}",
                              did_you_mean(str(key), allowed) or f"the settings are {', '.join(allowed)}")
    s = LintSettings(rules_settings=dict(lint))
    if "select" in lint:
        s.select = _selectors(_as_list(lint["select"], "select", where), "select", where, reg)
        if not s.select:
            raise ConfigError(f"{where}: select: names no rules", "leave it out to run every rule")
    s.ignore = _selectors(_as_list(lint.get("ignore"), "ignore", where), "ignore", where, reg)

    sev = lint.get("severity") or {}
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}: severity: must map codes to info, warning or error, such as {{CF301: error}}")
    for k, v in sev.items():
        (prefix, n), = _selectors([str(k)], "severity", where, reg)
        level = str(v).strip().lower()
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity: {k}: {v!r} is not a severity",
                              did_you_mean(level, SEVERITIES) or "use info, warning or error")
        s.severity.append((prefix, n, level))

    ppi = lint.get("per_path_ignores") or {}
    if not isinstance(ppi, dict):
        raise ConfigError(f"{where}: per_path_ignores: must map path globs to codes, "
                          "such as {\"clients/c-0003/**\": [CF4]}")
    for pattern, codes in ppi.items():
        if not isinstance(pattern, str) or not pattern.strip():
            raise ConfigError(f"{where}: per_path_ignores: {pattern!r} is not a path glob")
        bad = glob_problem(pattern)
        if bad:
            raise ConfigError(f"{where}: per_path_ignores: {pattern!r} is not a path glob: {bad}")
        sels = _selectors(_as_list(codes, f"per_path_ignores: {pattern}", where), f"per_path_ignores: {pattern}",
                          where, reg)
        s.per_path.append((pattern, glob_to_regex(pattern), sels))

    fo = lint.get("fail_on", "warning")
    if str(fo).strip().lower() not in SEVERITIES:
        raise ConfigError(f"{where}: fail_on: {fo!r} is not a severity",
                          did_you_mean(str(fo).lower(), SEVERITIES) or "use warning or error")
    s.fail_on = str(fo).strip().lower()

    problems = _validate_rules_settings(lint)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ConfigError(f"{where}: {problems[0]}{more}")

    # The command line replaces the selection and adds to what is ignored.
    if select is not None and list(select):
        s.select = _cli_selectors(select, "--select", reg)
        if not s.select:
            raise InvalidValue("--select: names no rules", "leave it out to run every rule")
    if ignore:
        s.ignore = s.ignore + _cli_selectors(ignore, "--ignore", reg)
    if fail_on:
        if fail_on.lower() not in SEVERITIES:
            raise InvalidValue(f"--fail-on: {fail_on!r} is not a severity", "use info, warning or error")
        s.fail_on = fail_on.lower()
    return s


def _cli_selectors(values: list[str], flag: str, reg: Mapping[str, Any]) -> list[tuple[str, int]]:
    out = []
    for raw in values:
        for v in (x for x in re.split(r"[\s,]+", raw) if x):
            try:
                out.append(resolve_selector(v, reg))
            except ValueError as e:
                raise InvalidValue(f"{flag}: {e}", selector_hint(v, reg)) from None
    return out
