"""The lint rules. Importing this package registers every rule in `casefile.lint.api.REGISTRY`.

Families: CF1xx file and front matter, CF2xx the five Ws, CF3xx fact versus opinion, CF4xx language,
CF5xx goals (SMART), CF6xx plans, tasks and referrals, CF7xx records. CF190-CF199 belong to the engine.
"""

from __future__ import annotations

from casefile.lint.rules import five_ws, frontmatter, language, plan, records, smart, wording  # noqa: F401

# The `lint:` keys of casefile.yml that the rules read, for the engine's config validator.
SETTINGS_KEYS = ("words", "glossary", "horizons", "late_entry_after", "draft_limit")


def validate_settings(settings: dict) -> list[str]:
    """Problems with the rules' part of the `lint:` settings (word-list additions that lack examples or whose
    examples misbehave, a glossary that is not a mapping, horizons that cannot be read), one line each."""
    from casefile.dates import parse_duration
    from casefile.errors import InvalidValue
    from casefile.lint import wordlists

    problems = []
    try:
        wordlists.load(settings or {})
    except wordlists.WordListError as e:
        problems.append(str(e))
    h = (settings or {}).get("horizons")
    if h is not None:
        if not isinstance(h, dict):
            problems.append("horizons: must map short and long to [min, max], e.g. {short: [1w, 4w]}")
        else:
            for term, span in h.items():
                try:
                    lo, hi = span
                    parse_duration(lo), parse_duration(hi)
                except (InvalidValue, TypeError, ValueError):
                    problems.append(f"horizons: {term}: must be [min, max] durations such as [1w, 4w]")
    return problems
