"""Dagster assets in the order data flows: ingest → extract → tables → warehouse."""
