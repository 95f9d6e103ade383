"""`python -m tools.images`: write docs/images/, or check it with --check."""

import sys

from tools.images.render import main

sys.exit(main())
