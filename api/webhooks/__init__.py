"""Post-call automation: signed webhook deliveries for ``call.analyzed`` and ``call.failed``."""
