"""AWS Elastic Beanstalk `.ebextensions/*.config`: `option_settings` and deploy-time commands.

- `aws:elasticbeanstalk:container:python` `WSGIPath` (`application:app` or
  `application.py`) is the app Beanstalk's gunicorn/mod_wsgi imports,
  recorded as `facts["wsgi_imports"]`;
- `aws:elasticbeanstalk:application:environment` is the production
  environment (FL302, FL105);
- `commands` and `container_commands` run on the production instances at
  deploy time (`command:` string or list, with their own `env:`).

`option_settings` is written either as a map of namespaces or as a list of
`{namespace, option_name, value}` records; both are read.
"""

from __future__ import annotations

from typing import Optional

from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import EnvSetting, Launch, may_matter
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml, command_part, env_settings
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument, YNode, YScalar

__all__ = ["may_matter", "analyze", "extract"]

ENVIRONMENT = "aws:elasticbeanstalk:application:environment"
PYTHON = "aws:elasticbeanstalk:container:python"


def _options(config: YamlConfig, node: Optional[YNode], namespace: str) -> tuple[list[EnvSetting], dict[str, str]]:
    """(settings as env, plain values) of one namespace, in either spelling of `option_settings`."""
    settings = env_settings(config, config.get(node, namespace)) if config.get(node, namespace) is not None else []
    plain = {s.name: s.value.value for s in settings}
    for item in config.items(node):
        if config.string(item, "namespace") != namespace:
            continue
        name, value = config.string(item, "option_name"), config.get(item, "value")
        if name and isinstance(value, YScalar) and not value.is_null:
            settings.append(EnvSetting(name, config.located(value), item.start, value.end))
            plain[name] = value.value
    return settings, plain


def extract(config: YamlConfig, document: YamlDocument, wsgi: list[str]) -> list[Launch]:
    options = config.get(document.root, "option_settings")
    env, _ = _options(config, options, ENVIRONMENT)
    _, python = _options(config, options, PYTHON)
    if python.get("WSGIPath"):
        path = python["WSGIPath"].strip()
        wsgi.append(path if ":" in path else path.removesuffix(".py").replace("/", ".") + ":application")
    launches = []
    for section in ("commands", "container_commands"):
        for name, (key, entry) in config.mapping(config.get(document.root, section)).items():
            part = command_part(config, config.get(entry, "command"))
            own = env_settings(config, config.get(entry, "env"))
            if part is not None:
                launches.append(Launch(f"{section} {name!r}", key.start, (part,), tuple(env + own)))
    if env and not launches:
        launches.append(Launch(ENVIRONMENT, env[0].start, (), tuple(env)))
    return launches


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    wsgi: list[str] = []
    result = analyze_yaml(source, context, lambda config, doc: extract(config, doc, wsgi))
    if wsgi:
        result.facts["wsgi_imports"] = wsgi
    return result
