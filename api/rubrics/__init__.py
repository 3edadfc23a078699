"""Rubric versions uploaded through the API, next to the rubric files shipped in ``rubrics/``."""
