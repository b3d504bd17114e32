"""Rebound's pure core: models, words, rules and the only doors to the disk (storage, auth)."""
