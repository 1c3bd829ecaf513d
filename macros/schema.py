"""JSON Schemas for editors' tools, generated from the models (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import FILES, EventMeta

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema: one per data/*.yml (a list of entries) and one for event front matter."""
    out: dict[str, dict[str, Any]] = {}
    for name, (model, _) in FILES.items():
        item = model.model_json_schema(by_alias=True)
        defs = item.pop("$defs", {})
        out[f"{name}.schema.json"] = {
            "$schema": DRAFT,
            "title": f"data/{name}.yml",
            "description": f"A list of {model.__name__} entries. {item.get('description', '')}".strip(),
            "type": "array",
            "items": item,
            **({"$defs": defs} if defs else {}),
        }
    event = EventMeta.model_json_schema(by_alias=True)
    out["event.schema.json"] = {"$schema": DRAFT, "title": "data/events/*.md front matter", **event}
    return out


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write(folder: Path) -> list[str]:
    folder.mkdir(exist_ok=True)
    for name, schema in schemas().items():
        (folder / name).write_text(render(schema), encoding="utf-8")
    return sorted(schemas())


def stale(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    return [name for name, schema in sorted(schemas().items())
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(schema)]
