import pytest

from resblocks import bench


@pytest.fixture(autouse=True)
def fresh_cache():
    bench.clear_cache()
    yield
    bench.clear_cache()
