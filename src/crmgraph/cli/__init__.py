"""The ``crmgraph`` command: thin click wrappers over the library, grouped along the pipeline.

Each command lives in a small module of this package that imports nothing heavy at
load time, and the group imports a module only when its command is asked for, so
``crmgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from crmgraph import __version__
from crmgraph.errors import CrmgraphError

# name -> (module, attribute), in pipeline order: text -> facts -> RDF -> queries -> networks -> views
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("crmgraph.cli.extract", "extract_command"),
    "evaluate": ("crmgraph.cli.extract", "evaluate_command"),
    "build": ("crmgraph.cli.build", "build_command"),
    "validate": ("crmgraph.cli.build", "validate_command"),
    "query": ("crmgraph.cli.query", "query_command"),
    "convert": ("crmgraph.cli.store", "convert_command"),
    "push": ("crmgraph.cli.store", "push_command"),
    "serve": ("crmgraph.cli.store", "serve_command"),
    "centrality": ("crmgraph.cli.network", "centrality_command"),
    "export": ("crmgraph.cli.network", "export_command"),
    "html": ("crmgraph.cli.html", "html_command"),
}


class PipelineGroup(click.Group):
    """A group that lists its commands in pipeline order and imports each one on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _) in COMMANDS.items() if importlib.util.find_spec(module) is not None]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attribute = COMMANDS[name]
        if importlib.util.find_spec(module_name) is None:
            return None
        return getattr(importlib.import_module(module_name), attribute)


@click.group(cls=PipelineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crmgraph")
def cli() -> None:
    """Knowledge graphs of the actors and relationships in texts on critical raw materials.

    \b
    Typical use:
      crmgraph build                 build graph/ from the default corpus
      crmgraph query "SELECT ..."    ask the graph in SPARQL
    """


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; errors meant for the user become one line on stderr and exit status 1."""
    try:
        cli.main(args=argv, prog_name="crmgraph", standalone_mode=False)
    except CrmgraphError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
