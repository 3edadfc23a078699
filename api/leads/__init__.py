"""Leads: the qualification record merged across a lead's calls."""
