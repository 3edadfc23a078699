"""Migration scripts, applied in order by ``api.db.migrate.upgrade``."""
