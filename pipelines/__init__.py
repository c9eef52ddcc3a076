"""Plumbing of newsclaims: settings, storage, checks, Dagster definitions and the command line."""

__version__ = "0.1.0"
