"""Alembic migrations of the callgrade schema (a package so they ship in the wheel)."""
