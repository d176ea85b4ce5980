"""Bytes -> the canonical tracker: read, detect, extract, normalise (identity, dates), the pipeline."""
