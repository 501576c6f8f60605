"""Findings as the user sees them: the rule catalog, fingerprints, inline suppressions, which findings a scan
keeps (select/ignore, per-file ignores, severities) and baselines. The data types themselves are in model.py."""
