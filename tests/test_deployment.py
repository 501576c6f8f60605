"""Focused tests of the deployment model's fixes found while writing corpus/deploy-* cases."""

from __future__ import annotations

from projects import scan_project, summary

PACKAGE = "from flask import Flask\n\n\ndef create_app():\n    return Flask(__name__)\n"


def test_python_m_runs_the_whole_main_module_as_a_script(tmp_path):
    """`python -m shop` runs shop/__main__.py top to bottom: its bind is part of the Procfile's FL301,
    and nothing imports the file, so there is no server-at-import-time finding."""
    main = "from shop import create_app\n\napp = create_app()\napp.run(host='0.0.0.0', port=8000)\n"
    result = scan_project(tmp_path, {"Procfile": "web: python -m shop\n", "shop/__init__.py": PACKAGE,
                                     "shop/__main__.py": main})
    assert summary(result) == [("FL301", "Procfile", 1, "high", "production")]
    assert not result.hidden


def test_main_module_next_to_gunicorn_is_development(tmp_path):
    main = "from shop import create_app\n\napp = create_app()\napp.run(debug=True)\n"
    result = scan_project(tmp_path, {"Procfile": 'web: gunicorn "shop:create_app()"\n', "shop/__init__.py": PACKAGE,
                                     "shop/__main__.py": main}, include_dev=True)
    assert summary(result) == [("FL102", "shop/__main__.py", 4, "low", "development")]
    assert "`python -m shop`" in result.findings[0].message


def test_plain_module_level_run_keeps_its_import_time_finding(tmp_path):
    text = "from flask import Flask\n\napp = Flask(__name__)\napp.run()\n"
    result = scan_project(tmp_path, {"app.py": text})
    assert [f.rule for f in result.findings] == ["FL104"]


COMPOSE_SCRIPT = "services:\n  web:\n    build: .\n    command: ./start.sh\n    env_file: web.env\n"


def test_env_file_of_a_service_reaches_the_script_it_runs(tmp_path):
    """compose `env_file:` -> `./start.sh` -> `exec flask run -h 0.0.0.0`: the env file's debug switch is
    part of the one FL101 at the service's command, not an FL302 of its own."""
    result = scan_project(tmp_path, {
        "docker-compose.yml": COMPOSE_SCRIPT, "web.env": "FLASK_APP=shop\nFLASK_DEBUG=1\n",
        "start.sh": "#!/bin/sh\nexec flask run -h 0.0.0.0\n", "shop.py": "from flask import Flask\napp = Flask(__name__)\n",
        "Dockerfile": "FROM python:3.12\nCOPY . .\n"})
    assert summary(result) == [("FL101", "docker-compose.yml", 4, "critical", "production"),
                               ("FL301", "docker-compose.yml", 4, "high", "production")]
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert ("web.env", 2) in {(r.path, r.span.start.line) for r in fl101.related}
    assert "shop:app" in next(f for f in result.findings if f.rule == "FL301").message


def test_service_environment_overrides_its_env_file_down_the_chain(tmp_path):
    compose = COMPOSE_SCRIPT + "    environment:\n      FLASK_DEBUG: \"0\"\n"
    result = scan_project(tmp_path, {
        "docker-compose.yml": compose, "web.env": "FLASK_DEBUG=1\n",
        "start.sh": "#!/bin/sh\nexec flask run -h 0.0.0.0\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n",
        "Dockerfile": "FROM python:3.12\nCOPY . .\n"})
    assert [f.rule for f in result.findings if f.path == "docker-compose.yml"] == ["FL301"]


def test_main_block_of_a_module_a_manifest_elsewhere_serves_is_development(tmp_path):
    """k8s/deployment.yaml serves `orders:app`: the module's `__main__` block runs only by hand, although
    the manifest is not in the module's folder or above it."""
    manifest = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\nspec:\n  template:\n    spec:\n"
                "      containers:\n        - name: orders\n          image: orders:1\n"
                "          command: [\"gunicorn\", \"--bind\", \"0.0.0.0:8080\", \"orders:app\"]\n")
    module = "from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == '__main__':\n    app.run(debug=True)\n"
    result = scan_project(tmp_path, {"k8s/deployment.yaml": manifest, "orders/__init__.py": module})
    assert not result.findings
    (hidden,) = result.hidden
    assert (hidden.rule, hidden.context) == ("FL102", "development") and "gunicorn orders:app" in hidden.message


def _script_with_flaskenv(script: str) -> dict[str, str]:
    return {"Procfile": "web: bin/start.sh\n", "bin/start.sh": script, ".flaskenv": "FLASK_APP=polls\nFLASK_DEBUG=1\n",
            "polls.py": "from flask import Flask\napp = Flask(__name__)\n"}


