import pytest
import torch

from resblocks import BlockConfig
from resblocks.config import at_fixed_width
from resblocks.equivalence import MAX_PATHS, SplitConcat, SplitSum, check_equivalence, check_problem, equivalent_forms

TOLERANCE = 1e-4  # float32; the measured differences are around 1e-7 to 1e-6

# One 3×3 of width 128, split into 1, 2, 32 and 128 (depthwise) groups.
WIDE = BlockConfig(block="resnext", in_channels=64, planes=64, groups=1, base_width=128, size=8)


@pytest.mark.parametrize("groups", [1, 2, 32, 128])
def test_the_three_forms_agree(groups):
    cfg = at_fixed_width(WIDE, groups)
    assert cfg.width == 128
    r = check_equivalence(cfg)
    assert r.groups == groups
    assert r.group_width == 128 // groups
    assert r.max_abs_diff_sum_vs_grouped < TOLERANCE
    assert r.max_abs_diff_concat_vs_grouped < TOLERANCE
    assert r.max_abs_output > 0.1  # the differences are small against outputs of order 1, not against zeros
    assert r.dtype == "float32"
    assert r.input_shape == (2, 64, 8, 8)
    assert r.output_shape == (2, 256, 8, 8)


@pytest.mark.parametrize(
    "cfg",
    [
        BlockConfig(block="resnext", stride=2, size=16),  # projection with stride 2
        BlockConfig(block="resnext", in_channels=256, size=8),  # identity shortcut
        BlockConfig(block="resnext", in_channels=32, planes=16, groups=8, base_width=8, stride=3, size=9),
        BlockConfig(block="resnext", stride=2, size=16, stride_on="1x1"),  # the stride on the first 1×1
    ],
)
def test_the_forms_agree_with_stride_and_either_shortcut(cfg):
    r = check_equivalence(cfg, seed=3)
    assert r.max_abs_diff_sum_vs_grouped < TOLERANCE
    assert r.max_abs_diff_concat_vs_grouped < TOLERANCE
    assert r.output_shape == (2, cfg.out_channels, cfg.out_size, cfg.out_size)


def test_default_input_is_small_even_for_a_large_config():
    r = check_equivalence(BlockConfig(block="resnext", batch=8, size=224))
    assert r.input_shape == (2, 64, 16, 16)


def test_only_the_resnext_block_has_equivalent_forms():
    with pytest.raises(ValueError, match="choose --block resnext"):
        check_equivalence(BlockConfig(block="bottleneck"))
    with pytest.raises(ValueError, match="pass a resnext block"):
        equivalent_forms(BlockConfig(block="basic").build())


def test_too_many_paths_is_refused_with_the_fix():
    cfg = BlockConfig(block="resnext", planes=64, groups=MAX_PATHS * 2, base_width=1)
    with pytest.raises(ValueError, match=f"lower groups to {MAX_PATHS} or fewer"):
        check_equivalence(cfg)


def test_form_structure_and_parameter_counts():
    block = BlockConfig(block="resnext", stride=2).build()
    split_sum, split_concat, grouped = equivalent_forms(block)
    assert isinstance(split_sum, SplitSum) and isinstance(split_concat, SplitConcat)
    assert len(split_sum.paths) == 32 and len(split_concat.paths) == 32
    names = dict(split_sum.named_parameters())
    assert names["paths.0.conv1.weight"].shape == (4, 64, 1, 1)
    assert names["paths.31.conv2.weight"].shape == (4, 4, 3, 3)
    assert names["paths.31.conv3.weight"].shape == (256, 4, 1, 1)
    assert "paths.0.bn1.running_var" in split_sum.state_dict()

    # BN is per channel, so slicing bn1/bn2 into 32 pieces of 4 channels keeps every parameter:
    # forms (a) and (b) hold exactly as many parameters as the grouped block.
    count = sum(p.numel() for p in block.parameters())
    assert count == 63_488  # 8,192 + 256 + 4,608 + 256 + 32,768 + 512 + projection 16,384 + 512
    for form in (split_sum, split_concat, grouped):
        assert sum(p.numel() for p in form.parameters()) == count


def test_paper_param_count_of_the_split_paths():
    # Xie et al. 2017, Fig. 1/Table 2: the 32×4d block on 256-d has 32·(256·4 + 4·4·9 + 4·256) = 70,144 ≈ "70k".
    block = BlockConfig(block="resnext", in_channels=256, planes=64).build()
    split_sum = equivalent_forms(block)[0]
    conv_weights = sum(p.numel() for name, p in split_sum.named_parameters() if name.startswith("paths.") and "conv" in name)
    assert conv_weights == 70_144


