"""2,000 templated and unusually named deployment files: scanned without a word of parse noise on stderr."""

from __future__ import annotations


HELM = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "web.fullname" . }}
  labels:
    {{- include "web.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  template:
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          command: ["gunicorn", "--bind", "0.0.0.0:{{ .Values.port }}", "{{ .Values.module }}:app"]
          env:
            {{- range $key, $value := .Values.env }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          {{- if .Values.resources }}
          resources: {{- toYaml .Values.resources | nindent 12 }}
          {{- end }}
"""
COOKIECUTTER_PY = """from flask import Flask
{% if cookiecutter.use_sentry == 'y' %}
import sentry_sdk
{% endif %}

app = Flask("{{ cookiecutter.project_slug }}")
app.config["DEBUG"] = {{ cookiecutter.debug }}

if __name__ == "__main__":
    app.run(host="{{ cookiecutter.host }}", port={{ cookiecutter.port }})
"""
JINJA_DOCKERFILE = """# syntax=docker/dockerfile:1
FROM python:{{ python_version }}-slim
{% for package in system_packages %}
RUN apt-get install -y {{ package }}
{% endfor %}
ENV FLASK_DEBUG={{ flask_debug }}
CMD ["gunicorn", "--bind", "0.0.0.0:{{ port }}", "{{ module }}:app"]
"""
COMPOSE = """services:
  {{ service_name }}:
    image: "{{ registry }}/{{ image }}:{{ tag }}"
    command: gunicorn --bind 0.0.0.0:{{ port }} app:app
    environment:
      FLASK_DEBUG: "{{ debug }}"
{% if with_db %}
  db:
    image: postgres:16
{% endif %}
"""
GITLAB = """deploy:
  stage: deploy
  script:
    - helm upgrade --install web ./chart --set image.tag={{ tag }}
  environment: {{ environment }}
"""
TASKFILE = """version: '3'
tasks:
  serve:
    cmds:
      - flask run --port {{.PORT}}
"""
DEVCONTAINER = """{
  // generated
  "name": "{{ cookiecutter.project_name }}",
  "postStartCommand": "flask run --port {{ cookiecutter.port }}",
}
"""
PLAIN_DOCKERFILE = "# syntax=docker/dockerfile:1\nARG PY=3.12\nFROM python:${PY}-slim\nCMD gunicorn app:app\n"
VALUES = "replicaCount: 2\nenv:\n  FLASK_DEBUG: \"0\"\n  GREETING: \"{{ not a template here }}\"\n"

FILES = [
    ("chart{i}/templates/deployment.yaml", HELM),
    ("{{{{cookiecutter.project_slug}}}}{i}/app.py", COOKIECUTTER_PY),
    ("ansible/roles/web{i}/templates/Dockerfile.j2", JINJA_DOCKERFILE),
    ("tpl{i}/docker-compose.yml.tmpl.yml", COMPOSE),
    ("ci{i}/.gitlab-ci.yml", GITLAB),
    ("tasks{i}/Taskfile.yml", TASKFILE),
    ("dc{i}/.devcontainer/devcontainer.json", DEVCONTAINER),
    ("images{i}/docker/web", PLAIN_DOCKERFILE),
    ("images{i}/Dockerfile_alpine", PLAIN_DOCKERFILE),
    ("chart{i}/values-staging.yaml", VALUES),
]


def test_two_thousand_templated_files_scan_without_parse_noise(tmp_path, run_cli):
    for i in range(200):
        for pattern, text in FILES:
            path = tmp_path / pattern.format(i=i)
            path.parent.mkdir(parents=True, exist_ok=True)
            if i % 50 == 0 and text is HELM:  # a few templates that do start the dev server: they are read
                text = HELM.replace('"gunicorn", "--bind", "0.0.0.0:{{ .Values.port }}", "{{ .Values.module }}:app"',
                                    '"flask", "run", "--port", "{{ .Values.port }}"')
            path.write_text(text, encoding="utf-8")
    assert sum(1 for p in tmp_path.rglob("*") if p.is_file()) == 2000
    code, out, err = run_cli("check", "--no-cache", str(tmp_path))
    assert not [line for line in err.splitlines() if line.startswith("flasklint:")], err[:2000]
    assert "Found 4 findings in 2000 files analysed." in out, out[-500:]
    assert out.count(": FL301 [") == 4  # not the "By rule" line
