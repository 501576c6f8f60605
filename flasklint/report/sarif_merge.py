"""`flasklint merge-sarif OUT IN...`: the SARIF files of `--shard` jobs as one run, for one upload.

GitHub code scanning replaces a category's alerts with each upload, so a matrix
of shards must upload one file with one run: this concatenates the runs'
results and notifications (sorted as one scan sorts them), keeps the first
run's tool, base URI and category, and refuses inputs from different tools,
versions or categories (they were not shards of one scan).
"""

from __future__ import annotations

import json
from typing import Any, Sequence
from urllib.parse import unquote

from flasklint.sources.filenames import json_text
from flasklint.report.summary import hidden_because


class MergeError(ValueError):
    """Inputs that are not SARIF runs of one flasklint scan; the message is user-facing."""


def _runs(path: str) -> list[dict[str, Any]]:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            document = json.load(handle)
        runs = document["runs"]
        if not isinstance(runs, list) or not all(isinstance(run, dict) for run in runs):
            raise TypeError("runs is not a list of objects")
        return runs
    except OSError as exc:
        raise MergeError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise MergeError(f"{path}: not a SARIF file ({exc})") from None
    except RecursionError:
        raise MergeError(f"{path}: not a SARIF file (nested too deeply to read)") from None


def _identity(run: dict[str, Any]) -> tuple[Any, Any, Any]:
    driver = run.get("tool", {}).get("driver", {})
    return driver.get("name"), driver.get("version"), run.get("automationDetails", {}).get("id")


def _where(item: dict[str, Any]) -> tuple[str, int, int]:
    try:
        physical = item["locations"][0]["physicalLocation"]
    except (KeyError, IndexError, TypeError):
        return "", 0, 0
    region = physical.get("region", {})
    return unquote(physical.get("artifactLocation", {}).get("uri", "")), region.get("startLine", 0), region.get("startColumn", 0)


def merge(paths: Sequence[str]) -> dict[str, Any]:
    """One SARIF document with one run holding every input run's results."""
    runs = [(path, run) for path in paths for run in _runs(path)]
    if not runs:
        raise MergeError("the inputs hold no SARIF run")
    first_path, first = runs[0]
    for path, run in runs[1:]:
        if _identity(run) != _identity(first):
            raise MergeError(f"{path}: a run of {_identity(run)} cannot merge with {first_path}'s {_identity(first)}"
                             " (tool, version and --sarif-category must match)")
    merged = dict(first)
    results = [result for _, run in runs for result in run.get("results", [])]
    results.sort(key=lambda r: (*_where(r), r.get("ruleId", "")))
    notifications = [n for _, run in runs for invocation in run.get("invocations", [])
                     for n in invocation.get("toolExecutionNotifications", [])]
    notifications.sort(key=lambda n: (_where(n)[0], n.get("message", {}).get("text", "")))
    successful = all(invocation.get("executionSuccessful", True) for _, run in runs for invocation in run.get("invocations", []))
    merged["results"] = results
    merged["invocations"] = [{"executionSuccessful": successful, "toolExecutionNotifications": notifications}]
    hidden: dict[str, int] = {}
    for _, run in runs:  # the development/test findings each shard left out, added up
        for context, count in run.get("properties", {}).get("hiddenFindings", {}).items():
            hidden[context] = hidden.get(context, 0) + int(count)
    merged.pop("properties", None)
    if hidden:
        counts = dict(sorted(hidden.items()))
        merged["properties"] = {**first.get("properties", {}), "hiddenFindings": counts,
                                "hiddenBecause": hidden_because(counts)}
    return {"$schema": first_document_schema(paths[0]), "version": "2.1.0", "runs": [merged]}


def first_document_schema(path: str) -> str:
    with open(path, encoding="utf-8", errors="surrogateescape") as handle:
        return json.load(handle).get("$schema", "https://json.schemastore.org/sarif-2.1.0.json")


def render(paths: Sequence[str]) -> str:
    return json_text(merge(paths), indent=2) + "\n"
