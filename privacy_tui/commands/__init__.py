"""Command-line command groups. Each module exposes register(subparsers).

Modules import their heavy dependencies inside handlers so that `privacy-tui --help`
and `privacy-tui remind` stay fast.
"""
