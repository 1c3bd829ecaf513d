"""YAML and front-matter reading that keeps line numbers for error messages.

Dates stay strings (EDTF is parsed later, so an unquoted 2018-10-30 is not turned
into a date object), and a duplicate key is an error rather than a silent overwrite.
"""

from __future__ import annotations

from typing import Any

import frontmatter
import yaml


class LinedDict(dict):
    """A mapping that remembers the line of each key (1-based)."""

    lines: dict[Any, int]


class LinedList(list):
    lines: list[int]


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: many times faster


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """Safe loading without timestamps: dates stay strings for EDTF."""

    def resolve(self, kind: type[yaml.Node], value: str, implicit: tuple[bool, bool]) -> str:
        """The resolver's answer, remembered for short plain scalars (keys, ids, kinds, dates), which repeat
        in every file: libyaml asks for each scalar, and the regex walk in Python was a third of the parse."""
        if kind is not _SCALAR:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:
            return _STR  # quoted: always a string here (no path resolvers)
        tag = _TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 40:
                _TAGS[value] = tag
        return tag


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_STR = "tag:yaml.org,2002:str"
_SCALAR = yaml.ScalarNode
_TAGS: dict[str, str] = {}


class YAMLProblem(ValueError):
    def __init__(self, line: int | None, message: str):
        self.line = line
        super().__init__(message)


def load(text: str, first_line: int = 1) -> Any:
    """Parse YAML; a syntax error becomes a YAMLProblem with its line in the file.

    libyaml composes the nodes; `_build` turns them into LinedDict/LinedList, plain strings
    straight from the node and other scalars through the safe constructor."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(node, loader, set() if "*" in text else None)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + first_line if mark else None
        what = " ".join(x for x in (e.context, e.problem) if x)
        raise YAMLProblem(line, f"invalid YAML: {what}") from None
    except yaml.YAMLError as e:
        raise YAMLProblem(None, f"invalid YAML: {e}") from None
    finally:
        loader.dispose()
    _shift(data, first_line - 1)
    return data


def _build(node: yaml.Node, loader: _Loader, open_nodes: set[int] | None) -> Any:
    """`open_nodes` tracks the collections being built, to refuse a recursive alias; None when the text
    has no alias (no `*`), as in nearly every file."""
    if type(node) is _SCALAR:
        return node.value if node.tag == _STR else loader.construct_object(node)
    if open_nodes is not None:
        if id(node) in open_nodes:
            raise yaml.constructor.ConstructorError(None, None, "a recursive alias", node.start_mark)
        open_nodes.add(id(node))
    try:
        if type(node) is yaml.SequenceNode:
            result: Any = LinedList([_build(child, loader, open_nodes) for child in node.value])
            result.lines = [child.start_mark.line + 1 for child in node.value]
            return result
        result, lines = LinedDict(), {}
        for key_node, value_node in node.value:
            if type(key_node) is _SCALAR and key_node.tag == _STR:
                key = key_node.value
            else:
                key = _build(key_node, loader, open_nodes)
                if isinstance(key, (dict, list)):
                    raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
            if key in lines:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first on line {lines[key]})", key_node.start_mark)
            lines[key] = key_node.start_mark.line + 1
            result[key] = (value_node.value if type(value_node) is _SCALAR and value_node.tag == _STR
                           else _build(value_node, loader, open_nodes))
        result.lines = lines
        return result
    finally:
        if open_nodes is not None:
            open_nodes.discard(id(node))


def _shift(data: Any, by: int) -> None:
    if not by:
        return
    if isinstance(data, LinedDict):
        data.lines = {k: v + by for k, v in data.lines.items()}
        for v in data.values():
            _shift(v, by)
    elif isinstance(data, LinedList):
        data.lines = [v + by for v in data.lines]
        for v in data:
            _shift(v, by)


def split_front_matter(text: str) -> tuple[str, str, int]:
    """Return (front matter, body, line of the body's first line) using python-frontmatter's rule."""
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        raise YAMLProblem(1, "the file must start with a line '---', then YAML front matter, then '---'")
    try:
        fm, body = handler.split(text)
    except ValueError:
        raise YAMLProblem(1, "the front matter has no closing '---' line") from None
    body_line = text[: len(text) - len(body)].count("\n") + 1
    return fm, body, body_line


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest part of `loc` that the YAML recorded."""
    line = None
    node = data
    for part in loc:
        if isinstance(node, LinedDict) and part in node:
            line = node.lines.get(part, line)
            node = node[part]
        elif isinstance(node, LinedList) and isinstance(part, int) and 0 <= part < len(node):
            line = node.lines[part]
            node = node[part]
        else:
            break
    return line
