#!/usr/bin/env python
"""Django's command-line utility; ``equalocal`` is the same with friendlier names."""

from equalocal.cli import main

if __name__ == "__main__":
    main()
