"""YAML files whose family only their content tells: Kubernetes manifests and compose files under any name.

`deploy/web.yaml` can be a Deployment, `stack.yml` or `ops/prod.yml` a compose
file passed with `-f`. Each document is read by the family its shape names:
`apiVersion` + `kind` is a manifest (Helm templates and Kustomize bases
included: a template's `{{ }}` actions are blanked before this runs, see
flasklint.sources.templating), a top-level `services:` map whose entries have
`image`, `build` or `command` is a compose file. Anything else is not read.
`facts["family"]` names what was found, for the project pass. In a Helm
chart's `templates/`, the `.Values` paths that reach a container's env are
recorded too (flasklint.knowledge.helm links them to the values files).
"""

from __future__ import annotations

import re
from typing import Optional

from flasklint.knowledge import helm
from flasklint.analyzers import compose, kubernetes
from flasklint.analyzers.base import AnalysisContext
from flasklint.analyzers.launches import Launch
from flasklint.analyzers.launches import may_matter as _mentions_launch
from flasklint.analyzers.yamlconfig import YamlConfig, analyze_yaml
from flasklint.model import FileResult
from flasklint.sources.source import SourceText
from flasklint.sources.yamlsource import YamlDocument, YMap, YNode

__all__ = ["may_matter", "analyze", "family_of"]

_SERVICE_KEYS = ("image", "build", "command", "entrypoint")


_SERVICES_KEY = re.compile(rb"""(?:^|[\s{,'"])services['"]?[ \t]*:""", re.M)
"""`services:` as a key (block or flow style), not `servicestack:` in an icon list that mentions `flask`."""


def may_matter(data: bytes) -> bool:
    if b".Values" in data:
        return True  # a chart template: its env references are facts even without a launch word
    return kubernetes.may_matter(data) or (b"services" in data and _SERVICES_KEY.search(data) is not None
                                           and _mentions_launch(data))


def family_of(config: YamlConfig, root: Optional[YNode]) -> Optional[str]:
    """"kubernetes", "compose", or None, from a document's top-level shape."""
    if not isinstance(root, YMap):
        return None
    if config.get(root, "apiVersion") is not None and config.get(root, "kind") is not None:
        return "kubernetes"
    services = config.mapping(config.get(root, "services"))
    if any(any(config.get(service, key) is not None for key in _SERVICE_KEYS) for _, service in services.values()):
        return "compose"
    return None


def analyze(source: SourceText, context: AnalysisContext) -> FileResult:
    found: set[str] = set()
    images: dict[str, list] = {}
    production = context.dev_reason is None

    def extract(config: YamlConfig, document: YamlDocument) -> list[Launch]:
        family = family_of(config, document.root)
        if family is not None:
            found.add(family)
        if family == "kubernetes":
            kubernetes.add_image_facts(images, kubernetes.image_facts(config, document, source))
            return kubernetes.extract(config, document)
        if family == "compose":
            return compose.extract(config, document, production=production)
        return []

    result = analyze_yaml(source, context, extract)
    kubernetes.add_image_facts(result.facts, images)
    if found:
        result.facts["family"] = sorted(found)[0] if len(found) == 1 else sorted(found)
    template = context.options.get("template_source")
    if isinstance(template, str):
        refs = helm.template_env_refs(template)
        if refs:
            result.facts[helm.REFS_KEY] = refs
    return result
