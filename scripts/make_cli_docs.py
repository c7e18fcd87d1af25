"""Write docs/cli.md: the `--help` of `quidixit` and of each of its commands.

    python scripts/make_cli_docs.py            # (re)write docs/cli.md
    python scripts/make_cli_docs.py --check    # exit 1 when docs/cli.md is out of date

Commands are those of ``quidixit.cli.COMMANDS`` whose module exists (the lazy
group leaves out the ones not written yet), in that order. Help texts are
wrapped at a fixed width so that the file does not depend on the terminal.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click

from quidixit.cli import COMMANDS, main

WIDTH = 88
DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

HEADER = """\
# Command line reference

Generated from `--help` by `scripts/make_cli_docs.py`: do not edit by hand, run
`python scripts/make_cli_docs.py` after changing a command (`--check` tells
whether this file is up to date).
"""


def help_text(name: str | None) -> str:
    """The `--help` of ``quidixit`` (``name=None``) or of ``quidixit NAME``."""
    root = click.Context(main, info_name="quidixit", terminal_width=WIDTH, max_content_width=WIDTH,
                         **main.context_settings)
    if name is None:
        return main.get_help(root)
    cmd = main.get_command(root, name)
    ctx = click.Context(cmd, info_name=name, parent=root, terminal_width=WIDTH, max_content_width=WIDTH)
    return cmd.get_help(ctx)


def cli_docs() -> str:
    """The whole of docs/cli.md."""
    root = click.Context(main, info_name="quidixit")
    names = [n for n in COMMANDS if n in main.list_commands(root)]
    parts = [HEADER]
    for name in [None, *names]:
        title = "quidixit" if name is None else f"quidixit {name}"
        parts.append(f"## {title}\n\n```text\n{help_text(name).rstrip()}\n```\n")
    return "\n".join(parts)


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="Do not write: exit 1 when the file is out of date.")
    parser.add_argument("-o", "--output", type=Path, default=DOCS, help=f"Default: {DOCS}")
    args = parser.parse_args(argv)
    text = cli_docs()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(f"{args.output} is out of date: run python scripts/make_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(run())
