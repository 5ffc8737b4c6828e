#!/usr/bin/env python
"""Django's usual entry point; `.venv/bin/turbota` is the same command."""

from config.cli import main

if __name__ == "__main__":
    main()
