"""JSON Schemas for editors' tools, generated from the models (never edited by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .exports import DOWNLOADS
from .models import FILES, EventMeta

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _list_of(model: type[BaseModel], title: str, mode: str = "validation") -> dict[str, Any]:
    item = model.model_json_schema(by_alias=True, mode=mode)
    defs = item.pop("$defs", {})
    return {
        "$schema": DRAFT,
        "title": title,
        "description": f"A list of {model.__name__} entries. {item.get('description', '')}".strip(),
        "type": "array",
        "items": item,
        **({"$defs": defs} if defs else {}),
    }


def schemas() -> dict[str, dict[str, Any]]:
    """File name -> schema: one per data/*.yml (a list of entries), one for event front matter,
    and one per JSON download (downloads/<name>.schema.json, describing what the site publishes)."""
    out = {f"{name}.schema.json": _list_of(model, f"data/{name}.yml") for name, (model, _) in FILES.items()}
    event = EventMeta.model_json_schema(by_alias=True)
    out["event.schema.json"] = {"$schema": DRAFT, "title": "data/events/*.md front matter", **event}
    return out | download_schemas()


def download_schemas() -> dict[str, dict[str, Any]]:
    """downloads/<name>.schema.json for each JSON download: what the build publishes beside it."""
    return {f"downloads/{name.removesuffix('.json')}.schema.json": _list_of(model, f"downloads/{name}", "serialization")
            for name, (_, model) in DOWNLOADS.items() if model is not None}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def write(folder: Path) -> list[str]:
    for name, schema in schemas().items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(render(schema), encoding="utf-8")
    return sorted(schemas())


def stale(folder: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    return [name for name, schema in sorted(schemas().items())
            if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != render(schema)]
