"""Engine scheduling: Whisper windows are spread so every CPU worker stays busy."""

import pytest

from asr.engines.faster import BATCH_SIZE, balanced_batches


@pytest.mark.parametrize("count", [1, 2, 3, 5, 8, 12, 13, 16, 20, 37])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_batches_cover_every_window_once_in_order(count, workers):
    batches = balanced_batches(count, workers)
    assert [i for b in batches for i in b] == list(range(count))
    assert all(0 < len(b) <= BATCH_SIZE for b in batches)


@pytest.mark.parametrize("count, sizes", [(12, [3, 3, 3, 3]), (13, [4, 3, 3, 3]), (8, [4, 4]), (20, [4, 4, 3, 3, 3, 3])])
def test_two_workers_get_equal_shares(count, sizes):
    assert [len(b) for b in balanced_batches(count, 2)] == sizes


def test_no_windows_no_batches():
    assert balanced_batches(0, 2) == []
