"""Use cases shared by the command line and the app: core rules applied to the vault."""
