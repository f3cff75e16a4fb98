"""A firm's advice.yaml (or questions.yaml) checked against the default catalogue.

The override lays the firm's texts over the default catalogue entry by entry. An entry that
does not exist there (`construct.actor.concen`) would never be used, so the firm would go
on reading the default text without knowing why; every key of the override must therefore
exist in the default catalogue, with a 'did you mean' for a near miss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.core.config_check import ConfigProblems, Problem, read_mapping, unknown_key


def read_override(path: Path, default: dict[str, Any], what: str = "advice catalogue") -> dict[str, Any]:
    """The override in `path`, every key of it found in `default`; else `ConfigProblems`."""
    override = read_mapping(path, what)
    found = mismatches(override, default)
    if found:
        raise ConfigProblems(path, found)
    return override


def mismatches(override: dict[str, Any], default: dict[str, Any], prefix: str = "") -> list[Problem]:
    out = []
    for key, value in override.items():
        where = f"{prefix}{key}"
        if key not in default:
            out.append(Problem(where, unknown_key(str(key), (str(k) for k in default))))
        elif isinstance(default[key], dict):
            if isinstance(value, dict):
                out += mismatches(value, default[key], f"{where}.")
            else:
                out.append(Problem(where, f"must be a mapping with the keys {', '.join(map(str, default[key]))}"))
        elif isinstance(value, dict):
            out.append(Problem(where, "must be a text or a list, as in the default catalogue"))
    return out
