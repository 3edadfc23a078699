"""Storage: the SQLAlchemy engine and sessions, the declarative base and the Alembic migrations."""
