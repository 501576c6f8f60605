"""Applying fixes (`--fix`, `--diff`): choosing edits, re-analysing until stable, writing files safely. How a
Python fix is built is python/fixes.py's job; this room only applies what the analyzers offered."""
