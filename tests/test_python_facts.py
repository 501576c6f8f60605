"""The facts the Python analyzer offers the deployment model: enclosing functions, main calls, CLI commands."""

from __future__ import annotations

import textwrap
from typing import Any

from flasklint.analyzers import python as py
from flasklint.analyzers.base import AnalysisContext
from flasklint.sources.source import decode

CODE = '''\
import click
from flask import Flask
from flask_script import Manager
app = Flask(__name__)
manager = Manager(app)

def serve(port):
    app.run(host="0.0.0.0", port=port)

def main():
    serve(5000)

def unused():
    helper()

def helper():
    pass

class Server:
    def start(self):
        app.run(debug=True)

@app.cli.command("dev")
def dev():
    app.run(debug=True)

@click.command()
@click.option("--port")
def other(port):
    pass

@manager.command
def runserver():
    pass

@click.option("--x")
def not_a_command(x):
    pass

if __name__ == "__main__":
    import sys
    sys.exit(main())
'''


def facts(code: str) -> dict[str, Any]:
    source = decode(textwrap.dedent(code).encode(), python=True)
    return py.analyze(source, AnalysisContext("app.py", "python")).facts


def test_each_start_names_its_enclosing_function() -> None:
    starts = {s["line"]: s["function"] for s in facts(CODE)["starts"]}
    assert starts == {8: "serve", 21: "Server.start", 25: "dev"}


def test_a_module_level_start_has_no_function() -> None:
    code = 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=True)\n'
    assert [s["function"] for s in facts(code)["starts"]] == [None]


def test_main_calls_follow_calls_between_functions_of_the_file() -> None:
    assert facts(CODE)["main_calls"] == ["main", "serve"]


def test_main_calls_is_empty_without_a_main_block() -> None:
    assert facts("def main():\n    serve()\ndef serve():\n    pass\n")["main_calls"] == []


def test_cli_commands() -> None:
    commands = facts(CODE)["cli_commands"]
    assert commands == [{"name": "dev", "line": 24}, {"name": "other", "line": 29}, {"name": "runserver", "line": 33}]


def test_functions_give_line_ranges_of_module_level_functions() -> None:
    functions = facts(CODE)["functions"]
    assert functions["serve"] == [7, 8]
    assert functions["main"] == [10, 11]
    assert "start" not in functions  # a method is not module-level


def test_call_graph_facts_name_the_functions_a_script_runs(tmp_path):
    from flasklint.scan.analysis import analyze_bytes
    from flasklint.scan.options import FileJob

    source = (b"import click\nimport pkg.tools\nfrom .cli import main as entry\nfrom flask import Flask\n"
              b"app = Flask(__name__)\n\ndef run():\n    helper()\n    pkg.tools.go()\n\ndef helper():\n"
              b"    app.run(debug=True)\n\nif __name__ == '__main__':\n    entry()\n")
    facts = analyze_bytes(FileJob("m.py", "m.py", "python", prefilter=False), source).facts
    assert facts["function_calls"] == {"run": ["helper"]}
    assert ["__main__", "1:cli.main"] in facts["imported_calls"]


def test_a_screened_entry_script_records_the_imported_function_its_main_block_calls():
    from flasklint.python.prefilter import screen_facts

    assert screen_facts(b'from .cli import main\n\nif __name__ == "__main__":\n    main()\n')["imported_calls"] == [
        ["__main__", "1:cli.main"]]
    assert screen_facts(b"import app_pkg\n\nif __name__ == '__main__':\n    app_pkg.main()\n")["imported_calls"] == [
        ["__main__", "0:app_pkg.main"]]
    assert "imported_calls" not in screen_facts(b"from .cli import main\nmain()\n")  # no __main__ block
