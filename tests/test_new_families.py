"""Families recognised by content and the platforms added with them: classification, facts, tolerance."""

from __future__ import annotations

import pytest

from projects import scan_project

from flasklint import analyzers
from flasklint.knowledge import helm, kinds
from flasklint.sources import templating
from flasklint.analyzers.base import AnalysisContext
from flasklint.knowledge.context import dev_reason
from flasklint.scan.options import ScanOptions
from flasklint.scan.engine import scan
from flasklint.sources.source import SourceText


def analyse(path: str, text: str):
    kind = kinds.classify(path, text.encode()[:512])
    assert kind is not None, path
    return analyzers.analyze(kind, SourceText(text), AnalysisContext(path, kind, dev_reason=dev_reason(path)))


def rules(path: str, text: str) -> list[tuple[str, int]]:
    return sorted((f.rule, f.span.start.line) for f in analyse(path, text).findings)


@pytest.mark.parametrize("name", ["dockerfile", "Dockerfile_alpine", "Dockerfile.prod", "Dockerfile.backend",
                                  "prod.Dockerfile", "Containerfile", "Containerfile.web", "containerfile"])
def test_dockerfile_names(name):
    assert kinds.classify(name) == kinds.DOCKERFILE


def test_dockerfile_ignore_and_docs_are_not_dockerfiles():
    # an ignore file is read for what an image can hold (facts only), never as a Dockerfile
    assert kinds.classify("Dockerfile.dockerignore") == kinds.DOCKERIGNORE
    assert kinds.classify(".dockerignore") == kinds.DOCKERIGNORE
    assert kinds.classify("Dockerfile.md") is None


def test_dockerfile_by_content_after_comments_syntax_and_args():
    head = b"# syntax=docker/dockerfile:1\n# comment\nARG PY=3.12\n\nFROM python:${PY}-slim AS base\nRUN true\n"
    assert kinds.needs_head("docker/web")
    assert kinds.classify("docker/web", head) == kinds.DOCKERFILE
    assert kinds.classify("web.docker", b"FROM alpine\n") == kinds.DOCKERFILE


@pytest.mark.parametrize("head", [b"From the authors of this project\n", b"RUN x\nFROM a\n", b"# only comments\n"])
def test_text_that_only_looks_like_a_dockerfile_is_not_one(head):
    assert kinds.classify("docker/NOTES", head) is None


@pytest.mark.parametrize("name, kind", [
    ("docker-compose.prod.yml", kinds.COMPOSE), ("prod.compose.yaml", kinds.COMPOSE), ("app-compose.yml", kinds.COMPOSE),
    (".gitlab-ci.yml", kinds.CI), (".circleci/config.yml", kinds.CI), ("bitbucket-pipelines.yml", kinds.CI),
    ("azure-pipelines.yml", kinds.CI), ("Taskfile.yml", kinds.TASKFILE), ("chart/values-dev.yaml", kinds.HELM_VALUES),
    ("railway.json", kinds.RAILWAY), ("railway.toml", kinds.RAILWAY), ("nixpacks.toml", kinds.NIXPACKS),
    ("app.json", kinds.HEROKU_APP), (".ebextensions/01.config", kinds.EBEXTENSIONS),
    (".devcontainer/devcontainer.json", kinds.DEVCONTAINER), ("uwsgi.ini", kinds.UWSGI), ("justfile", kinds.JUSTFILE),
    ("Pipfile", kinds.REQUIREMENTS), ("poetry.lock", kinds.REQUIREMENTS), ("uv.lock", kinds.REQUIREMENTS),
    ("setup.cfg", kinds.REQUIREMENTS), ("gunicorn.conf.py", kinds.PYTHON),
])
def test_family_names(name, kind):
    assert kinds.classify(name) == kind


def test_uwsgi_ini_by_its_section():
    assert kinds.classify("deploy/app.ini", b"[uwsgi]\nmodule = app:app\n") == kinds.UWSGI
    assert kinds.classify("deploy/app.ini", b"[section]\nx = 1\n") is None


