"""Rebound's operator command: `python -m rebound <subcommand>` (see rebound/cli.py)."""
