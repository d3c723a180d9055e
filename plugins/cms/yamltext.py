"""A small YAML writer for config.yml: block mappings and lists, JSON-quoted scalars.

JSON's quoted strings, numbers, true/false and null are YAML too, so every scalar is
written with `json.dumps` and nothing can be read back as another type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

__all__ = ["Value", "to_yaml"]

Value = str | int | float | bool | None | Sequence["Value"] | Mapping[str, "Value"]


def _scalar(value: Value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _is_block(value: Value) -> bool:
    return isinstance(value, Mapping | list | tuple) and len(value) > 0


def _lines(value: Value, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, Mapping):
        lines: list[str] = []
        for key, item in value.items():
            if _is_block(item):
                lines.append(f"{pad}{key}:")
                lines += _lines(item, indent + 2)
            else:
                lines.append(f"{pad}{key}: {_empty_or_scalar(item)}")
        return lines
    if isinstance(value, list | tuple):
        lines = []
        for item in value:
            if _is_block(item):
                inner = _lines(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines += inner[1:]
            else:
                lines.append(f"{pad}- {_empty_or_scalar(item)}")
        return lines
    return [pad + _scalar(value)]


def _empty_or_scalar(value: Value) -> str:
    if isinstance(value, Mapping):
        return "{}"
    if isinstance(value, list | tuple):
        return "[]"
    return _scalar(value)


def to_yaml(document: Mapping[str, Value], header: str = "") -> str:
    """`document` as YAML text, after `header` lines written as comments."""
    comments = [f"# {line}".rstrip() for line in header.splitlines()]
    return "\n".join([*comments, *_lines(document, 0)]) + "\n"