def test_compose_by_content_under_any_yaml_name():
    result = analyse("ops/prod.yml", "services:\n  web:\n    image: web\n    command: flask run --host 0.0.0.0\n")
    assert [(f.rule, f.span.start.line) for f in result.findings] == [("FL301", 4)]
    assert result.facts["family"] == "compose"


def test_yaml_without_a_family_is_not_read():
    assert rules("mkdocs.yml", "services:\n  docs: {url: x}\nrun: flask run --host 0.0.0.0\n") == []


def test_template_actions_are_unknown_values_with_offsets_kept():
    text = "a: {{ .Values.x }}\n{{- if .Values.y }}\nb: 1\n{{- end }}\n"
    blanked = templating.blank(text)
    assert len(blanked.text) == len(text) and blanked.text.count("\n") == text.count("\n")
    assert templating.PLACEHOLDER in blanked.text.splitlines()[0]
    assert blanked.text.splitlines()[1].strip() == ""


def test_templated_env_value_is_not_judged_and_template_command_fix_is_withheld():
    text = ("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: web\n"
            "      command: [\"flask\", \"run\", \"--port\", \"{{ .Values.port }}\"]\n"
            "      env:\n        - name: FLASK_DEBUG\n          value: {{ .Values.debug }}\n")
    result = analyse("chart/templates/pod.yaml", text)
    assert [f.rule for f in result.findings] == ["FL301"]
    assert result.facts["templated"] is True
    assert all(not fact["fixable"] for fact in result.facts["command_starts"])
    assert result.findings[0].source_lines[0].endswith("{{ .Values.port }}\"]")


def test_a_broken_template_is_one_diagnostic():
    text = "apiVersion: v1\nkind: Pod\n{{ if }}: [\nspec: [\n  x: ]\n"
    assert len(analyse("chart/templates/pod.yaml", text).diagnostics) <= 1


def test_helm_template_env_refs():
    text = ("spec:\n  containers:\n    - env:\n        {{- range $k, $v := .Values.env }}\n        - name: {{ $k }}\n"
            "        {{- end }}\n      {{- with .Values.extraEnv }}\n      env:\n        {{- toYaml . | nindent 8 }}\n"
            "      {{- end }}\n      image: {{ .Values.image }}\n")
    assert [r["path"] for r in helm.template_env_refs(text)] == ["env", "extraEnv"]


def test_helm_template_env_refs_need_an_env_key_line_or_a_configmap():
    containers = "spec:\n  containers:\n    - name: {{ .Values.name }}\n      image: {{ .Values.image }}\n"
    assert helm.template_env_refs(containers) == []  # screened: no env key line, not a ConfigMap
    assert [r["path"] for r in helm.template_env_refs(containers + "      env: {{ .Values.env }}\n")] == ["env"]
    configmap = "kind: ConfigMap\ndata:\n  {{- toYaml .Values.config | nindent 2 }}\n"
    assert [r["path"] for r in helm.template_env_refs(configmap)] == ["config"]


def test_overlaps_finds_the_action_a_range_touches():
    text = "a: {{ .Values.a }}\nb: 1\nc: {{ .Values.c }} {{ .Values.d }}\n"
    spans = templating.blank(text).spans
    first, _, last = spans
    assert templating.overlaps(spans, first[0], first[0])  # an insertion at an action's first character
    assert templating.overlaps(spans, first[1] - 1, first[1] + 3)
    assert not templating.overlaps(spans, first[1], first[1] + 4)  # "b: 1" lies between actions
    assert not templating.overlaps(spans, 0, first[0])
    assert templating.overlaps(spans, first[1], last[0] + 1)  # across the middle action
    assert not templating.overlaps(spans, last[1], len(text)) and not templating.overlaps((), 0, 10)


