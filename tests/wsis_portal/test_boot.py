"""`make run` with DATABASE_URL pointing at a server that lacks the database creates it."""

from __future__ import annotations

import os
import urllib.parse
import uuid

import psycopg
import pytest

from wsis_portal import boot


def _url(name: str) -> str:
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def _exists(name: str) -> bool:
    with psycopg.connect(_url("postgres"), autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def test_a_missing_database_is_created_once_and_a_bad_server_is_reported() -> None:
    if not os.environ.get("DATABASE_URL"):
        pytest.skip("needs DATABASE_URL (run through `make test`)")
    name = f"wsis_boot_{uuid.uuid4().hex[:8]}"
    try:
        assert boot.ensure_database(_url(name)) is True
        assert _exists(name)
        assert boot.ensure_database(_url(name)) is False  # already there: nothing to do
    finally:
        with psycopg.connect(_url("postgres"), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    # A server nobody listens on: reported, not raised (the first query will fail clearly).
    assert boot.ensure_database("postgres://postgres@127.0.0.1:1/wsis_nowhere") is False