def test_forms_share_no_state_with_the_block():
    block = BlockConfig(block="resnext").build()
    block.eval()
    forms = equivalent_forms(block)
    original = {t.data_ptr() for t in (*block.parameters(), *block.buffers())}
    for form in forms:
        copies = {t.data_ptr() for t in (*form.parameters(), *form.buffers())}
        assert not copies & original
    x = torch.randn(1, 64, 8, 8)
    with torch.inference_mode():
        before = [form(x) for form in forms]
        block.conv2.weight.data = torch.zeros_like(block.conv2.weight)
        block.bn3.running_mean = torch.full_like(block.bn3.running_mean, 5.0)
        after = [form(x) for form in forms]
    assert all(torch.equal(a, b) for a, b in zip(before, after, strict=True))


def test_seed_makes_the_check_repeatable():
    cfg = BlockConfig(block="resnext", size=8)
    a, b = check_equivalence(cfg, seed=5), check_equivalence(cfg, seed=5)
    assert a.max_abs_output == b.max_abs_output
    assert a.max_abs_diff_sum_vs_grouped == b.max_abs_diff_sum_vs_grouped


# The guard: the same memory limit as a run, the CPU's turn in the run queue -----------------------

HUGE = BlockConfig(block="resnext", in_channels=4096, planes=2048, groups=128, base_width=2)  # 139 M parameters


def test_a_check_above_the_memory_limit_is_refused_before_anything_is_built():
    from resblocks.bench import MemoryLimitError
    from resblocks.equivalence import check_problem, estimate_memory

    m = estimate_memory(HUGE)
    # 4096·8192 + 9·8192·64 + 8192·8192 + 4096·8192 (projection) conv weights, four BNs of 8,192 channels with
    # two parameters and two running statistics each: the block and one form beside it, in float32.
    assert m.weight_bytes == 2 * 4 * (138_936_320 + 4 * 4 * 8192)
    assert not m.fits and m.limit_bytes == 512 * 2**20
    sentence = ("the check would hold about 1.67 GiB of tensors (two copies of the block's 530 MiB of weights, while "
                "each form runs beside the block), above the limit of 512 MiB; lower planes or in_channels")
    assert check_problem(HUGE).startswith(sentence)
    with pytest.raises(MemoryLimitError, match=r"above the limit of 512 MiB; lower planes or in_channels"):
        check_equivalence(HUGE)
    assert check_problem(HUGE, limit_bytes=2 * 2**30) is None  # an operator may allow it
    assert "lower groups to 256 or fewer" in check_problem(BlockConfig(block="resnext", planes=64, groups=512,
                                                                       base_width=1))


def test_cli_exits_2_with_the_sentence(capsys, monkeypatch):
    from resblocks.__main__ import main

    assert main(["equivalence", "--in-channels", "4096", "--planes", "2048", "--groups", "128", "--base-width", "2"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the check would hold about 1.67 GiB of tensors") and err.count("\n") == 1
    monkeypatch.setenv("RESBLOCKS_MEMORY_LIMIT_MB", "1")
    assert main(["equivalence", "--size", "8"]) == 2
    assert "above the limit of 1 MiB" in capsys.readouterr().err


def test_the_check_waits_its_turn_for_the_cpu():
    import threading

    from resblocks import bench

    places: list[int] = []
    done = threading.Event()
    worker = threading.Thread(target=lambda: (check_equivalence(BlockConfig(block="resnext", size=8),
                                                                on_queued=lambda waited, place: places.append(place)),
                                              done.set()))
    with bench.device_turn("cpu"):  # a run holds the CPU
        worker.start()
        while not places:
            assert worker.is_alive() and not done.is_set()
            worker.join(0.05)
        assert bench.waiting("cpu") == 1 and not done.is_set()
    worker.join(120)
    assert done.is_set() and places[0] == 1


def test_the_check_names_the_fix_for_bad_input():
    with pytest.raises(TypeError, match="check_equivalence needs a BlockConfig, not str"):
        check_equivalence("resnext")
    with pytest.raises(TypeError, match="batch must be a whole number"):
        check_equivalence(BlockConfig(block="resnext", size=8), batch=2.5)


def test_a_refusal_keeps_its_template_so_a_page_can_say_it_in_turkish():
    from explorer.i18n import Say
    from resblocks.checks import Message

    refused = check_problem(BlockConfig(block="resnext", groups=512, base_width=1, planes=64))
    assert isinstance(refused, Message) and str(refused) == (
        "the equivalence check builds one module per path, and 512 paths is above the limit of 256; lower groups "
        "to 256 or fewer")
    assert Say("tr").message(refused) == (
        "Eşdeğerlik kontrolü her yol için ayrı bir modül kurar ve 512 yol, 256 sınırının üstünde; groups değerini "
        "256 ya da daha aza indirin.")
