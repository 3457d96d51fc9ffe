"""Pure domain logic. Nothing here may import Textual or touch the disk at import time."""
