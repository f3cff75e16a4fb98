"""Configuration files checked against typed models, with messages a user can act on.

Every configuration file (coalition.yaml, brand.yaml, a norm file, a firm's advice.yaml) is
parsed into a pydantic model before anything runs. A mistake becomes a `ConfigProblems`
error that names the file and the key (`fonts.body`, `settings.bands.strength`) and, for a
misspelled key, the key that was probably meant: a typo must never be ignored silently, and
the user must not have to read a library's traceback to find it. All problems of a file are
reported at once, so one round of fixes is enough."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from pipeline.core.errors import ConfigError
from pipeline.core.yaml_text import load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One mistake in a configuration file: the dotted key it is at ('' for the whole file)."""

    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.message}" if self.key else self.message


class ConfigProblems(ConfigError):
    """A configuration file with one or more problems, each naming its key."""

    def __init__(self, path: Path | str, problems: list[Problem]):
        self.problems = problems
        super().__init__(path, "; ".join(str(p) for p in problems))


def error_lines(error: ConfigError) -> list[str]:
    """One line per problem, each naming the file: what a person reads in a terminal."""
    if isinstance(error, ConfigProblems):
        return [f"{error.path}: {problem}" for problem in error.problems]
    return [str(error)]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """' (did you mean 'sheet'?)' for a near miss, '' when nothing is close."""
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_key(key: str, known: Iterable[str]) -> str:
    known = sorted(known)
    return f"unknown key{did_you_mean(key, known)}; known keys: {', '.join(known)}"


def read_mapping(path: Path, what: str) -> dict[str, Any]:
    """A YAML file that must hold a mapping; an empty file is an empty mapping."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(path, f"cannot read the {what}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ConfigError(path, f"the {what} must be a mapping of keys to values")
    return raw


def parse(model: type[M], raw: Any, path: Path, prefix: str = "", context: dict[str, Any] | None = None) -> M:
    """`raw` as `model` (its validators see `context`), or `ConfigProblems` naming every
    wrong key of `path`."""
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        raise ConfigProblems(path, problems(exc, model, prefix)) from None


def problems(exc: ValidationError, model: type[BaseModel] | None = None, prefix: str = "") -> list[Problem]:
    """One problem per validation error, at its dotted key; unknown keys get a 'did you mean'
    from the keys `model` accepts at that place."""
    out = []
    for error in exc.errors():
        loc = [str(part) for part in error["loc"]]
        key = ".".join([prefix, *loc] if prefix else loc)
        if error["type"] == "extra_forbidden":
            message = unknown_key(loc[-1], _fields_at(model, loc[:-1]) if model else [])
        else:
            message = str(error["msg"]).removeprefix("Value error, ")
            if "input" in error and not isinstance(error["input"], (dict, list)):
                message += f" (found {error['input']!r})"
        out.append(Problem(key, message))
    return out


def _fields_at(model: type[BaseModel], loc: list[str]) -> list[str]:
    """The keys a nested model at `loc` accepts (for a 'did you mean'); [] when not a model."""
    current: Any = model
    for part in loc:
        current = _model_in(current)
        if current is None:
            return []
        if part in current.model_fields:
            current = current.model_fields[part].annotation
        # else: a list index or a mapping key; the annotation's model is found by _model_in
    found = _model_in(current)
    return [f.alias or name for name, f in found.model_fields.items()] if found else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `Brand`, `Brand | None`, `list[Brand]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
