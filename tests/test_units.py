import pytest

from resblocks import units


@pytest.mark.parametrize(
    "n,unit,text",
    [
        (9_999, "MACs", "9,999 MACs"),
        (194_281_472, "MACs", "194 M MACs"),
        (999_999_999, "MACs", "1 G MACs"),
        (999_400_000, "", "999 M"),
        (1_814_073_344, "", "1.81 G"),
        (4.2e15, "FLOPs", "4,200 T FLOPs"),
    ],
)
def test_count_never_goes_scientific(n, unit, text):
    assert units.count(n, unit) == text


@pytest.mark.parametrize(
    "n,text",
    [(512, "512 B"), (1536, "1.5 KiB"), (1023.9 * 1024, "1,024 KiB"), (1000 * 2**20, "1,000 MiB"), (3 * 2**30, "3 GiB")],
)
def test_nbytes_never_goes_scientific(n, text):
    assert units.nbytes(n) == text


def test_shape_and_ratio():
    assert units.shape((1, 64, 56, 56)) == "1×64×56×56"
    assert units.ratio(1 / 32) == "1/32 (3.12%)"
    assert units.ratio(0.3077) == "30.8%"


@pytest.mark.parametrize("bad,error", [(10**400, ValueError), (float("inf"), ValueError), ("12", TypeError), (None, TypeError)])
def test_a_number_it_cannot_format_is_refused_with_a_sentence(bad, error):
    with pytest.raises(error, match="needs a"):
        units.count(bad)
    with pytest.raises(error, match="needs a"):
        units.nbytes(bad)
