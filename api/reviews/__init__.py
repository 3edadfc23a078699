"""Coach review tools: comments, item overrides and disputes."""
