"""The YAML/TOML deployment families: what each extracts, what it reports, and fixes that re-parse."""

from __future__ import annotations

import time
from typing import Optional

import pytest
import yaml

from flasklint import analyzers
from flasklint.knowledge import kinds
from flasklint.analyzers import compose, fly, github_actions, kubernetes
from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import launch_commands
from flasklint.analyzers.yamlconfig import YamlConfig
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.tomlsource import load_toml
from flasklint.sources.yamlsource import Walker, load_yaml


def run(kind: str, text: str, path: str = "cfg.yml", dev_reason: Optional[str] = None) -> FileResult:
    context = AnalysisContext(display_path=path, kind=kind, dev_reason=dev_reason)
    return analyzers.analyze(kind, SourceText(text), context)


def rules(result: FileResult) -> list[tuple[int, str]]:
    return sorted((f.span.start.line, f.rule) for f in result.findings)


def apply_fix(text: str, result: FileResult, rule: str) -> str:
    finding = next(f for f in result.findings if f.rule == rule)
    assert finding.fix is not None, finding
    for edit in sorted(finding.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def extract_yaml(module, text: str):
    stream = load_yaml(text)
    config = YamlConfig(stream, Walker())
    return [launch for doc in stream.documents for launch in module.extract(config, doc)]


def words(text: str, launch) -> list[list[str]]:
    return [[w.text for w in command] for command in launch_commands(text, launch)[0]]


# ---- compose -----------------------------------------------------------------------------


COMPOSE = """services:
  web:
    entrypoint: ["python", "-m"]
    command: flask run --host 0.0.0.0
    environment:
      - FLASK_DEBUG=1
      - EMPTY
  worker:
    command:
      - flask
      - run
    environment:
      WERKZEUG_DEBUG_PIN: "off"
      FROM_HOST:
    env_file: [.env, {path: ./prod.env, required: false}]
"""


def test_compose_extraction_joins_entrypoint_and_command_and_reads_both_env_shapes():
    web, worker = extract_yaml(compose, COMPOSE)
    assert words(COMPOSE, web) == [["python", "-m", "flask", "run", "--host", "0.0.0.0"]]
    assert [(s.name, s.value.value) for s in web.env] == [("FLASK_DEBUG", "1")]
    assert words(COMPOSE, worker) == [["flask", "run"]]
    assert [(s.name, s.value.value) for s in worker.env] == [("WERKZEUG_DEBUG_PIN", "off")]
    assert [f.value for f in worker.env_files] == [".env", "./prod.env"]


def test_compose_words_point_at_the_file():
    (web, _) = extract_yaml(compose, COMPOSE)
    host = launch_commands(COMPOSE, web)[0][0][4]
    assert COMPOSE[host.start:host.end] == "--host"


def test_compose_production_findings():
    result = run(kinds.COMPOSE, COMPOSE, "docker-compose.yml")
    assert rules(result) == [(3, "FL301"), (6, "FL302"), (10, "FL301"), (13, "FL105")]


def test_compose_gunicorn_is_not_a_finding():
    text = 'services:\n  web:\n    command: gunicorn -b 0.0.0.0:8000 app:app\n    environment:\n      FLASK_DEBUG: "0"\n'
    assert rules(run(kinds.COMPOSE, text)) == []


def test_compose_interpolation_default_counts_and_unknown_values_are_not_judged():
    text = ('services:\n  web:\n    image: x\n    environment:\n'
            '      FLASK_DEBUG: ${FLASK_DEBUG:-1}\n      FLASK_ENV: ${FLASK_ENV}\n')
    result = run(kinds.COMPOSE, text)
    assert rules(result) == [(5, "FL302")]


def test_compose_dev_override_reports_the_bind_at_lowered_severity():
    text = "services:\n  web:\n    command: flask run --host 0.0.0.0\n"
    result = run(kinds.COMPOSE, text, "docker-compose.override.yml", dev_reason="a local override")
    (finding,) = result.findings
    assert finding.rule == "FL201"  # its context is the deployment model's (tests/test_deployment.py)


@pytest.mark.parametrize("command", [
    'command: flask run --host 0.0.0.0',
    'command: "flask run --host 0.0.0.0"',
    "command: ['flask', 'run', '--host', '0.0.0.0']",
    'command:\n      - flask\n      - run\n      - --host\n      - 0.0.0.0',
])
def test_compose_fl301_fix_rewrites_the_command_and_the_file_still_parses(command):
    text = f"services:\n  web:\n    build: .\n    {command}\n    ports: ['8000:5000']\n"
    fixed = apply_fix(text, run(kinds.COMPOSE, text), "FL301")
    service = yaml.safe_load(fixed)["services"]["web"]
    joined = service["command"] if isinstance(service["command"], str) else " ".join(service["command"])
    assert joined == "gunicorn --bind 0.0.0.0:5000 app:app"
    assert "FL301" not in {f.rule for f in run(kinds.COMPOSE, fixed).findings}


def test_compose_fix_that_would_span_entrypoint_and_command_is_withheld():
    text = "services:\n  web:\n    entrypoint: [flask]\n    command: [run]\n"
    (finding,) = run(kinds.COMPOSE, text).findings
    assert finding.rule == "FL301" and finding.fix is None


def test_compose_env_fix_sets_the_value_and_reparses():
    text = 'services:\n  web:\n    image: x\n    environment:\n      FLASK_DEBUG: "1"\n      A: b\n'
    fixed = apply_fix(text, run(kinds.COMPOSE, text), "FL302")
    assert rules(run(kinds.COMPOSE, fixed)) == []
    yaml.safe_load(fixed)


def test_compose_escaped_command_reports_but_offers_no_fix_edit_inside_escapes():
    text = 'services:\n  web:\n    command: "flask run --host \\u0030.0.0.0 --debug"\n'
    result = run(kinds.COMPOSE, text)
    assert {f.rule for f in result.findings} >= {"FL301"}
    for finding in result.findings:
        for edit in finding.fix.edits if finding.fix else ():
            assert "\\u0030" not in text[edit.start:edit.end]


def test_compose_alias_bomb_is_bounded():
    lines = ['x-l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 25):
        lines.append(f"x-l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    text = "\n".join(lines) + "\nservices:\n  web:\n    command: *l24\n    environment: *l24\n  flask: {}\n"
    began = time.perf_counter()
    result = run(kinds.COMPOSE, text)
    assert time.perf_counter() - began < 3.0
    assert result.findings == [] or all(f.rule for f in result.findings)


def test_compose_broken_yaml_is_a_diagnostic():
    result = run(kinds.COMPOSE, "services:\n  web:\n    command: [flask, run\n")
    assert result.findings == [] and "invalid YAML" in result.diagnostics[0].message


# ---- kubernetes ----------------------------------------------------------------------------


MANIFESTS = """apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              args: ["flask", "run"]
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: debug}
    spec:
      initContainers:
        - name: init
          command: [sh, -c, "flask run --host=0.0.0.0"]
          env:
            - {name: FLASK_DEBUG, valueFrom: {secretKeyRef: {name: s, key: k}}}
---
apiVersion: v1
kind: ConfigMap
data:
  command: flask run
"""


def test_kubernetes_reads_cronjob_templates_lists_and_init_containers_only_from_workloads():
    launches = extract_yaml(kubernetes, MANIFESTS)
    assert [launch.label for launch in launches] == ["container 'job' of CronJob nightly",
                                                   "container 'init' of Pod debug"]
    assert launches[1].env == ()  # valueFrom is not in the file


def test_kubernetes_findings():
    assert rules(run(kinds.YAML, MANIFESTS, "all.yaml")) == [(11, "FL301"), (22, "FL301")]


def test_kubernetes_gunicorn_bind_all_is_not_a_finding():
    text = """apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          command: ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
          env:
            - name: FLASK_DEBUG
              value: "0"
"""
    assert rules(run(kinds.YAML, text)) == []


def test_kubernetes_env_item_fix_removes_the_whole_item():
    text = """apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: web
      image: x
      env:
        - name: WERKZEUG_DEBUG_PIN
          value: "off"
        - name: OTHER
          value: "1"
"""
    fixed = apply_fix(text, run(kinds.YAML, text), "FL105")
    container = yaml.safe_load(fixed)["spec"]["containers"][0]
    assert container["env"] == [{"name": "OTHER", "value": "1"}]


def test_kubernetes_block_sequence_fix_uses_the_container_port():
    text = """apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
    - name: web
      command:
        - flask
        - run
      ports:
        - containerPort: 8080
"""
    fixed = apply_fix(text, run(kinds.YAML, text), "FL301")
    assert yaml.safe_load(fixed)["spec"]["containers"][0]["command"] == ["gunicorn", "--bind", "0.0.0.0:8080", "app:app"]


def test_kubernetes_prefilter_needs_a_manifest_and_a_launch_word_an_image_or_a_configmap():
    assert kubernetes.may_matter(b"apiVersion: v1\nkind: Pod\nspec: {containers: [{command: [flask]}]}")
    # a container that runs its image as it is, and the ConfigMaps its env names, feed the deployment model
    assert kubernetes.may_matter(b"apiVersion: v1\nkind: Pod\nspec: {containers: [{image: shop}]}")
    assert kubernetes.may_matter(b"apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n")
    assert not kubernetes.may_matter(b"apiVersion: v1\nkind: Service\nspec: {ports: [{port: 80}]}\n")
    assert not kubernetes.may_matter(b"name: flask docs\nnav: []\n")


def test_helm_template_that_is_broken_once_blanked_is_one_diagnostic():
    result = run(kinds.YAML, "apiVersion: v1\nkind: Pod\nspec:\n  {{- if .Values.x }}\n  a: [flask\n  b: [c\n")
    assert len(result.diagnostics) == 1
    assert "template read with its" in result.diagnostics[0].message


# ---- App Engine, Render -------------------------------------------------------------------


def test_appengine_entrypoint_and_env_variables():
    text = "runtime: python312\nentrypoint: flask run --port=$PORT\nenv_variables:\n  FLASK_DEBUG: 'true'\n"
    result = run(kinds.APPENGINE, text, "app.yaml")
    assert rules(result) == [(2, "FL301"), (4, "FL302")]
    fl301 = next(f for f in result.findings if f.rule == "FL301")
    assert "$PORT" in fl301.fix.edits[0].replacement


def test_appengine_gunicorn_is_fine():
    text = "runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\nenv_variables:\n  FLASK_DEBUG: '0'\n"
    assert rules(run(kinds.APPENGINE, text, "app.yaml")) == []


def test_render_services_and_env_groups():
    text = """services:
  - type: web
    name: api
    startCommand: python -m flask run --host 0.0.0.0
    envVars:
      - key: FLASK_DEBUG
        value: "1"
      - key: SECRET
        generateValue: true
envVarGroups:
  - name: shared
    envVars:
      - key: WERKZEUG_DEBUG_PIN
        value: "off"
"""
    assert rules(run(kinds.RENDER, text, "render.yaml")) == [(4, "FL301"), (6, "FL302"), (13, "FL105")]


def test_render_gunicorn_is_fine():
    text = "services:\n  - type: web\n    name: api\n    startCommand: gunicorn app:app\n"
    assert rules(run(kinds.RENDER, text, "render.yaml")) == []


# ---- fly.toml ------------------------------------------------------------------------------


FLY = """app = "demo"

[env]
  FLASK_DEBUG = true

[processes]
  web = "flask run --host 0.0.0.0 --port 8080"
  cron = "supercronic /app/crontab"

[experimental]
  cmd = ["python", "-m", "flask", "run"]

[http_service]
  internal_port = 8080
"""


def test_fly_extraction():
    launches = fly.extract(FLY, load_toml(FLY))
    assert [launch.label for launch in launches] == ["process 'web'", "process 'cron'", "experimental cmd"]
    assert words(FLY, launches[2]) == [["python", "-m", "flask", "run"]]
    assert launches[0].port_hint == "8080"
    assert [(s.name, s.value.value) for s in launches[0].env] == [("FLASK_DEBUG", "true")]


def test_fly_findings_and_fix():
    result = run(kinds.FLY, FLY, "fly.toml")
    assert rules(result) == [(4, "FL302"), (7, "FL301"), (11, "FL301")]
    fixed = apply_fix(FLY, result, "FL301")
    assert load_toml(fixed)["processes"]["web"] == "gunicorn --bind 0.0.0.0:8080 app:app"


def test_fly_gunicorn_and_invalid_toml():
    assert rules(run(kinds.FLY, '[processes]\napp = "gunicorn app:app"\n', "fly.toml")) == []
    result = run(kinds.FLY, "[processes\napp = 1\n", "fly.toml")
    assert "invalid TOML" in result.diagnostics[0].message


# ---- GitHub Actions ------------------------------------------------------------------------


WORKFLOW = """on: push
env:
  FLASK_RUN_HOST: 0.0.0.0
jobs:
  e2e:
    runs-on: ubuntu-latest
    env:
      FLASK_DEBUG: "1"
    steps:
      - uses: actions/checkout@v4
      - name: serve
        run: |
          pip install .
          flask run &
      - run: echo "flask run --host=0.0.0.0"
"""


def test_workflow_layers_env_and_reports_ci_starts_at_lowered_severity():
    (job, serve, echo) = extract_yaml(github_actions, WORKFLOW)
    assert job.parts == ()
    assert [s.name for s in serve.env] == ["FLASK_RUN_HOST", "FLASK_DEBUG"]
    assert not serve.production
    result = run(kinds.GITHUB_ACTIONS, WORKFLOW, ".github/workflows/e2e.yml")
    (finding,) = result.findings
    assert finding.rule == "FL101" and finding.span.start.line == 14
    assert finding.severity.label == "critical"  # the deployment model makes CI runs development (high)


def test_workflow_debug_env_without_a_server_is_not_a_finding():
    text = 'on: push\njobs:\n  t:\n    runs-on: x\n    env: {FLASK_DEBUG: "1"}\n    steps:\n      - run: pytest\n'
    assert rules(run(kinds.GITHUB_ACTIONS, text, ".github/workflows/t.yml")) == []


def test_workflow_pin_off_is_reported_even_without_run_steps():
    text = 'on: push\nenv:\n  WERKZEUG_DEBUG_PIN: "off"\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n'
    result = run(kinds.GITHUB_ACTIONS, text, ".github/workflows/t.yml")
    assert rules(result) == [(3, "FL105")]
    assert result.findings[0].severity.label == "critical"  # as analysed; CI context is the model's


@pytest.mark.parametrize("text, expected", [
    ("servicestack:\n  search: [stack]\nflask:\n  search: [python]\n", False),  # an icon list: no `services:` key
    ("version: '3'\nservices:\n  web:\n    command: flask run --host=0.0.0.0\n", True),
    ('{"services": {"web": {"command": "flask run --host=0.0.0.0"}}}\n', True),
    ("x:\n  - services:\n      web: {command: 'flask run'}\n", True),
])
def test_the_yaml_screen_wants_services_as_a_key(text, expected):
    from flasklint.analyzers import yamlfamilies

    assert yamlfamilies.may_matter(text.encode()) is expected
