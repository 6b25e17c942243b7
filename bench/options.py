"""What a benchmark run does, read from the environment (README, "Performance")."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench"


class BenchError(Exception):
    """A run that cannot go on: said plainly, without a traceback."""


@dataclass(frozen=True)
class Size:
    key: str  # "S" or "L"
    streets: int
    members: int  # in all

    @property
    def members_per_street(self) -> int:
        return max(1, self.members // self.streets)


@dataclass(frozen=True)
class Options:
    database_url: str  # the base: each size gets a database of its own beside it
    sizes: tuple[Size, ...]
    requests: int  # timed requests per page
    warmup: int  # untimed requests per page before them
    throughput_seconds: int
    throughput_users: int
    import_rows: int
    port: int
    results_path: Path

    def database_url_for(self, size: Size) -> str:
        return database_url_with_name(
            self.database_url, f"{database_name(self.database_url)}_{size.key.lower()}"
        )


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "bench"


def database_url_with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _int(environ: Mapping[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BenchError(f"{name} must be a whole number, got {raw!r}") from None
    if value < minimum:
        raise BenchError(f"{name} must be at least {minimum}, got {value}")
    return value


def from_env(environ: Mapping[str, str] | None = None) -> Options:
    environ = os.environ if environ is None else environ
    url = environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if not url.startswith(("postgres://", "postgresql://")):
        raise BenchError(
            f"The benchmark runs on PostgreSQL, as production does; DATABASE_URL is {url!r}. "
            f"Set DATABASE_URL=postgres://user@host:5432/bench (or leave it unset for "
            f"{DEFAULT_DATABASE_URL})."
        )
    streets_l = _int(environ, "BENCH_STREETS_L", 10, minimum=1)
    all_sizes = {
        "S": Size("S", 1, _int(environ, "BENCH_MEMBERS_S", 10_000, minimum=1)),
        "L": Size("L", streets_l, _int(environ, "BENCH_MEMBERS_L", 100_000, minimum=1)),
    }
    wanted = [k.strip().upper() for k in environ.get("BENCH_SIZES", "S,L").split(",") if k.strip()]
    unknown = sorted(set(wanted) - set(all_sizes))
    if unknown or not wanted:
        raise BenchError(f"BENCH_SIZES lists S and/or L, got {environ.get('BENCH_SIZES')!r}")
    return Options(
        database_url=url,
        sizes=tuple(all_sizes[k] for k in ("S", "L") if k in wanted),
        requests=_int(environ, "BENCH_REQUESTS", 200, minimum=1),
        warmup=_int(environ, "BENCH_WARMUP", 10),
        throughput_seconds=_int(environ, "BENCH_THROUGHPUT_SECONDS", 30),
        throughput_users=_int(environ, "BENCH_USERS", 16, minimum=1),
        import_rows=_int(environ, "BENCH_IMPORT_ROWS", 10_000, minimum=1),
        port=_int(environ, "BENCH_PORT", 8765, minimum=1),
        results_path=Path(environ.get("BENCH_RESULTS", str(ROOT / "bench" / "results.json"))),
    )
