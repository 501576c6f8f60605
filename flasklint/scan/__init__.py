"""The scan: plan the files (discover, classify), analyse each (in workers, or from the caches and memos),
shard, then the project pass and the deployment model, then selection. The pipeline is engine.py; the stages
are its siblings, and none of them imports it (the types they share are in options.py)."""
