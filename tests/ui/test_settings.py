"""Settings come from the environment once, in ``ui/settings.py``: the CLI honours every documented
variable, a flag beats its variable, and no other module of the package reads the environment."""

from __future__ import annotations

import ast
import dataclasses
import json
from pathlib import Path

import pytest

from assistant.planning.auto import AutoPlanner
from assistant.planning.llm.openai_compat import OpenAIPlanner
from index.ffmpeg_bin import ffmpeg_exe, use_ffmpeg
from ui.cli import main
from ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("index", "assistant", "ui")
SETTINGS_MODULE = "ui/settings.py"
# Third-party libraries that take a setting only from the environment: (module, variable) -> why.
ALLOWED_WRITES = {
    ("ui/app.py", "GRADIO_TEMP_DIR"): "Gradio takes its upload cache folder only from this variable",
}


def test_defaults_from_an_empty_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    settings = Settings.from_env({})
    assert settings == Settings(library_dir=tmp_path / ".local" / "share" / "personalcut")
    assert settings.llm is None and settings.asr_model == "base"
    assert settings.clip_weights is None and settings.ffmpeg is None


def test_every_variable_is_read(tmp_path: Path) -> None:
    env = {
        "PERSONALCUT_LIBRARY": str(tmp_path / "lib"), "PERSONALCUT_LLM": "llamacpp:/m/q.gguf",
        "PERSONALCUT_ASR_MODEL": "/models/whisper", "PERSONALCUT_CLIP_WEIGHTS": str(tmp_path / "w.pt"),
        "PERSONALCUT_FFMPEG": "/usr/bin/ffmpeg", "OPENAI_BASE_URL": "http://127.0.0.1:8080/v1",
        "OPENAI_API_KEY": "sk-test", "PERSONALCUT_DECODE": "cpu",
    }
    assert Settings.from_env(env) == Settings(
        library_dir=tmp_path / "lib", llm="llamacpp:/m/q.gguf", asr_model="/models/whisper",
        clip_weights=tmp_path / "w.pt", ffmpeg="/usr/bin/ffmpeg", openai_base_url="http://127.0.0.1:8080/v1",
        openai_api_key="sk-test", decode="cpu",
    )


def test_xdg_data_home_blank_values_and_llm_none(tmp_path: Path) -> None:
    settings = Settings.from_env({"XDG_DATA_HOME": str(tmp_path), "PERSONALCUT_LIBRARY": "  ",
                                  "PERSONALCUT_LLM": "none", "PERSONALCUT_ASR_MODEL": ""})
    assert settings.library_dir == tmp_path / "personalcut"  # a blank variable counts as unset
    assert settings.asr_model == "base"
    planner = settings.planner("auto")  # "none" turns the LLM off; unset would mean the default model
    assert isinstance(planner, AutoPlanner) and planner.llm is None


def test_flags_beat_variables_and_settings_are_frozen(tmp_path: Path) -> None:
    env = {"PERSONALCUT_LIBRARY": str(tmp_path / "env"), "PERSONALCUT_ASR_MODEL": "small",
           "PERSONALCUT_CLIP_WEIGHTS": str(tmp_path / "env.pt")}
    settings = Settings.from_env(env, library_dir=tmp_path / "flag", asr_model="tiny", clip_weights="~/x.pt")
    assert settings.library_dir == tmp_path / "flag" and settings.asr_model == "tiny"
    assert settings.clip_weights == Path("~/x.pt").expanduser()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.asr_model = "large"  # type: ignore[misc]


