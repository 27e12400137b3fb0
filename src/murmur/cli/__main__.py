"""``python -m murmur.cli``: the same as the ``murmur`` command."""

from murmur.cli import main

raise SystemExit(main())
