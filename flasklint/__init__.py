"""flasklint: find the Flask/Werkzeug development server exposed to a network or run in production.

The rooms, from the bottom up (each imports only its own room and those below; tests/test_architecture.py
holds the order): model.py, the data every stage passes; sources/, files read into text and positions;
findings/, the catalog, suppressions, selection, baselines; knowledge/, what is known of files and tools before
analysis; analyzers/, python/ and commands/, facts and findings per file; deployment/, the project pass and the
deployment model; scan/, the pipeline; fix/ and report/, what is done with a scan; cli.py and config.py on top.

Importing this package must stay cheap (`flasklint --version` is budgeted at
0.15 s), so nothing heavy (LibCST, Flask, YAML) is imported here.
"""

__version__ = "0.2.0"