@pytest.mark.parametrize("path, name", [("chart/values.yaml", "default"), ("chart/values-dev.yaml", "dev"),
                                        ("chart/values.prod.yaml", "prod"), ("envs/staging/values.yaml", "staging")])
def test_environment_names(path, name):
    assert helm.environment_name(path) == name


def test_helm_values_are_reported_only_when_a_template_renders_them(tmp_path):
    chart = tmp_path / "chart"
    (chart / "templates").mkdir(parents=True)
    (chart / "templates" / "deploy.yaml").write_text(
        "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n"
        "          env:\n            {{- toYaml .Values.env | nindent 12 }}\n")
    (chart / "values-dev.yaml").write_text("env:\n  - name: FLASK_DEBUG\n    value: '1'\nother:\n  FLASK_DEBUG: '1'\n")
    found = scan([str(tmp_path)], ScanOptions())
    assert [(f.rule, f.span.start.line) for f in found.findings] == [("FL302", 2)]
    assert "'dev' environment" in found.findings[0].message
    assert found.findings[0].severity.label == "high"  # not lowered: a shared dev cluster is reachable


def test_dockerfile_heredoc_in_a_script():
    text = "#!/bin/sh\ncat > Dockerfile <<EOF\nFROM python\nENV FLASK_DEBUG=1\nCMD flask run\nEOF\necho done\n"
    assert rules("build.sh", text) == [("FL301", 5), ("FL302", 4)]
    assert rules("build.sh", text.replace("flask run", "gunicorn app:app").replace("=1", "=0")) == []


def test_a_dockerfile_heredoc_appended_after_another_command_wrote_the_from_line():
    """`sed ... >Dockerfile` writes the FROM, `cat >>Dockerfile <<EOF` appends the rest: its instructions continue
    a stage, so its CMD and ENV are read (on the blanked opener line, a stand-in FROM)."""
    text = ("#!/bin/sh\nsed -e 's/x/y/' base/Dockerfile >Dockerfile\ncat >>Dockerfile <<EOF\nENV FLASK_DEBUG=1\n"
            'CMD ["flask", "run", "--host=0.0.0.0"]\nEOF\ndocker build .\n')
    assert rules("build.sh", text) == [("FL301", 5), ("FL302", 4)]
    assert rules("build.sh", text.replace("ENV FLASK_DEBUG=1", "ENV FLASK_DEBUG=0").replace(
        '"flask", "run", "--host=0.0.0.0"', '"gunicorn", "app:app"')) == []
    assert rules("b.sh", "cat>>Dockerfile<<E\nCMD flask run\nE\n") == [("FL301", 2)]


def test_docker_stage_facts():
    text = "FROM python AS base\nENV A=1\nFROM base AS dev\nCMD flask run\nFROM base\nCMD gunicorn app:app\n"
    stages = analyse("Dockerfile", text).facts["docker_stages"]
    assert [(s["name"], s["line"], s["end_line"], s["parent"], s["shipped"]) for s in stages] == [
        ("base", 1, 2, None, True), ("dev", 3, 4, "base", False), (None, 5, 6, "base", True)]
    # the dev stage's own CMD is judged too (as development: the deployment model promotes a built stage)
    starts = analyse("Dockerfile", text).facts["command_starts"]
    assert [(s["line"], s["production"]) for s in starts if s["kind"] == "dev-server"] == [(4, False)]


def test_devcontainer_dockerfile_and_compose_are_development():
    # no FL301/FL302: a development start, judged as one (its debugger is still FL202)
    assert rules(".devcontainer/Dockerfile", "FROM python\nENV FLASK_DEBUG=1\nCMD flask run\n") == [("FL202", 2)]
    compose = "services:\n  app:\n    build: .\n    command: flask run --host 0.0.0.0\n"
    assert rules(".devcontainer/docker-compose.yml", compose) == [("FL201", 4)]


