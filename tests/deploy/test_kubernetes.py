"""deploy/kubernetes/values.yaml names only settings the Zero to JupyterHub chart and KubeSpawner really have.

No cluster is reachable here: the values are merged over the chart's defaults as Helm does and
validated against the chart's own settings schema (vendored in tests/data/z2jh-4.4.0, see SOURCE.md),
every key under ``singleuser``, ``hub``, ``cull`` and ``proxy`` is looked up in that schema, and the
``c.KubeSpawner.<trait>`` lines of ``hub.extraConfig`` are run against KubeSpawner's real traits.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")
jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "tests" / "data" / "z2jh-4.4.0"
DEPLOY = ROOT / "deploy" / "kubernetes"


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def values() -> dict:
    return load(DEPLOY / "values.yaml")


@pytest.fixture(scope="module")
def schema() -> dict:
    return load(CHART / "values.schema.yaml")


def merged(defaults: dict, overrides: dict) -> dict:
    """``overrides`` over ``defaults``, maps merged key by key and everything else replaced (Helm's rule)."""
    out = copy.deepcopy(defaults)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def unknown_keys(value, node: dict, where: str) -> list[str]:
    """The keys of ``value`` that the schema ``node`` does not declare, where it declares its keys."""
    if not isinstance(value, dict):
        return []
    declared = node.get("properties", {})
    patterns = node.get("patternProperties", {})
    found = []
    for key, sub in value.items():
        matching = [schema for pattern, schema in patterns.items() if re.search(pattern, key)]
        if key in declared:
            found += unknown_keys(sub, declared[key], f"{where}.{key}")
        elif matching:
            found += unknown_keys(sub, matching[0], f"{where}.{key}")
        elif (declared or patterns) and node.get("additionalProperties", True) is False:
            found.append(f"{where}.{key}")
    return found


def test_the_values_merged_over_the_chart_defaults_pass_the_chart_schema(values, schema):
    complete = merged(load(CHART / "values.yaml"), values)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(complete), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{'.'.join(map(str, e.path))}: {e.message}" for e in errors[:10])


@pytest.mark.parametrize("section", ["singleuser", "hub", "cull", "proxy"])
def test_every_key_of_each_section_is_a_setting_of_the_chart(values, schema, section):
    assert section in values, f"values.yaml has no {section} section"
    assert unknown_keys(values[section], schema["properties"][section], section) == []


def test_the_unknown_key_check_catches_a_misspelt_setting(schema):
    assert unknown_keys({"storage": {"capasity": "2Gi"}}, schema["properties"]["singleuser"], "singleuser") == [
        "singleuser.storage.capasity"]


#: The classes ``hub.config`` configures, as the hub image of chart 4.4.0 installs them.
CONFIGURABLES = {"JupyterHub": "jupyterhub.app", "Authenticator": "jupyterhub.auth",
                 "FirstUseAuthenticator": "firstuseauthenticator", "KubeSpawner": "kubespawner"}


def test_every_hub_config_setting_is_a_trait_of_its_class_and_the_authenticator_is_installed(values):
    import importlib
    from importlib.metadata import entry_points

    for name, settings in values["hub"]["config"].items():
        assert name in CONFIGURABLES, f"hub.config.{name}: add the class's module to CONFIGURABLES"
        module = pytest.importorskip(CONFIGURABLES[name])
        traits = getattr(importlib.import_module(module.__name__), name).class_traits(config=True)
        assert set(settings) <= set(traits), f"{name} has no setting {sorted(set(settings) - set(traits))}"
    chosen = values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    assert chosen in {e.name for e in entry_points(group="jupyterhub.authenticators")}


def test_the_extra_config_sets_only_traits_kubespawner_has(values):
    kubespawner = pytest.importorskip("kubespawner")
    from traitlets.config import Config

    code = "\n".join(values["hub"]["extraConfig"].values())
    named = set(re.findall(r"\bc\.KubeSpawner\.(\w+)", code))
    assert named, "hub.extraConfig names no KubeSpawner setting"
    traits = kubespawner.KubeSpawner.class_traits(config=True)
    assert named <= set(traits), f"KubeSpawner has no {sorted(named - set(traits))}"
    c = Config()
    c.KubeSpawner.environment = {"FROM_THE_CHART": "kept"}  # what the chart's own configuration sets first
    exec(compile(code, "hub.extraConfig", "exec"), {"c": c})
    spawner_config = c.KubeSpawner
    for name in named:
        traits[name].validate(None, spawner_config[name])  # the value has the trait's type
    environment = spawner_config["environment"]
    assert environment["FROM_THE_CHART"] == "kept"

    class User:
        name = "amina"

    class Spawner:
        user = User()

    seed = environment["WORKBENCH_SEED"](Spawner())
    assert seed.isdigit() and seed == environment["WORKBENCH_SEED"](Spawner())


def test_the_image_starts_the_servers_the_values_name(values):
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert values["singleuser"]["cmd"][0] == "start-workbench"
    assert "/usr/local/bin/start-workbench" in dockerfile and (DEPLOY / "start-workbench").stat().st_mode & 0o111
    assert "requirements/lock.txt" in dockerfile and "--require-hashes" in dockerfile
    assert not re.search(r"\b(pytest|\[dev\]|playwright|ruff)\b", dockerfile), "no test tools in a trainee's image"
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "build", ".git"} <= set(ignored), "the build context must leave out the local virtualenv"
    assert values["singleuser"]["extraEnv"]["WORKBENCH_HOME"].startswith(values["singleuser"]["storage"]["homeMountPath"])
