"""The encrypted vault: crypto, keys and storage."""
