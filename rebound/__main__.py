"""`python -m rebound ...`: the operator command."""

from rebound.cli import main

raise SystemExit(main())
