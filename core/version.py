"""Which Rebound this is: stamped into every export, so a newer one's can be told apart and named."""

VERSION = "2026.12"
NAME = f"Rebound {VERSION}"
