"""The flasklint rule catalog: one TOML data file per rule (this file only makes the folder an importable resource package)."""
