"""Publish: versioned, immutable releases of the checked tables."""