def test_uwsgi_and_gunicorn_config_facts():
    assert analyse("uwsgi.ini", "[uwsgi]\nmodule = web.wsgi\ncallable = app\n").facts["wsgi_imports"] == ["web.wsgi:app"]
    assert analyse("uwsgi.ini", "[uwsgi]\nwsgi-file = src/app.py\n").facts["wsgi_imports"] == ["src.app:application"]
    assert analyse("uwsgi.yaml", "uwsgi:\n  module: app:app\n  env: [FLASK_DEBUG=1]\n").facts["wsgi_imports"] == ["app:app"]
    result = analyse("gunicorn.conf.py", "wsgi_app = 'app:create_app()'\nraw_env = ['FLASK_DEBUG=true']\n")
    assert result.facts["wsgi_imports"] == ["app:create_app()"]
    assert [f.rule for f in result.findings] == ["FL302"]


def test_gunicorn_config_rejected_by_the_prefilter_still_gives_its_import():
    from flasklint.analyzers import python
    assert python.screen_facts(b"bind = '0.0.0.0:80'\nwsgi_app = \"app:app\"\n")["wsgi_imports"] == ["app:app"]


def test_ebextensions_wsgipath_fact():
    text = "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: application.py\n"
    assert analyse(".ebextensions/python.config", text).facts["wsgi_imports"] == ["application:application"]


def test_ci_deploy_job_is_production_and_test_job_is_not(tmp_path):
    text = ("deploy:\n  stage: deploy\n  environment: production\n  script:\n    - flask run --host 0.0.0.0\n"
            "e2e:\n  script:\n    - flask run --host 0.0.0.0 &\n")
    result = scan_project(tmp_path, {".gitlab-ci.yml": text}, include_dev=True)
    assert sorted((f.rule, f.span.start.line, f.severity.label, f.context) for f in result.findings) == [
        ("FL201", 8, "low", "development"), ("FL301", 5, "high", "production")]


def test_azure_startup_command_is_production():
    text = ("steps:\n  - task: AzureWebApp@1\n    inputs:\n      appName: web\n"
            "      startUpCommand: flask run --host 0.0.0.0\n")
    assert rules("azure-pipelines.yml", text) == [("FL301", 5)]


def test_railway_dockerfile_path_and_heroku_formation_facts():
    railway = analyse("railway.json", '{"build": {"dockerfilePath": "docker/Dockerfile.web"}}')
    assert railway.facts["dockerfile_paths"] == ["docker/Dockerfile.web"]
    heroku = analyse("app.json", '{"formation": {"web": {"quantity": 1}, "worker": {}}}')
    assert heroku.facts["formation"] == ["web", "worker"]


def test_jsonc_comments_and_trailing_commas():
    text = '{\n  // comment\n  "postStartCommand": "flask run --host 0.0.0.0", /* x */\n}\n'
    assert rules(".devcontainer/devcontainer.json", text) == [("FL201", 3)]
    assert analyse(".devcontainer/devcontainer.json", "{ nope").diagnostics


def test_console_scripts_facts():
    text = '[project.scripts]\nweb = "app.cli:main"\n[tool.poetry.scripts]\nserve = "app.cli:serve"\n'
    assert analyse("pyproject.toml", text).facts["console_scripts"] == {"web": "app.cli:main", "serve": "app.cli:serve"}


def test_justfile_exported_variable_and_interpolation():
    text = 'export FLASK_DEBUG := "1"\nhost := "0.0.0.0"\n\ndemo:\n    @flask run --host {{ host }}\n'
    assert rules("justfile", text) == [("FL101", 5)]


# ---- the pinned Flask version and FLASK_ENV ------------------------------------------------


def _flask_env_scan(tmp_path, pin_file: str, pin_text: str):
    from flasklint.deployment import flaskversion
    (tmp_path / "Dockerfile").write_text("FROM python\nENV FLASK_ENV=development\nCMD gunicorn app:app\n")
    if pin_file:
        (tmp_path / pin_file).write_text(pin_text)
    result = scan([str(tmp_path)], ScanOptions(include_dev=True))  # a dead setting is shown only then
    return flaskversion.adjust(result.findings, result.results)