def test_planner_uses_the_llm_spec_and_openai_variables_only_where_they_belong(tmp_path: Path) -> None:
    default = Settings.from_env({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}).planner("auto")
    assert isinstance(default, AutoPlanner) and not isinstance(default.llm, OpenAIPlanner)  # a base URL alone
    # picks no server: the default model (downloaded on first use) plans
    openai = Settings.from_env({"OPENAI_BASE_URL": "http://127.0.0.1:9/v1", "OPENAI_API_KEY": "sk-x"})
    planner = openai.planner("openai")
    assert isinstance(planner, OpenAIPlanner) and planner.base_url == "http://127.0.0.1:9/v1"
    assert planner._client.headers["Authorization"] == "Bearer sk-x"
    with_llm = Settings.from_env({"PERSONALCUT_LLM": "openai:http://127.0.0.1:9/v1#tiny",
                                  "OPENAI_API_KEY": "k"})
    auto = with_llm.planner("auto")
    assert isinstance(auto, AutoPlanner) and isinstance(auto.llm, OpenAIPlanner)
    assert auto.llm.model == "tiny" and auto.llm._client.headers["Authorization"] == "Bearer k"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_finds_the_library_in_the_environment(capsys, monkeypatch, small_library, tmp_path) -> None:
    monkeypatch.setenv("PERSONALCUT_LIBRARY", str(small_library.dir))
    code, out, _ = _run(capsys, "videos", "--json")
    assert code == 0 and {v["id"] for v in json.loads(out)} == set(small_library.video_ids)
    code, _, err = _run(capsys, "videos", "--library", str(tmp_path / "elsewhere"))
    assert code == 2 and "elsewhere" in err  # the flag wins over the variable


def test_cli_honours_llm_weights_and_ffmpeg_variables(capsys, monkeypatch, media_clips, tmp_path) -> None:
    monkeypatch.setenv("PERSONALCUT_LLM", "openai:http://127.0.0.1:9/v1#tiny")
    code, out, _ = _run(capsys, "plan", "crossfade", "--json")
    assert code == 0 and "openai not asked" in json.loads(out)["note"]  # the auto planner has the LLM

    monkeypatch.setenv("PERSONALCUT_CLIP_WEIGHTS", str(tmp_path / "from-env.pt"))
    code, _, err = _run(capsys, "ingest", str(media_clips[1].path), "--library", str(tmp_path / "lib"),
                        "--clip-model", "ViT-B-32")
    assert code == 2 and "from-env.pt does not exist" in err

    monkeypatch.setenv("PERSONALCUT_FFMPEG", "/opt/ffmpeg-from-env")
    try:
        _run(capsys, "plan", "crossfade")
        assert ffmpeg_exe() == "/opt/ffmpeg-from-env"
    finally:
        use_ffmpeg(None)
    assert ffmpeg_exe() != "/opt/ffmpeg-from-env"


def environment_uses(source: str, module: str) -> list[str]:
    """Each place ``source`` touches the process environment, except the allowed third-party writes."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        name = getattr(node, "attr", None) or getattr(node, "id", None)
        if isinstance(node, ast.ImportFrom) and node.module == "os":
            name = next((a.name for a in node.names if a.name in ("environ", "getenv", "putenv")), None)
        if name not in ("environ", "getenv", "putenv", "environb", "getenvb"):
            continue
        parent = parents.get(node)
        stored = isinstance(parent, ast.Subscript) and isinstance(parent.ctx, ast.Store)
        key = parent.slice if stored else None
        if isinstance(key, ast.Constant) and (module, key.value) in ALLOWED_WRITES:
            continue
        shown = parent if isinstance(parent, ast.Subscript) else node
        found.append(f"line {node.lineno}: {ast.unparse(shown)}")
    return found


def test_the_environment_detector_sees_reads_and_writes() -> None:
    source = ("import os\nfrom os import getenv\na = os.environ.get('X')\nb = getenv('Y')\n"
              "os.environ['GRADIO_TEMP_DIR'] = 'd'\nos.environ['OTHER'] = '1'\n")
    assert len(environment_uses(source, "ui/x.py")) == 5
    assert len(environment_uses(source, "ui/app.py")) == 4  # the allowed write is not reported


def test_only_the_settings_module_reads_the_environment() -> None:
    offenders = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = path.relative_to(ROOT).as_posix()
            if module == SETTINGS_MODULE:
                continue
            uses = environment_uses(path.read_text(), module)
            if uses:
                offenders[module] = uses
    assert not offenders, f"read settings in {SETTINGS_MODULE} and pass them down: {offenders}"
