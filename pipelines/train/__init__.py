"""Scripts that rebuild the small data files the extractors ship with, from training splits."""
