"""Named, ordered schema migrations for the DuckDB store (sqlite-utils' pattern).

Each migration is a function registered with :func:`migration`; the names of those
already applied are kept in the ``_migrations`` table, so each runs once per database.
Add a new function at the end to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Migration = Callable[[Any], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(func: Migration) -> Migration:
    """Register ``func`` as the next migration, under its own name."""
    MIGRATIONS.append((func.__name__, func))
    return func


@migration
def m001_documents_and_facts(conn: Any) -> None:
    conn.execute("CREATE SEQUENCE IF NOT EXISTS documents_id_seq START 1")
    conn.execute("CREATE SEQUENCE IF NOT EXISTS facts_id_seq START 1")
    conn.execute(
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY DEFAULT nextval('documents_id_seq'),
            doc VARCHAR NOT NULL,          -- file name, or the id of a JSONL line
            hash VARCHAR NOT NULL UNIQUE,  -- SHA-256 of the text: the identity of a document
            title VARCHAR,
            date DATE,
            url VARCHAR,
            publisher VARCHAR,
            source VARCHAR,                -- the path or URL it was read from
            kind VARCHAR NOT NULL DEFAULT 'news',  -- 'news' or 'filing'
            text VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        )
        """
    )
    conn.execute(
        """
        CREATE TABLE facts (
            id BIGINT PRIMARY KEY DEFAULT nextval('facts_id_seq'),
            document_id INTEGER NOT NULL,
            doc VARCHAR NOT NULL,
            entity VARCHAR NOT NULL,
            metric VARCHAR NOT NULL,
            value DECIMAL(38, 6) NOT NULL,
            high DECIMAL(38, 6),
            unit VARCHAR NOT NULL,
            period VARCHAR NOT NULL,
            segment VARCHAR,
            basis VARCHAR,
            quote VARCHAR NOT NULL,
            quote_start INTEGER,
            quote_end INTEGER,
            figure VARCHAR,
            also VARCHAR,                  -- JSON list of {"value", "unit"}
            step VARCHAR,
            provenance VARCHAR             -- JSON: filing form, accession, filed date, concept
        )
        """
    )
    conn.execute("CREATE INDEX facts_entity_idx ON facts (entity)")
    conn.execute("CREATE INDEX facts_document_idx ON facts (document_id)")


@migration
def m002_basis_only_on_changes(conn: Any) -> None:
    # Earlier readers gave a level the basis of the change beside it ("revenue of $57bn, +62% Y/Y");
    # a basis belongs to changes only, and queries that sum levels skip facts that have one.
    conn.execute("UPDATE facts SET basis = NULL WHERE basis IS NOT NULL AND NOT ends_with(metric, '_change')")


def apply_migrations(conn: Any) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM _migrations").fetchall()}
    applied = []
    for name, func in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            func(conn)
            conn.execute("INSERT INTO _migrations (name) VALUES (?)", [name])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
