"""Allow `python -m privacycheck`."""

from privacycheck.cli import main

raise SystemExit(main())
