"""Results documents: what --json writes, and reference files read back into typed data or a sentence."""

import json

import pytest
import torch

from resblocks import BlockConfig, bench
from resblocks.__main__ import main
from tests.bench.helpers import tiny


def fixture_document() -> dict:
    """A results document shaped like a GPU run: a test fixture, never shipped."""
    s = bench.run_sweep("groups", tiny("resnext", size=4), bench.RunSettings(device="cpu", repeat=2, warmup=0))
    doc = bench.document(sweeps=[s])
    doc["provenance"].update(device="cuda:0", device_name="Test GPU (fixture)", device_kind="cuda",
                             cuda_version="12.4", capability="9.0")
    return doc


def test_cli_json_has_the_schema_and_full_provenance(capsys):
    assert main(["bench", "--block", "basic", "--in-channels", "8", "--planes", "8", "--size", "8",
                 "--repeat", "3", "--warmup", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "resblocks-bench/1"
    ref = bench.parse_document(doc, gpu=False)
    assert ref.provenance.threads == torch.get_num_threads() and ref.provenance.torch_version == torch.__version__
    (run,) = ref.runs
    assert run.config == BlockConfig(block="basic", in_channels=8, planes=8, size=8)
    assert run.params == 1_184 and run.flops == 2 * run.macs and run.median_ms > 0
    raw = doc["runs"][0]
    assert len(raw["samples_ms"]) == raw["repeats_done"] and raw["shapes_match_analysis"] is True
    assert [la["name"] for la in raw["layers"]] == ["conv1", "bn1", "act1", "conv2", "bn2", "add", "act2"]
    with pytest.raises(bench.ReferenceError, match="not GPU results"):  # CPU results are not GPU reference results
        bench.parse_document(doc)


def test_reference_files_are_found_parsed_and_reported(tmp_path):
    assert bench.find_references(tmp_path) == ((), ())
    assert bench.find_references(tmp_path / "missing") == ((), ())
    doc = fixture_document()
    (tmp_path / "gpu_reference.json").write_text(json.dumps(doc))
    (tmp_path / "gpu_reference_broken.json").write_text("{not json")
    (tmp_path / "gpu_reference_old.json").write_text(json.dumps(dict(doc, schema="other/9")))
    (tmp_path / "notes.json").write_text("{}")  # not a reference name: ignored
    refs, problems = bench.find_references(tmp_path)
    assert len(refs) == 1 and refs[0].provenance.device_name == "Test GPU (fixture)"
    sweep = refs[0].sweeps[0]
    assert sweep.kind == "groups" and [r.groups for r in sweep.rows] == [1, 2, 4, 8, 16]
    assert all(isinstance(r, bench.SweepRow) and isinstance(r.config, BlockConfig) for r in sweep.rows)
    assert len(problems) == 2
    assert any(p.startswith("gpu_reference_broken.json could not be read as JSON") for p in problems)
    old = next(p for p in problems if "gpu_reference_old.json" in p)
    assert "schema is 'other/9', not 'resblocks-bench/1'" in old
    assert old.endswith("produce it again with python -m resblocks bench --json")


def _broken(change) -> str:
    doc = fixture_document()
    change(doc)
    with pytest.raises(bench.ReferenceError) as caught:
        bench.parse_document(doc)
    return str(caught.value)


@pytest.mark.parametrize("change,phrase", [
    (lambda d: d["sweeps"][0].update(kind=[]), "sweeps[0].kind is not one of groups, matched, blocks"),
    (lambda d: d["sweeps"][0].update(kind={"a": 1}), "sweeps[0].kind is not one of"),
    (lambda d: d["sweeps"][0]["rows"][1].update(time_ratio=0), "sweeps[0].rows[1].time_ratio is not a finite number "
                                                               "above 0"),
    (lambda d: d["sweeps"][0]["rows"][0].update(conv_ratio=-1), "rows[0].conv_ratio is not a finite number above 0"),
    (lambda d: d["sweeps"][0]["rows"][0].update(median_ms=None), "rows[0].median_ms is not a finite number"),
    (lambda d: d["sweeps"][0]["rows"][0].update(label="<b>g=1</b>"), "rows[0].label is not a point's name"),
    (lambda d: d["sweeps"][0]["rows"][0].update(config={"block": "x"}), "rows[0].config is not a valid block "
                                                                        "configuration (unknown block 'x'"),
    (lambda d: d["sweeps"][0]["rows"][0].update(config=[1]), "rows[0].config is not a JSON object"),
    (lambda d: d["sweeps"][0].update(rows=[]), "sweeps[0].rows is not a list of measured points"),
    (lambda d: d["provenance"].update(threads="2"), "provenance.threads is not a whole number"),
    (lambda d: d["provenance"].update(date="yesterday"), "provenance.date is not an ISO 8601 date"),
    (lambda d: d["provenance"].update(device_name="x" * 300), "provenance.device_name is not a line of text"),
    (lambda d: d["provenance"].pop("torch_version"), "provenance.torch_version is missing"),
    (lambda d: d.update(sweeps={}), "runs and sweeps must be lists"),
    (lambda d: d.update(sweeps=[]), "it holds no runs and no sweeps"),
])
def test_a_bad_field_is_a_phrase_naming_it(change, phrase):
    assert phrase in _broken(change)


def test_a_device_name_is_kept_as_plain_data():
    doc = fixture_document()
    doc["provenance"]["device_name"] = "**bold** [link](http://x) :red[GPU]"
    ref = bench.parse_document(doc)
    assert ref.provenance.device_name == "**bold** [link](http://x) :red[GPU]"  # the page renders it as text


def test_reference_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(bench.REFERENCE_DIR_ENV, str(tmp_path))
    assert bench.reference_dir() == tmp_path
    monkeypatch.delenv(bench.REFERENCE_DIR_ENV)
    assert bench.reference_dir() == bench.ASSETS


def test_document_names_the_fix_for_bad_input():
    with pytest.raises(ValueError, match="needs at least one run or sweep"):
        bench.document()
    with pytest.raises(TypeError, match="document takes RunResults"):
        bench.document(runs=[{"median_ms": 1}])
    with pytest.raises(TypeError, match="load_reference takes a file path"):
        bench.load_reference(None)


def test_a_file_name_with_a_line_break_stays_on_one_line_of_the_sentence(tmp_path):
    # Found by tests/test_public_api.py: the name and the OS's reason were put in the sentence as they were.
    from resblocks.bench.references import ReferenceError as Refused
    from resblocks.bench.references import load_reference

    with pytest.raises(Refused) as caught:
        load_reference(tmp_path / "0\n")
    assert "\n" not in str(caught.value) and "0\\n could not be read as JSON" in str(caught.value)
