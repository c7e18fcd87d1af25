"""The command line: thin commands over the Python API.

Each subcommand lives in its own module of this package and is registered in
``COMMANDS`` below; a command opens what it needs, calls one API function and
turns library errors into one-line messages on stderr.
"""

from __future__ import annotations

import importlib

import click

from ..about import __version__

# command name -> "module:attribute" inside quidixit.cli
COMMANDS = {
    "extract": "extract:extract_cmd",
    "evaluate": "evaluate:evaluate_cmd",
    "ingest": "corpus:ingest_cmd",
    "search": "corpus:search_cmd",
    "speakers": "corpus:speakers_cmd",
    "stats": "corpus:stats_cmd",
    "export": "corpus:export_cmd",
    "import-brat": "corpus:import_brat_cmd",
    "claims": "claims:claims_cmd",
    "spark": "spark:spark_cmd",
    "load-parquet": "spark:load_parquet_cmd",
    "spark-claims": "spark:spark_claims_cmd",
    "serve": "serve:serve_cmd",
}


def time_limit_option(f):
    """``--time-limit SECONDS``: the per-document limit of the extraction (QX151), shared by
    the commands that extract."""
    from ..run.local import DEFAULT_TIME_LIMIT

    return click.option("--time-limit", default=DEFAULT_TIME_LIMIT, show_default=True, type=click.FloatRange(min=0),
                        help="Stop a document's extraction after this many seconds (QX151; the others go on). "
                             "0: no limit.")(f)


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs (keeps `--help` fast)."""

    def list_commands(self, ctx):
        return [name for name in COMMANDS if self._find(name) is not None]

    def get_command(self, ctx, name):
        return self._find(name)

    @staticmethod
    def _find(name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            mod = importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as err:
            if err.name == f"{__name__}.{module}":
                return None  # not written yet
            raise
        return getattr(mod, attr, None)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quidixit")
def main():
    """quidixit: who said what in the news.

    \b
    Example:
      quidixit extract article.txt --format text
    """


if __name__ == "__main__":  # pragma: no cover
    main()