def test_flaskenv_loaded_by_the_script_production_runs_is_part_of_its_fl101(tmp_path):
    result = scan_project(tmp_path, _script_with_flaskenv("#!/bin/sh\nexec flask run --host 0.0.0.0\n"))
    assert summary(result) == [("FL101", "Procfile", 1, "critical", "production"),
                               ("FL301", "Procfile", 1, "high", "production")]


def test_skip_dotenv_keeps_the_flaskenv_out(tmp_path):
    script = "#!/bin/sh\nexport FLASK_SKIP_DOTENV=1\nexec flask run --host 0.0.0.0\n"
    result = scan_project(tmp_path, _script_with_flaskenv(script))
    assert [f.rule for f in result.findings if f.path == "Procfile"] == ["FL301"]


def test_a_target_that_runs_itself_is_a_launch_cycle_and_the_finding_beside_it_stays(tmp_path):
    makefile = "deploy:\n\t$(MAKE) deploy ENV=production\n\nlan:\n\tflask --app chat run --host 0.0.0.0 --debug\n"
    result = scan_project(tmp_path, {"Makefile": makefile, "chat.py": "from flask import Flask\napp = Flask(__name__)\n"})
    assert summary(result) == [("FL101", "Makefile", 5, "high", "development")]
    assert [d.message for d in result.diagnostics if "cycle" in d.message] == [
        "launch cycle: Makefile target deploy -> Makefile target deploy; each launcher is followed once"]


APP = "from flask import Flask\napp = Flask(__name__)\n"


def test_development_target_passing_the_debugger_to_an_exposed_target_is_fl101(tmp_path):
    """`make dev` -> `$(MAKE) serve FLASK_DEBUG=1` -> `flask run --host 0.0.0.0`: neither target exposes a
    debugger on its own, the pair does; shown at high at the launcher that passes it on."""
    makefile = "dev:\n\t$(MAKE) serve FLASK_DEBUG=1\n\nserve:\n\tflask --app forum run --host 0.0.0.0\n"
    result = scan_project(tmp_path, {"Makefile": makefile, "forum.py": APP})
    assert summary(result) == [("FL101", "Makefile", 2, "high", "development")]
    assert [f.rule for f in result.hidden] == ["FL201"]


def test_development_caller_on_loopback_is_hidden_fl202(tmp_path):
    makefile = "dev:\n\t$(MAKE) serve FLASK_DEBUG=1\n\nserve:\n\tflask --app forum run\n"
    result = scan_project(tmp_path, {"Makefile": makefile, "forum.py": APP}, include_dev=True)
    assert summary(result) == [("FL202", "Makefile", 2, "low", "development")]


def test_script_in_a_subfolder_runs_another_by_its_path_from_the_root(tmp_path):
    result = scan_project(tmp_path, {
        "bin/dev.sh": "#!/bin/sh\nexport FLASK_DEBUG=1\nexec bin/serve.sh\n",
        "bin/serve.sh": "#!/bin/sh\nexec flask --app forum run --host 0.0.0.0\n", "forum.py": APP})
    assert summary(result) == [("FL101", "bin/dev.sh", 3, "high", "development")]


UNIT = ("[Service]\nEnvironment=FLASK_APP=helpdesk {var}\n"
        "ExecStart=/opt/venv/bin/flask run --host 0.0.0.0 --port 8000\n")


def test_production_start_with_a_debug_variable_of_its_own_file_is_one_fl101(tmp_path):
    """VERDICTS #18: the variable is a related location of the FL101 at the start, not an FL302."""
    result = scan_project(tmp_path, {"deploy/app.service": UNIT.format(var="FLASK_DEBUG=1"), "helpdesk.py": APP})
    assert summary(result) == [("FL101", "deploy/app.service", 3, "critical", "production"),
                               ("FL301", "deploy/app.service", 3, "high", "production")]
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert ("deploy/app.service", 2) in {(r.path, r.span.start.line) for r in fl101.related}


def test_flask_env_development_stays_fl302(tmp_path):
    """FLASK_ENV acts only before Flask 2.3; FL302 carries that note, so it is not made an FL101."""
    result = scan_project(tmp_path, {"deploy/app.service": UNIT.format(var="FLASK_ENV=development"),
                                     "helpdesk.py": APP})
    assert sorted(f.rule for f in result.findings) == ["FL301", "FL302"]


def test_the_combined_fl101_carries_the_variable_fix(tmp_path):
    """Turning the variable off is what fixes it, so `--fix` and the report agree on what is fixable."""
    result = scan_project(tmp_path, {"deploy/app.service": UNIT.format(var="FLASK_DEBUG=1"), "helpdesk.py": APP})
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert fl101.fix is not None and fl101.fix.edits
