"""The persistent map behind `Environment`: dict semantics, insertion order, old versions unchanged."""

from __future__ import annotations

import random

from flasklint.commands.environment import EnvValue, Environment
from flasklint.commands.persistent import PersistentMap


def test_setting_a_key_leaves_the_old_version_as_it_was() -> None:
    empty: PersistentMap[int] = PersistentMap()
    one = empty.set("A", 1)
    two = one.set("A", 2).set("B", 3)
    assert (empty.get("A"), one.get("A"), two.get("A"), two.get("B")) == (None, 1, 2, 3)
    assert (len(empty), len(one), len(two)) == (0, 1, 2)
    assert "B" not in one and "B" in two


def test_iteration_follows_first_insertion_like_a_dict() -> None:
    values: PersistentMap[int] = PersistentMap()
    for name in ("C", "A", "B"):
        values = values.set(name, 0)
    values = values.set("A", 1).delete("C").set("C", 2)
    assert values.items() == [("A", 1), ("B", 0), ("C", 2)]


def test_many_keys_agree_with_a_dict_across_versions() -> None:
    rng = random.Random(3)
    values: PersistentMap[int] = PersistentMap()
    model: dict[str, int] = {}
    versions = []
    for step in range(20_000):
        key = f"K{rng.randrange(5_000)}"
        if rng.random() < 0.2:
            values, _ = values.delete(key), model.pop(key, None)
        else:
            values, model[key] = values.set(key, step), step
        if step % 2_000 == 0:
            versions.append((values, dict(model)))
    assert dict(values.items()) == model and len(values) == len(model)
    for version, expected in versions:
        assert dict(version.items()) == expected


def test_deleting_a_missing_key_returns_the_same_map() -> None:
    values: PersistentMap[int] = PersistentMap().set("A", 1)
    assert values.delete("B") is values


def test_environment_steps_share_structure_and_keep_every_version() -> None:
    env = Environment([EnvValue("FLASK_APP", "app", 0, 1, "run.sh")])
    steps = [env]
    for i in range(1_000):
        steps.append(steps[-1].with_value(EnvValue(f"V{i}", str(i), i, i + 1, "run.sh")))
    assert steps[10].value("V9") == "9" and steps[10].value("V10") is None
    assert list(steps[3]) == ["FLASK_APP", "V0", "V1", "V2"]
    assert steps[-1].without("FLASK_APP").value("FLASK_APP") is None and steps[-1].value("FLASK_APP") == "app"
    assert dict(steps[2].items()) == {"FLASK_APP": env["FLASK_APP"], "V0": steps[1]["V0"], "V1": steps[2]["V1"]}
    assert steps[2] == Environment(steps[2].values())


def test_update_gives_what_setting_one_key_after_another_gives() -> None:
    rng = random.Random(5)
    base: PersistentMap[int] = PersistentMap().update((f"K{i}", i) for i in range(300))
    for _ in range(200):
        items = [(f"K{rng.randrange(600)}", rng.randrange(100)) for _ in range(rng.randrange(40))]
        before = base.items()
        one_by_one = base
        for key, value in items:
            one_by_one = one_by_one.set(key, value)
        updated = base.update(items)
        assert updated.items() == one_by_one.items() and len(updated) == len(one_by_one)
        assert base.items() == before  # the old version is untouched
        base = updated if rng.random() < 0.5 else base


def test_a_script_exports_are_in_force_for_the_next_command_only_from_then_on() -> None:
    from flasklint.commands.script import ShellState, walk
    from flasklint.commands.shellwords import split_commands

    text = "export A=1\nrun\nexport B=2\nA=3\nrun\nunset A\nexport B=4 C=5\nrun"
    envs = [dict((k, v.value) for k, v in step.env.items()) for step in walk(split_commands(text), ShellState("s"))]
    assert envs == [{"A": "1"}, {"A": "3", "B": "2"}, {"B": "4", "C": "5"}]
