"""The lint rules. Importing this package registers every rule in `casefile.lint.api.REGISTRY`.

Families: CF1xx file and front matter, CF2xx the five Ws, CF3xx fact versus opinion, CF4xx language,
CF5xx goals (SMART), CF6xx plans, tasks and referrals, CF7xx records. CF190-CF199 belong to the engine.
"""

from __future__ import annotations

from casefile.lint.rules import five_ws, frontmatter, language, plan, records, smart, wording  # noqa: F401

# The `lint:` keys of casefile.yml that the rules read, for the engine's config validator. (The rules also
# read casefile.yml's top-level `horizons`, `late_entry_after` and `draft_limit`, which are not `lint:` keys.)
SETTINGS_KEYS = ("words", "glossary")


def validate_settings(settings: dict) -> list[str]:
    """Problems with the rules' part of the `lint:` settings (word-list additions that lack examples or whose
    examples misbehave, removals of terms in no list, a glossary that is not a mapping), one line each."""
    from casefile.lint import wordlists

    problems = []
    try:
        wordlists.load(settings or {})
    except wordlists.WordListError as e:
        problems.append(str(e))
    return problems
