"""Reliability tests reuse the suite's fixtures; they also need the tests folder importable."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
