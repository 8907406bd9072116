"""``capexwatch serve``: the web dashboard and JSON API (see :mod:`capexwatch.web.app`)."""

from __future__ import annotations

import click

from ..errors import CapexwatchError
from ..store import default_db_path
from .core import cli, db_option


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on; anything but 127.0.0.1 exposes the data to your network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-writes", is_flag=True, help="Open the database read-write and accept POST /api/ingest.")
@click.option("--token", envvar="CAPEXWATCH_TOKEN", default=None,
              help="Token that POST /api/ingest must send (Authorization: Bearer T); needed with --allow-writes.")
def serve(db: str | None, host: str, port: int, allow_writes: bool, token: str | None) -> None:
    """Serve the database as a web dashboard with a JSON API.

    Read-only unless started with --allow-writes and a --token. Every page has a JSON twin
    (add .json); the OpenAPI description is at /openapi.json and /docs.
    """
    import uvicorn

    from ..web.app import create_app

    if allow_writes and not token:
        raise click.UsageError("--allow-writes needs --token T (or $CAPEXWATCH_TOKEN): writes must be authenticated")
    if token and not allow_writes:
        raise click.UsageError("--token is only used with --allow-writes")
    path = db or default_db_path()
    try:
        app = create_app(path, write_token=token if allow_writes else None)
    except CapexwatchError as error:
        raise click.ClickException(str(error)) from error
    mode = "read-write (POST /api/ingest with the token)" if allow_writes else "read-only"
    click.echo(f"Serving {path} ({mode}) on http://{host}:{port}/ — Ctrl+C to stop", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
