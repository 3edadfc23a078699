"""Background jobs: a queue interface with an embedded database-backed default and a worker pool.

The database queue lets a restarted server resume queued and interrupted jobs; a later distributed
worker only needs another ``JobQueue`` implementation (or to run ``WorkerPool`` in its own process).
"""
