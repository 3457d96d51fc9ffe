"""privacy-tui: take charge of your personal data."""

__version__ = "0.1.0"
