"""The assembly of bench/results.json and its terminal table."""

from bench import results


def timing(median: float, queries: int = 5) -> dict:
    return {"median_ms": median, "p95_ms": median * 2, "queries": queries}


def assembled(**overrides) -> dict:
    arguments = {
        "pages": {
            "trivial": {"S": timing(5), "L": timing(8)},
            "member_list": {"S": timing(40), "L": timing(60)},
        },
        "jobs": {"seed": {"S": 60.0, "L": 600.04}, "reminder_sweep": {"S": 1.0}},
        "memory_mb": {"gunicorn_worker": 150.0, "celery_worker": 120.0},
        "throughput_rps": {"trivial": 300.0, "secretary_home": 40.0, "street_home": 30.0},
        "machine": results.machine("15.2"),
    }
    return results.assemble(**{**arguments, **overrides})


def test_results_have_every_key_of_the_issue():
    out = assembled()
    assert set(out) == {"pages", "jobs", "memory_mb", "throughput_rps", "machine"}
    assert list(out["pages"]) == list(results.PAGES)
    assert list(out["jobs"]) == list(results.JOBS)
    for entry in out["pages"].values():
        assert set(entry) == {"S", "L", "ratio_to_trivial_L", "growth_L_over_S"}
    for entry in out["jobs"].values():
        assert set(entry) == {"S_s", "L_s"}
    assert set(out["memory_mb"]) == {"gunicorn_worker", "celery_worker"}
    assert set(out["throughput_rps"]) == {"trivial", "secretary_home", "street_home"}
    assert set(out["machine"]) == {"cores", "python", "postgresql"}


def test_ratio_to_trivial_is_the_l_median_over_the_trivial_l_median():
    page = assembled()["pages"]["member_list"]
    assert page["ratio_to_trivial_L"] == 7.5  # 60 / 8
    assert assembled()["pages"]["trivial"]["ratio_to_trivial_L"] == 1.0


def test_growth_is_the_l_median_over_the_s_median():
    assert assembled()["pages"]["member_list"]["growth_L_over_S"] == 1.5  # 60 / 40


def test_a_size_not_run_is_null_and_so_are_its_ratios():
    out = assembled(pages={"trivial": {"S": timing(5)}, "member_list": {"S": timing(40)}})
    page = out["pages"]["member_list"]
    assert page["S"] == timing(40)
    assert page["L"] is None
    assert page["ratio_to_trivial_L"] is None
    assert page["growth_L_over_S"] is None
    assert out["pages"]["secretary_home"] == {
        "S": None, "L": None, "ratio_to_trivial_L": None, "growth_L_over_S": None
    }  # fmt: skip


def test_jobs_are_in_seconds_per_size_rounded():
    jobs = assembled()["jobs"]
    assert jobs["seed"] == {"S_s": 60.0, "L_s": 600.04}
    assert jobs["reminder_sweep"] == {"S_s": 1.0, "L_s": None}
    assert jobs["import_10k"] == {"S_s": None, "L_s": None}


def test_optional_pages_and_jobs_appear_once_measured():
    out = assembled()
    assert "grid_map" not in out["pages"]
    assert "assessment_street" not in out["jobs"]
    out = assembled(
        pages={"assessment_results": {"S": timing(10)}},
        jobs={"assessment_street": {"S": 2.5}},
    )
    assert out["pages"]["assessment_results"]["S"] == timing(10)
    assert out["jobs"]["assessment_street"] == {"S_s": 2.5, "L_s": None}


def test_the_table_names_every_page_and_job():
    out = assembled()
    text = "\n".join(results.table(out))
    for name in [*out["pages"], *out["jobs"]]:
        assert name in text
    assert "PostgreSQL 15.2" in text


def test_throughput_is_the_page_requests_over_their_span():
    from bench.run import requests_per_second

    stats = [
        {"name": "page", "num_requests": 100, "total_response_time": 10_000.0,
         "start_time": 1000.0, "last_request_timestamp": 1009.9},
    ]  # fmt: skip
    assert requests_per_second(stats) == 10.0  # 100 over 9.9 s + the mean 0.1 s
    assert requests_per_second([]) is None
