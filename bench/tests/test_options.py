"""The run's options from the environment, and the datasets' version stamps."""

import pytest

from bench.datasets import dataset_stamp, needs_rebuild
from bench.options import BenchError, Size, from_env


def test_defaults_are_the_district_sizes_on_a_local_bench_database():
    options = from_env({})
    assert [(s.key, s.streets, s.members) for s in options.sizes] == [
        ("S", 1, 10_000),
        ("L", 10, 100_000),
    ]
    assert options.sizes[1].members_per_street == 10_000
    assert options.requests == 200
    assert options.database_url_for(options.sizes[0]).endswith("/bench_s")
    assert options.database_url_for(options.sizes[1]).endswith("/bench_l")


def test_sizes_and_members_can_be_narrowed_for_a_quick_run():
    options = from_env(
        {
            "DATABASE_URL": "postgres://u:p@db:5432/perf",
            "BENCH_SIZES": "s",
            "BENCH_MEMBERS_S": "300",
        }
    )
    assert [(s.key, s.members_per_street) for s in options.sizes] == [("S", 300)]
    assert options.database_url_for(options.sizes[0]) == "postgres://u:p@db:5432/perf_s"


def test_sqlite_is_refused_with_a_clear_message():
    with pytest.raises(BenchError, match="runs on PostgreSQL"):
        from_env({"DATABASE_URL": "sqlite:///var/db.sqlite3"})


@pytest.mark.parametrize(
    "environ",
    [
        {"BENCH_SIZES": "M"},
        {"BENCH_SIZES": ","},
        {"BENCH_REQUESTS": "many"},
        {"BENCH_MEMBERS_S": "0"},
    ],
)
def test_a_bad_value_is_refused(environ):
    with pytest.raises(BenchError):
        from_env(environ)


def test_a_dataset_is_rebuilt_when_missing_or_of_another_version_or_size():
    size = Size("S", 1, 10_000)
    assert needs_rebuild(None, size)
    assert not needs_rebuild(dataset_stamp(size), size)
    assert needs_rebuild(dataset_stamp(Size("S", 1, 300)), size)
    assert needs_rebuild("v0:1x10000", size)


def test_the_stamp_follows_the_dataset_version(monkeypatch):
    size = Size("L", 10, 100_000)
    before = dataset_stamp(size)
    monkeypatch.setattr("bench.datasets.DATASET_VERSION", "next")
    assert dataset_stamp(size) != before
    assert needs_rebuild(before, size)
