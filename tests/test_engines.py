"""The same tree built by the other engines: the macros as Zensical loads them, then whole builds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from .conftest import FIXTURE, ROOT


@pytest.fixture
def zensical_define_env(archive: Path):
    """macros/__init__.py loaded the way Zensical 0.0.73 loads it: by file path, not registered, no package;
    the package's modules and sys.path are put back afterwards, so the other tests keep theirs."""

    def ours() -> list[str]:
        return [m for m in sys.modules if m == "macros" or m.startswith("macros.")]

    modules, path = {m: sys.modules.pop(m) for m in ours()}, list(sys.path)
    # As in a fresh Zensical process: no package imported, and nothing put the project root on the path.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]

    def define_env(page: str, project: Path = FIXTURE) -> SimpleNamespace:
        spec = importlib.util.spec_from_file_location("macros", ROOT / "macros" / "__init__.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        env = SimpleNamespace(page=SimpleNamespace(path=page, meta={}), conf={"extra": {}}, project_dir=str(project), macros={})
        env.macro = lambda fn, name: env.macros.__setitem__(name, fn)
        module.define_env(env)
        return env

    yield define_env
    for name in ours():
        del sys.modules[name]
    sys.modules.update(modules)
    sys.path[:] = path


def test_under_zensical_each_page_gets_its_own_notes_and_the_data_is_loaded_once(zensical_define_env) -> None:
    first, second = zensical_define_env("disputes/forced-labour.md"), zensical_define_env("index.md")
    assert first.explainer is not second.explainer and first.explainer.site is second.explainer.site
    one = first.macros["dispute"]("forced-labour")
    assert "[^c1]:" in one and "](../sources.md#" in one, "links are relative to the page's own path"
    assert "[^c1]:" in second.macros["home"](), "the next page numbers its notes from 1 again"


def test_under_zensical_an_edited_data_file_is_loaded_again(zensical_define_env, tmp_path: Path) -> None:
    from .conftest import copy_project

    project = copy_project(tmp_path / "project", FIXTURE / "data")
    before = zensical_define_env("people.md", project).explainer.site
    people = project / "data" / "people.yml"
    people.write_text(people.read_text().replace("name: Chung Eui-yong", "name: Chung Eui-yong (edited)"))
    after = zensical_define_env("people.md", project)
    assert after.explainer.site is not before and "Chung Eui-yong (edited)" in after.macros["people"]()


def test_the_zensical_stage_has_the_year_pages_mkdocs_generates(tmp_path: Path) -> None:
    from macros.engines import LINKED, stage
    from macros.hooks import event_years, year_page

    config = stage(ROOT, tmp_path / "stage")
    years = event_years(ROOT)
    assert years and config.read_text() == (ROOT / "mkdocs.yml").read_text()
    for year in years:
        assert (config.parent / f"docs/timeline/{year}.md").read_text() == year_page(year)
    assert all((config.parent / name).resolve() == ROOT / name for name in LINKED)
    assert stage(ROOT, tmp_path / "stage") == config, "staging again starts afresh"
