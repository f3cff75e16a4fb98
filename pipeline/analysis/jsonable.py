"""Frozen dataclasses to JSON values and back, by their type hints.

scores.json is written and read by the same model: `dump` turns a result into plain JSON
values, `load` builds it again from them and checks every value against the field's type on
the way, so a file that does not fit the model is refused with the path of the first bad
value rather than read half. Small on purpose: it knows the types the result uses (nested
dataclasses, `X | None`, mappings, lists, tuples, enums, str, int, float, bool)."""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
JSON = None | bool | int | float | str | list["JSON"] | dict[str, "JSON"]

# A dataclass may name the type of a field from the other fields' raw values (the evidence
# of a diagnosis depends on its kind): a classmethod `json_field_types(raw) -> {name: type}`.
FIELD_TYPES_HOOK = "json_field_types"


class SchemaError(ValueError):
    """A JSON value that does not fit the type it is read as; `path` says where."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path or '<top>'}: {message}")
        self.path = path


def dump(value: object) -> JSON:
    """Plain JSON values: dataclasses become objects, mappings objects with string keys,
    tuples lists, enums their value."""
    if isinstance(value, enum.Enum):
        return dump(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): dump(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [dump(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


# read by the kernel reset (`pipeline.batch.kernel.RESET_CODE`): the type hints stay, as they
# are the package's own code
CACHES_OUTLIVE_NOTEBOOKS = True


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def load(tp: type[T], raw: object) -> T:
    """`raw` (parsed JSON) read as `tp`; raises SchemaError on the first value that does not fit."""
    return typing.cast(T, _load(tp, raw, ""))


def _load(tp: Any, raw: object, path: str) -> object:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if tp is Any or tp is object:
        return raw
    if origin in (typing.Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        candidates = [a for a in args if a is not type(None)]
        errors = []
        for candidate in candidates:
            try:
                return _load(candidate, raw, path)
            except SchemaError as exc:
                errors.append(exc)
        raise errors[0] if len(errors) == 1 else SchemaError(path, f"fits none of {tp}")
    if origin is typing.Literal:
        if raw not in args:
            raise SchemaError(path, f"{raw!r} is not one of {args}")
        return raw
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _load_dataclass(tp, raw, path)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(raw)
        except ValueError:
            raise SchemaError(path, f"{raw!r} is not a {tp.__name__}") from None
    if origin in (dict, Mapping):
        if not isinstance(raw, dict):
            raise SchemaError(path, f"expected an object, got {type(raw).__name__}")
        key_type, value_type = args or (str, Any)
        return {_key(key_type, k, path): _load(value_type, v, f"{path}.{k}") for k, v in raw.items()}
    if origin in (list, tuple, Sequence):
        if not isinstance(raw, list):
            raise SchemaError(path, f"expected a list, got {type(raw).__name__}")
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(raw) != len(args):
                raise SchemaError(path, f"expected {len(args)} values, got {len(raw)}")
            return tuple(_load(a, v, f"{path}[{i}]") for i, (a, v) in enumerate(zip(args, raw, strict=True)))
        item = args[0] if args else Any
        items = [_load(item, v, f"{path}[{i}]") for i, v in enumerate(raw)]
        return tuple(items) if origin is tuple else items
    return _scalar(tp, raw, path)


def _key(key_type: Any, key: str, path: str) -> object:
    if key_type is int:
        try:
            return int(key)
        except ValueError:
            raise SchemaError(path, f"key {key!r} is not a whole number") from None
    return _load(key_type, key, path)


def _scalar(tp: Any, raw: object, path: str) -> object:
    if tp is float and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return float(raw)
    if tp in (int, str, bool) and type(raw) is tp:
        return raw
    if tp is type(None) and raw is None:
        return None
    raise SchemaError(path, f"expected {getattr(tp, '__name__', tp)}, got {raw!r}")


def _load_dataclass(cls: type, raw: object, path: str) -> object:
    if not isinstance(raw, dict):
        raise SchemaError(path, f"expected an object for {cls.__name__}, got {type(raw).__name__}")
    known = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise SchemaError(path, f"unknown field(s) {', '.join(unknown)} in {cls.__name__}")
    hints = dict(_hints(cls))
    hook: Callable[[Mapping[str, object]], Mapping[str, Any]] | None = getattr(cls, FIELD_TYPES_HOOK, None)
    if hook is not None:
        hints |= hook(raw)
    values = {}
    for name, spec in known.items():
        if name not in raw:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise SchemaError(f"{path}.{name}", f"missing in {cls.__name__}")
            continue
        values[name] = _load(hints[name], raw[name], f"{path}.{name}")
    try:
        return cls(**values)
    except (TypeError, ValueError) as exc:
        raise SchemaError(path, str(exc)) from exc