def test_dead_flask_env_setting_is_left_out_by_default(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM python\nENV FLASK_ENV=development\nCMD gunicorn app:app\n")
    (tmp_path / "requirements.txt").write_text("Flask==3.0.3\n")
    result = scan([str(tmp_path)], ScanOptions())
    assert result.findings == [] and [f.rule for f in result.hidden] == ["FL302"]
    (tmp_path / "requirements.txt").write_text("Flask==2.0.1\n")
    assert [f.severity.label for f in scan([str(tmp_path)], ScanOptions()).findings] == ["high"]


def test_flask_env_below_2_3_is_debug(tmp_path):
    [finding] = _flask_env_scan(tmp_path, "requirements.txt", "Flask==2.2.5\n")
    assert "below 2.3" in finding.message and finding.severity.label == "high"


@pytest.mark.parametrize("pin_file, text", [("requirements.txt", "flask>=2.3\n"), ("poetry.lock",
                         '[[package]]\nname = "flask"\nversion = "3.0.3"\n'), ("setup.py",
                         "from setuptools import setup\nsetup(install_requires=['flask>=3.0'])\n"),
                         ("Pipfile.lock", '{"default": {"flask": {"version": "==3.0.0"}}}')])
def test_flask_env_from_2_3_is_a_low_dead_setting(tmp_path, pin_file, text):
    from flasklint.deployment.flaskversion import DEAD_SETTING
    [finding] = _flask_env_scan(tmp_path, pin_file, text)
    assert DEAD_SETTING in finding.message and finding.severity.label == "low"


def test_flask_env_without_a_version_says_may(tmp_path):
    [finding] = _flask_env_scan(tmp_path, "", "")
    assert "may turn debug mode on" in finding.message and "no pinned Flask version" in finding.message


def test_flask_env_dev_server_finding_is_dead_from_2_3(tmp_path):
    from flasklint.deployment import flaskversion
    (tmp_path / "run.sh").write_text("export FLASK_ENV=development\nflask run\n")
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\n")
    result = scan([str(tmp_path)], ScanOptions(include_dev=True))
    [finding] = flaskversion.adjust(result.findings, result.results)
    assert finding.rule == "FL202" and finding.severity.label == "low"
    (tmp_path / "run.sh").write_text("export FLASK_DEBUG=1 FLASK_ENV=development\nflask run\n")
    result = scan([str(tmp_path)], ScanOptions())
    # a live FLASK_DEBUG: run.sh, with no launcher in view, is the project's own launcher
    assert [(f.rule, f.context) for f in result.findings] == [("FL202", "unknown")]


# ---- shell: variables, defaults, sourced files -------------------------------------------------


def test_shell_expands_assigned_variables_and_defaults_across_continuations():
    text = ('#!/bin/sh\nFLASK_HOST=0.0.0.0\nflask run --host $FLASK_HOST\nflask run \\\n  --host "${HOST:-0.0.0.0}"\n'
            "flask run --host '$FLASK_HOST'\nH=${BIND:-127.0.0.1}\nflask run --host $H\n")
    assert rules("serve.sh", text) == [("FL201", 3), ("FL201", 5)]


def test_shell_expanded_word_has_no_fix_inside_it():
    finding = analyse("serve.sh", "H=0.0.0.0\nflask run -h$H\n").findings[0]
    assert finding.fix is None or all(e.replacement == "" for e in finding.fix.edits)


def test_shell_sourced_env_file_with_allexport_reaches_flask_run(tmp_path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "dev.env").write_text("FLASK_DEBUG=1\nFLASK_RUN_HOST=0.0.0.0\n")
    (tmp_path / "run.sh").write_text("set -a\n. ./config/dev.env\nset +a\nflask run\n")
    found = {(f.path.rsplit("/", 1)[-1], f.rule) for f in scan([str(tmp_path)], ScanOptions()).findings}
    assert ("run.sh", "FL101") in found
    (tmp_path / "run.sh").write_text(". ./config/dev.env\nflask run\n")  # not exported: flask does not see them
    found = {(f.path.rsplit("/", 1)[-1], f.rule) for f in scan([str(tmp_path)], ScanOptions()).findings}
    assert ("run.sh", "FL101") not in found


def test_github_workflow_azure_startup_command_is_production_and_run_steps_stay_ci(tmp_path):
    text = ("on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: flask run --host 0.0.0.0 &\n"
            "      - uses: azure/webapps-deploy@v3\n        with:\n          app-name: web\n"
            "          startup-command: flask run --host 0.0.0.0 --port 8000\n")
    result = scan_project(tmp_path, {".github/workflows/d.yml": text}, include_dev=True)
    found = sorted((f.rule, f.span.start.line, f.severity.label, f.context) for f in result.findings)
    assert found == [("FL201", 6, "low", "development"), ("FL301", 10, "high", "production")]



# ---- docker build / docker compose invocations ---------------------------------------------------


def test_docker_build_target_and_compose_files_are_recorded_from_any_family():
    script = ("#!/bin/sh\ndocker build --target prod -f docker/Dockerfile.web -t web .\n"
              "docker compose -f deploy/stack.yml -f deploy/prod.yml up -d\npython manage.py check\n")
    facts = analyse("ci/release.sh", script).facts["docker_invocations"]
    assert facts == [
        {"kind": "build", "files": ["docker/Dockerfile.web"], "target": "prod", "context": ".", "subcommand": None,
         "tags": ["web"], "line": 2},
        {"kind": "compose", "files": ["deploy/stack.yml", "deploy/prod.yml"], "target": None, "context": None,
         "subcommand": "up", "line": 3},
    ]
    ci = "build:\n  script:\n    - docker buildx build --target=runtime . # python image\n"
    assert analyse(".gitlab-ci.yml", ci).facts["docker_invocations"][0]["target"] == "runtime"


LOCK = '''# This file is automatically @generated by Poetry
[[package]]
name = "click"
version = "8.1.7"

[package.dependencies]
colorama = {version = "*", markers = "platform_system == \\"Windows\\""}

[[package]]
name = "Flask"
version = "3.0.3"
description = "name = \\"flask\\" in a string is not a table"

[package.dependencies]
click = ">=8.1.3"

[package.extras]
async = ["asgiref (>=3.2)"]

[metadata]
lock-version = "2.0"
'''


@pytest.mark.parametrize("name", ["poetry.lock", "uv.lock"])
def test_a_lock_file_gives_the_flask_pin_the_whole_file_gives(name):
    from flasklint.analyzers import requirements
    from flasklint.sources.tomlsource import load_toml

    pin = analyse(name, LOCK).facts["flask_version"]
    assert pin == requirements._flask_from_toml(LOCK, load_toml(LOCK), name)
    assert (pin["version"], pin["line"]) == ("3.0.3", 10)
    without = LOCK.replace('name = "Flask"', 'name = "flask-cors"')
    assert "flask_version" not in analyse(name, without).facts
    assert analyse(name, without).facts["requirements"] == {"declares": False, "lists_server": False, "includes": [],
                                                            "lists_dotenv": False}


def test_a_lock_file_is_read_only_in_the_table_that_names_flask():
    # Only the pin is read: a broken table elsewhere (a merge conflict in a hash list) does not hide it.
    broken = LOCK.replace("[metadata]\n", "[metadata]\n<<<<<<< HEAD\n")
    result = analyse("poetry.lock", broken)
    assert result.facts["flask_version"]["version"] == "3.0.3" and result.diagnostics == []
