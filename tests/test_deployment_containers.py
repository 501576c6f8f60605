"""Kubernetes containers that run an image built here as it is (deployment/containers.py).

Each test writes a small project: a Dockerfile whose CMD starts the app, a manifest whose container gives
only `image:` and `env`, and the evidence (or none) that the image is built from this repository.
"""

from __future__ import annotations

from flasklint.deployment.containers import image_name
from projects import scan_project, summary

APP = "from flask import Flask\n\napp = Flask(__name__)\n"
ENV_APP = ("import os\n\n" + APP + "\nif __name__ == '__main__':\n"
           "    app.run(debug=os.environ['APP_DEBUG'], host=os.environ.get('APP_HOST', '127.0.0.1'))\n")  # line 8
FLASK_RUN_IMAGE = "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\n"
PYTHON_IMAGE = "FROM python:3.12-slim\nCOPY . /app\nWORKDIR /app\nCMD [\"python\", \"app.py\"]\n"


def _deployment(image: str, env: str) -> str:
    return ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: web\n"
            f"          image: {image}\n"  # line 10
            f"          env:\n{env}")


def _value(name: str, value: str) -> str:
    return f"            - name: {name}\n              value: \"{value}\"\n"


def _ref(name: str, configmap: str, key: str) -> str:
    return (f"            - name: {name}\n              valueFrom:\n                configMapKeyRef:\n"
            f"                  name: {configmap}\n                  key: {key}\n")


def _configmap(name: str, **data: str) -> str:
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + name + "\ndata:\n" + "".join(
        f"  {key}: \"{value}\"\n" for key, value in data.items())


COMPOSE_SHOP = "services:\n  shop:\n    image: shop\n    build: .\n"


def test_image_name_drops_tag_and_digest():
    assert image_name("shop:1.4") == "shop"
    assert image_name("registry.example.com:5000/team/shop:1.4@sha256:abc") == "registry.example.com:5000/team/shop"
    assert image_name("shop") == "shop"


def test_container_of_an_image_compose_builds_turns_the_debugger_on(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "Dockerfile": FLASK_RUN_IMAGE, "compose.yaml": COMPOSE_SHOP,
                                     "k8s/web.yaml": _deployment("shop:1.4", _value("FLASK_DEBUG", "1"))})
    assert ("FL101", "k8s/web.yaml", 10, "critical", "production") in summary(result)
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert "compose service `shop`" in fl101.message and "runs image `shop:1.4`" in fl101.message


def test_container_with_the_debugger_off_adds_nothing(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "Dockerfile": FLASK_RUN_IMAGE, "compose.yaml": COMPOSE_SHOP,
                                     "k8s/web.yaml": _deployment("shop:1.4", _value("FLASK_DEBUG", "0"))})
    assert [f.rule for f in result.findings] == ["FL301"]


def test_container_of_an_image_built_elsewhere_is_not_tied_to_the_dockerfile(tmp_path):
    result = scan_project(tmp_path, {"app.py": APP, "Dockerfile": FLASK_RUN_IMAGE, "compose.yaml": COMPOSE_SHOP,
                                     "k8s/web.yaml": _deployment("redis:7", _value("FLASK_DEBUG", "1"))})
    assert not any(f.rule == "FL101" for f in result.findings)


def test_docker_build_tag_in_a_makefile_ties_the_image(tmp_path):
    makefile = "image:\n\tdocker build -t ghcr.io/acme/shop .\n"
    result = scan_project(tmp_path, {"app.py": APP, "Dockerfile": FLASK_RUN_IMAGE, "Makefile": makefile,
                                     "k8s/web.yaml": _deployment("ghcr.io/acme/shop:2", _value("FLASK_DEBUG", "1"))})
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert "`docker build -t ghcr.io/acme/shop`" in fl101.message


def test_the_only_dockerfile_is_the_image_and_configmaps_that_agree_give_values(tmp_path):
    env = _ref("APP_DEBUG", "web-config", "debug") + _ref("APP_HOST", "web-config", "host")
    result = scan_project(tmp_path, {"app.py": ENV_APP, "Dockerfile": PYTHON_IMAGE,
                                     "k8s/web.yaml": _deployment("web:latest", env),
                                     "k8s/config.yaml": _configmap("web-config", debug="1", host="0.0.0.0")})
    assert ("FL101", "app.py", 8, "critical", "production") in summary(result)
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    assert "the only Dockerfile of its project" in fl101.message and "k8s/config.yaml" in fl101.message


def test_two_dockerfiles_and_no_name_tie_nothing(tmp_path):
    env = _ref("APP_DEBUG", "web-config", "debug") + _ref("APP_HOST", "web-config", "host")
    result = scan_project(tmp_path, {"app.py": ENV_APP, "Dockerfile": PYTHON_IMAGE, "worker/Dockerfile": PYTHON_IMAGE,
                                     "k8s/web.yaml": _deployment("web:latest", env),
                                     "k8s/config.yaml": _configmap("web-config", debug="1", host="0.0.0.0")})
    assert not any(f.rule == "FL101" for f in result.findings)


def test_disagreeing_configmaps_that_are_all_true_as_strings_turn_the_debugger_on(tmp_path):
    env = _ref("APP_DEBUG", "web-config", "debug") + _ref("APP_HOST", "web-config", "host")
    result = scan_project(tmp_path, {"app.py": ENV_APP, "Dockerfile": PYTHON_IMAGE,
                                     "k8s/web.yaml": _deployment("web:latest", env),
                                     "k8s/staging/config.yaml": _configmap("web-config", debug="True", host="0.0.0.0"),
                                     "k8s/prod/config.yaml": _configmap("web-config", debug="False", host="0.0.0.0")})
    fl101 = next(f for f in result.findings if f.rule == "FL101")
    # the string "False" is true as `debug=`: the message must not say the debugger is off
    assert '`APP_DEBUG="False"` (a non-empty string: true)' in fl101.message
    assert "APP_DEBUG=False`" not in fl101.message


def test_disagreeing_configmaps_that_differ_in_effect_leave_the_value_unknown(tmp_path):
    env = _ref("APP_DEBUG", "web-config", "debug") + _ref("APP_HOST", "web-config", "host")
    result = scan_project(tmp_path, {"app.py": ENV_APP, "Dockerfile": PYTHON_IMAGE,
                                     "k8s/web.yaml": _deployment("web:latest", env),
                                     "k8s/staging/config.yaml": _configmap("web-config", debug="1", host="0.0.0.0"),
                                     "k8s/prod/config.yaml": _configmap("web-config", debug="1", host="127.0.0.1")})
    assert not any(f.rule == "FL101" for f in result.findings)


def test_container_with_a_command_of_its_own_does_not_run_the_image_cmd(tmp_path):
    manifest = _deployment("web:latest", _value("FLASK_DEBUG", "1")).replace(
        "          env:\n", "          command: [\"gunicorn\", \"app:app\"]\n          env:\n")
    result = scan_project(tmp_path, {"app.py": APP, "Dockerfile": FLASK_RUN_IMAGE, "k8s/web.yaml": manifest})
    assert not any(f.rule == "FL101" for f in result.findings)
