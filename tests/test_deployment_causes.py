"""Causes the deployment model must see whole (issue 20): what an image holds, whether python-dotenv is
installed, a compose service's environment reaching its image, and one gunicorn sentence for every FL301."""

from __future__ import annotations

import pytest

from flasklint.analyzers import requirements as requirements_analyzer
from flasklint.analyzers.base import AnalysisContext
from flasklint.deployment.requirements import Requirements
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from projects import scan_project, summary

APP = "from flask import Flask\n\napp = Flask(__name__)\n"
SCRIPT = "#!/bin/sh\nset -e\nexec flask --app app run --host=0.0.0.0\n"
DOCKERFILE = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nENTRYPOINT [\"./start.sh\"]\n"
WITH_DOTENV = "flask==3.0.3\ngunicorn==22.0.0\npython-dotenv==1.0.1\n"


def _image(extra: dict[str, str]) -> dict[str, str]:
    return {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE, ".flaskenv": "FLASK_DEBUG=1\n",
            "requirements.txt": WITH_DOTENV, **extra}


# --------------------------------------------------------------------------- what the image holds


def test_a_flaskenv_the_dockerignore_keeps_out_switches_nothing_on_in_the_image(tmp_path):
    result = scan_project(tmp_path, _image({".dockerignore": "# local only\n.flaskenv\n"}), include_dev=True)
    assert summary(result) == [("FL301", "Dockerfile", 4, "high", "production"),
                               ("FL302", ".flaskenv", 1, "low", "development")]
    fl302 = next(f for f in result.findings if f.rule == "FL302")
    assert ".dockerignore line 2 (`.flaskenv`) keeps it out" in fl302.message
    assert not any(".flaskenv" in f.message for f in result.findings if f.rule == "FL301")


def test_the_same_flaskenv_copied_into_the_image_is_one_critical_at_its_command(tmp_path):
    result = scan_project(tmp_path, _image({}))
    assert summary(result) == [("FL101", "Dockerfile", 4, "critical", "production"),
                               ("FL301", "Dockerfile", 4, "high", "production")]


@pytest.mark.parametrize("ignore, kept_out", [
    ("**/.flaskenv\n", True),
    ("*\n!app.py\n!start.sh\n", True),
    ("*\n!app.py\n!start.sh\n!.flaskenv\n", False),  # an exception lets it back in
    (".flask*\n!.flaskenv\n", False),
    ("#.flaskenv\n", False),  # a comment
])
def test_dockerignore_patterns_decide(tmp_path, ignore, kept_out):
    result = scan_project(tmp_path, _image({".dockerignore": ignore}))
    assert any(f.rule == "FL101" for f in result.findings) is not kept_out


def test_an_image_holds_only_what_its_copies_bring_in(tmp_path):
    dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py start.sh ./\nENTRYPOINT [\"./start.sh\"]\n"
    result = scan_project(tmp_path, _image({"Dockerfile": dockerfile}))
    assert [f.rule for f in result.findings] == ["FL301"]


def test_a_copy_from_a_build_stage_brings_in_what_that_stage_copied(tmp_path):
    dockerfile = ("FROM python:3.12-slim AS build\nWORKDIR /src\nCOPY . .\n\n"
                  "FROM python:3.12-slim\nWORKDIR /app\nCOPY --from=build /src /app\nENTRYPOINT [\"./start.sh\"]\n")
    result = scan_project(tmp_path, _image({"Dockerfile": dockerfile}))
    assert sorted(f.rule for f in result.findings) == ["FL101", "FL301"]


def test_a_dockerfile_specific_ignore_file_replaces_the_context_one(tmp_path):
    result = scan_project(tmp_path, _image({".dockerignore": "", "Dockerfile.dockerignore": ".flaskenv\n"}))
    assert [f.rule for f in result.findings] == ["FL301"]


def test_a_bad_dockerignore_line_is_a_diagnostic_and_the_rest_still_applies(tmp_path):
    result = scan_project(tmp_path, _image({".dockerignore": "file[0-9.txt\n.flaskenv\n"}))
    assert [f.rule for f in result.findings] == ["FL301"]
    assert any("Docker refuses to build" in d.message and d.path.endswith(".dockerignore")
               for d in result.diagnostics)


# --------------------------------------------------------------------------- python-dotenv


def test_without_python_dotenv_in_production_no_flaskenv_reaches_flask_run(tmp_path):
    files = {"Procfile": "web: flask run --host=0.0.0.0\n", "app.py": APP, ".flaskenv": "FLASK_DEBUG=1\n",
             "requirements.txt": "flask==3.0.3\n"}
    result = scan_project(tmp_path, files, include_dev=True)
    assert summary(result) == [("FL301", "Procfile", 1, "high", "production"),
                               ("FL302", ".flaskenv", 1, "low", "development")]
    fl302 = next(f for f in result.findings if f.rule == "FL302")
    assert "python-dotenv is not in the production requirements (requirements.txt)" in fl302.message


@pytest.mark.parametrize("requirements", ["flask[dotenv]==3.0.3\n", "Flask[async, dotenv]>=3\n",
                                          "-r requirements/base.txt\n", "python_dotenv\nflask\n"])
def test_python_dotenv_directly_or_through_flask_dotenv_lets_it_in(tmp_path, requirements):
    files = {"Procfile": "web: flask run --host=0.0.0.0\n", "app.py": APP, ".flaskenv": "FLASK_DEBUG=1\n",
             "requirements.txt": requirements, "requirements/base.txt": "python-dotenv==1.0.1\n" if "-r" in requirements
             else "flask\n"}
    result = scan_project(tmp_path, files)
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert fl101.severity.label == "critical" and "python-dotenv is in" in fl101.message


def test_unknown_requirements_keep_assuming_python_dotenv_and_say_so(tmp_path):
    files = {"Procfile": "web: flask run --host=0.0.0.0\n", "app.py": APP, ".flaskenv": "FLASK_DEBUG=1\n"}
    result = scan_project(tmp_path, files)
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert fl101.severity.label == "critical"
    assert "assumed: no production requirements were found" in fl101.message


def test_a_development_requirements_file_is_not_what_production_installs(tmp_path):
    files = {"Procfile": "web: flask run --host=0.0.0.0\n", "app.py": APP, ".flaskenv": "FLASK_DEBUG=1\n",
             "requirements.txt": "flask==3.0.3\n", "requirements-dev.txt": "python-dotenv\n"}
    assert not any(f.rule == "FL101" for f in scan_project(tmp_path, files).findings)


def test_python_dotenv_missing_also_keeps_a_script_in_an_image_from_loading_it(tmp_path):
    result = scan_project(tmp_path, _image({"requirements.txt": "flask==3.0.3\n"}))
    assert [f.rule for f in result.findings] == ["FL301"]


def _requirements_fact(name: str, text: str) -> dict:
    result = requirements_analyzer.analyze(SourceText(text), AnalysisContext(name, "requirements"))
    return result.facts[requirements_analyzer.FACTS_KEY]


@pytest.mark.parametrize("name, text, installed", [
    ("Pipfile", '[packages]\nflask = {version = "*", extras = ["dotenv"]}\n', True),
    ("Pipfile", '[packages]\nflask = "*"\n[dev-packages]\npython-dotenv = "*"\n', False),
    ("pyproject.toml", '[project]\nname = "x"\ndependencies = ["flask[dotenv]>=3"]\n', True),
    ("pyproject.toml", '[tool.poetry.dependencies]\npython = "^3.11"\nflask = {version = "^3", extras = ["dotenv"]}\n',
     True),
    ("pyproject.toml", '[project]\nname = "x"\ndependencies = ["flask>=3"]\n', False),
    ("poetry.lock", '[[package]]\nname = "python-dotenv"\nversion = "1.0.1"\ncategory = "main"\n', True),
    ("poetry.lock", '[[package]]\nname = "python-dotenv"\nversion = "1.0.1"\ncategory = "dev"\n', False),
    ("uv.lock", '[[package]]\nname = "flask"\nversion = "3.0.3"\n', False),
    ("Pipfile.lock", '{"default": {"python-dotenv": {"version": "==1.0.1"}}, "develop": {}}', True),
    ("Pipfile.lock", '{"default": {}, "develop": {"python-dotenv": {"version": "==1.0.1"}}}', False),
])
def test_which_files_say_python_dotenv_is_installed(name, text, installed):
    assert _requirements_fact(name, text)["lists_dotenv"] is installed


def test_the_nearest_production_requirements_decide():
    results = {
        "requirements.txt": FileResult(facts={"requirements": {"declares": True, "lists_dotenv": True}}),
        "svc/requirements.txt": FileResult(facts={"requirements": {"declares": True, "lists_dotenv": False}}),
        "svc/requirements/dev.txt": FileResult(facts={"requirements": {"declares": True, "lists_dotenv": True}}),
    }
    known = Requirements(results)
    assert known.dotenv("svc/bin/start.sh").installed is False
    assert known.dotenv("web/start.sh").installed is True
    assert Requirements({}).dotenv("start.sh").installed is None


# --------------------------------------------------------------------------- compose environment into the image


COMPOSE = ("services:\n  web:\n    build: .\n    environment:\n      FLASK_DEBUG: \"1\"\n"
           "    ports:\n      - \"5000:5000\"\n")


def test_compose_environment_reaches_the_entrypoint_script_as_one_critical_at_the_service(tmp_path):
    files = {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE, "requirements.txt": "flask\ngunicorn\n",
             "docker-compose.yml": COMPOSE}
    result = scan_project(tmp_path, files, include_dev=True)
    assert summary(result) == [("FL101", "docker-compose.yml", 3, "critical", "production"),
                               ("FL301", "Dockerfile", 4, "high", "production")]
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    related = {(r.path.removeprefix("./"), r.span.start.line) for r in fl101.related}
    assert {("docker-compose.yml", 5), ("start.sh", 3), ("Dockerfile", 4)} <= related
    assert not any(f.rule == "FL101" and ".flaskenv" in f.message for f in result.findings)


def test_compose_env_file_reaches_the_image_cmd(tmp_path):
    dockerfile = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\n"
    files = {"app.py": APP, "Dockerfile": dockerfile, "web.env": "FLASK_DEBUG=1\n",
             "docker-compose.yml": "services:\n  web:\n    build: .\n    env_file: web.env\n"}
    result = scan_project(tmp_path, files, include_dev=True)
    assert summary(result) == [("FL101", "docker-compose.yml", 3, "critical", "production"),
                               ("FL301", "Dockerfile", 4, "high", "production")]


def test_a_service_with_its_own_command_does_not_run_the_image_command(tmp_path):
    compose = COMPOSE.replace("    build: .\n", "    build: .\n    command: gunicorn --bind 0.0.0.0:5000 app:app\n")
    files = {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE, "docker-compose.yml": compose}
    result = scan_project(tmp_path, files)
    assert ("FL302", "docker-compose.yml", 6, "high", "production") in summary(result)
    assert not any(f.rule == "FL101" for f in result.findings)


def test_the_debugger_off_in_the_service_leaves_the_image_finding_alone(tmp_path):
    files = {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE,
             "docker-compose.yml": COMPOSE.replace('"1"', '"0"')}
    assert summary(scan_project(tmp_path, files)) == [("FL301", "Dockerfile", 4, "high", "production")]


# --------------------------------------------------------------------------- one gunicorn sentence


def test_fl301_through_a_script_says_gunicorn_is_listed_like_a_direct_cmd(tmp_path):
    direct = "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\n"
    via_script = scan_project(tmp_path / "script", {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE,
                                                    "requirements.txt": "flask\ngunicorn\n"})
    via_cmd = scan_project(tmp_path / "cmd", {"app.py": APP, "Dockerfile": direct,
                                              "requirements.txt": "flask\ngunicorn\n"})
    for result in (via_script, via_cmd):
        (fl301,) = [f for f in result.findings if f.rule == "FL301"]
        assert "gunicorn is already listed in requirements.txt" in fl301.message
        assert "add gunicorn" not in fl301.message


def test_fl301_through_a_script_names_the_file_to_add_gunicorn_to(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE,
                                     "requirements.txt": "flask\n"})
    (fl301,) = [f for f in result.findings if f.rule == "FL301"]
    assert "add gunicorn to requirements.txt" in fl301.message


def test_the_service_finding_is_fixed_by_turning_its_variable_off(tmp_path, run_cli):
    files = {"app.py": APP, "start.sh": SCRIPT, "Dockerfile": DOCKERFILE, "docker-compose.yml": COMPOSE}
    result = scan_project(tmp_path, files)
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert fl101.fix is not None and fl101.fix.safety.value == "safe"
    for _ in range(2):  # the second run finds nothing left to fix
        code, _, err = run_cli("check", "--isolated", "--no-cache", "--fix", str(tmp_path))
        assert code == 1, err
        assert (tmp_path / "docker-compose.yml").read_text() == COMPOSE.replace('"1"', '"0"')
    assert [f.rule for f in scan_project(tmp_path, {}).findings] == ["FL301"]
