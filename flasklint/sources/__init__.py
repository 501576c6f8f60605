"""Files as the scan reads them: bytes decoded to text with positions, YAML/TOML/JSON values with where they
sit, template actions read as unknowns, file names written safely, and the scan root paths are relative to.

Every room above reads files through this one; it knows nothing of rules or deployments."""
