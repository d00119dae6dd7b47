"""Every CLI command is documented in the README (like sqlite-utils' test_docs)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import typer.main

from unspun.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: Any, prefix: str) -> list[str]:
    """Leaf command paths under a click-like group (typer vendors its own click)."""
    out: list[str] = []
    for name, cmd in sorted(group.commands.items()):
        if hasattr(cmd, "commands"):
            out += _commands(cmd, f"{prefix} {name}")
        else:
            out.append(f"{prefix} {name}")
    return out


def test_every_command_is_documented_in_readme() -> None:
    root: Any = typer.main.get_command(app)
    commands = _commands(root, "unspun")
    assert commands, "no commands registered"
    missing = [c for c in commands if not re.search(re.escape(c) + r"\b", README)]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_one_line_help() -> None:
    root: Any = typer.main.get_command(app)
    for name, cmd in root.commands.items():
        assert (cmd.help or cmd.short_help or "").strip(), f"`unspun {name}` has no help text"


def test_readme_starts_with_two_setup_commands() -> None:
    blocks = re.findall(r"```(?:bash|sh)\n(.*?)```", README, flags=re.S)
    assert len(blocks) >= 2
    assert "pip install" in blocks[0] and "unspun" in blocks[0]
    assert "scripts/test.sh" in blocks[1]
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


TABLES_DOC = Path(__file__).parent.parent / "docs" / "tables.md"


def _documented_columns(doc: str, table: str) -> list[tuple[str, str]]:
    """(column, type) rows of the first markdown table under `## <table>`."""
    m = re.search(rf"^## `?{table}`?\s*$(.*?)(?=^## |\Z)", doc, flags=re.M | re.S)
    assert m, f"docs/tables.md has no section `## {table}`"
    rows = re.findall(r"^\| `([a-z_]+)` \| `([^`]+)` \|", m.group(1), flags=re.M)
    return [(c, t) for c, t in rows]


def test_every_table_column_is_documented_with_its_type() -> None:
    from unspun.stories.write import SCHEMAS

    doc = TABLES_DOC.read_text(encoding="utf-8")
    for name, schema in SCHEMAS.items():
        documented = _documented_columns(doc, name)
        assert documented == [(f.name, str(f.type)) for f in schema], name
    assert "docs/tables.md" in README


def test_every_option_of_add_is_documented_in_readme() -> None:
    root: Any = typer.main.get_command(app)
    opts = [o for p in root.commands["add"].params for o in getattr(p, "opts", [])
            if o.startswith("--")]
    assert "--workers" in opts
    missing = [o for o in opts if not re.search(re.escape(o) + r"\b", README)]
    assert not missing, f"`unspun add` options missing from README.md: {missing}"
