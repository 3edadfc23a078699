"""callgrade's HTTP API: storage, the job queue and the ``/v1`` routes (``create_app``)."""
