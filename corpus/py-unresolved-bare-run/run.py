"""Entry point used by the old Makefile target."""
from legacy_portal import app

app.run()  # ok: FL104
