"""Self-feedback for managers and the team overview for coaches, computed from current grades."""
