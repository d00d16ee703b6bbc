"""QueryNL seeding benchmark (a measurement, not a test).

    .venv/bin/python bench/run.py [--scale 1.0] [--db sqlite,postgresql,mysql] [--out bench/results.json]

Scenarios, on every database that answers (a fresh database per measurement, dropped after):

- chain: users <- posts <- comments, 100k + 300k + 600k rows at --scale 1.0.
    raw   the database's fastest bulk path with pre-made rows (bench/raw_load.py)
    ours  `querynl seed URL "users: N1, posts: N2, comments: N3" --yes --json`, whole process
    gen   the synthesizer alone, no inserts (bench/gen_only.py), on SQLite only
    diversity  distinct values of three text columns and one timestamp column against Faker
          called once per value (bench/diversity.py), on SQLite only
- default10: a ten-table schema, `querynl seed URL "add sample data" --yes --json`.

Every measured process is started by bench/launcher.py, which reports the child's wall time
and its own peak RSS via os.wait4 (see there why not straight from this process).
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, func, select
from sqlalchemy.pool import NullPool

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from machine import describe, src_fingerprint  # noqa: E402
from servers import DEFAULT_URLS, Server, make_servers, querynl_url  # noqa: E402

from schemas import SCENARIO_METADATA, chain_counts  # noqa: E402

ALL_DBS = ("sqlite", "postgresql", "mysql")
ALIASES = {"postgres": "postgresql", "pg": "postgresql", "mariadb": "mysql", "sqlite3": "sqlite"}

TARGET_RATIO = 0.70  # ours / raw, chain, every database (#10)
TARGET_RSS_MB = 300  # peak RSS of the million-row run
TARGET_DEFAULT10_SQLITE_S = 2.0  # SC-001
TARGET_DIVERSITY = 0.90  # distinct values, ours / Faker per value (#10)
DIVERSITY_COLUMNS = ("users.name", "users.bio", "comments.body", "comments.created_at")

# Wide enough for the tables when the output goes to a file or a pipe.
console = Console(width=None if sys.stdout.isatty() else 220)
log = Console(stderr=True, width=None if sys.stderr.isatty() else 160)


class StepFailed(Exception):
    pass


# -- running measured processes ------------------------------------------------------------


def measured(command: list[str], timeout: float, workdir: Path, label: str) -> dict:
    """Run ``command`` under bench/launcher.py; return its report plus stdout/stderr text."""
    out, err = workdir / f"{label}.out", workdir / f"{label}.err"
    fingerprint = src_fingerprint(ROOT)
    launcher = [
        sys.executable,
        str(BENCH / "launcher.py"),
        "--timeout",
        str(timeout),
        "--stdout",
        str(out),
        "--stderr",
        str(err),
        "--",
        *command,
    ]
    try:
        done = subprocess.run(launcher, capture_output=True, text=True, timeout=timeout + 60, cwd=ROOT)
    except subprocess.TimeoutExpired as exc:
        raise StepFailed(f"launcher did not return within {timeout + 60:.0f}s") from exc
    if done.returncode != 0 or not done.stdout.strip():
        raise StepFailed(f"launcher failed: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    report["stdout"] = out.read_text(errors="replace") if out.exists() else ""
    report["stderr"] = err.read_text(errors="replace") if err.exists() else ""
    # One process's peak RSS, or the sampled peak of all its processes' PSS if that is more.
    report["peak_rss_mb"] = max(report["maxrss_kb"], report.get("tree_peak_pss_kb", 0)) / 1024
    report["src_fingerprint"] = fingerprint
    if report["timed_out"]:
        raise StepFailed(f"timed out after {timeout:.0f}s and was killed")
    return report


def last_json_line(text: str) -> dict | None:
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                return None
    return None


def tail(text: str, lines: int = 8) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def create_schema(url: str, scenario: str) -> None:
    engine = create_engine(url, poolclass=NullPool)
    try:
        SCENARIO_METADATA[scenario]().create_all(engine)
    finally:
        engine.dispose()


def count_rows(url: str, scenario: str) -> dict[str, int]:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            md = SCENARIO_METADATA[scenario]()
            return {
                name: conn.execute(select(func.count()).select_from(t)).scalar()
                for name, t in md.tables.items()
            }
    finally:
        engine.dispose()


def count_distinct(url: str, columns: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Per table.column: its non-NULL values and distinct values, as the database holds them."""
    engine = create_engine(url, poolclass=NullPool)
    found = {}
    try:
        with engine.connect() as conn:
            md = SCENARIO_METADATA["chain"]()
            for name in columns:
                table, column = name.split(".", 1)
                col = md.tables[table].c[column]
                query = select(func.count(col), func.count(col.distinct()))
                values, distinct = conn.execute(query).one()
                found[name] = {"values": values, "distinct": distinct}
    finally:
        engine.dispose()
    return found


def seed_command(python: str, url: str, request: str, seed: int | None) -> list[str]:
    command = [python, "-m", "querynl", "seed", querynl_url(url), request, "--yes", "--json"]
    if seed is not None:
        command += ["--seed", str(seed)]
    return command


def display_command(command: list[str], url: str, placeholder: str) -> str:
    shown = [placeholder if part == querynl_url(url) else part for part in command]
    shown[0] = (
        ".venv/bin/python" if Path(shown[0]).resolve() == (ROOT / ".venv/bin/python").resolve() else shown[0]
    )
    return shlex.join(shown)


# -- the measurements ------------------------------------------------------------------------


def run_ours(server: Server, scenario: str, request: str, args, workdir: Path, problems: list) -> dict:
    label = f"{server.name}-{scenario}-ours"
    with server.fresh() as url:
        create_schema(url, scenario)
        command = seed_command(args.python, url, request, args.seed)
        shown = display_command(command, url, f"<fresh {server.name} database with the {scenario} schema>")
        log.print(f"  [dim]$ {shown}[/dim]")
        report = measured(command, args.timeout, workdir, label)
        summary = last_json_line(report["stdout"]) or {}
        counted = count_rows(url, scenario)
        distinct = count_distinct(url, DIVERSITY_COLUMNS) if scenario == "chain" else None
    inserted = sum((summary.get("inserted") or {}).values())
    failed = sum((summary.get("failed") or {}).values())
    result = {
        "db": server.name,
        "scenario": scenario,
        "kind": "ours",
        "request": request,
        "command": shown,
        "returncode": report["returncode"],
        "ok": summary.get("ok"),
        "inserted": inserted,
        "inserted_per_table": summary.get("inserted"),
        "failed": failed,
        "failed_per_table": summary.get("failed"),
        "errors": (summary.get("errors") or [])[:10],
        "rows_in_database": counted,
        "load_path": summary.get("load_path"),
        "distinct_in_database": distinct,
        "seed": summary.get("seed"),
        "product_seconds": summary.get("seconds"),
        "wall_seconds": report["wall_seconds"],
        "cpu_seconds": report["user_seconds"] + report["system_seconds"],
        "rows_per_second": inserted / report["wall_seconds"] if report["wall_seconds"] else None,
        "peak_rss_mb": report["peak_rss_mb"],
        "src_fingerprint": report["src_fingerprint"],
    }
    trouble = []
    if report["returncode"] != 0:
        trouble.append(f"exit status {report['returncode']}")
    if not summary:
        trouble.append("no JSON summary on stdout")
    elif summary.get("error"):
        trouble.append(f"error: {summary['error']}")
    if failed:
        trouble.append(f"{failed} failed rows {summary.get('failed')}")
    if summary and sum(counted.values()) != inserted:
        trouble.append(
            f"summary says {inserted} inserted but the database holds {sum(counted.values())} {counted}"
        )
    if trouble:
        problems.append(
            {
                "db": server.name,
                "scenario": scenario,
                "command": shown,
                "seed": summary.get("seed"),
                "problem": "; ".join(trouble),
                "errors": result["errors"],
                "stderr_tail": tail(report["stderr"], 15),
            }
        )
        result["problem"] = "; ".join(trouble)
    return result


def run_raw(server: Server, counts: dict[str, int], args, workdir: Path) -> dict:
    with server.fresh() as url:
        create_schema(url, "chain")
        command = [
            args.python,
            str(BENCH / "raw_load.py"),
            "--url",
            url,
            "--users",
            str(counts["users"]),
            "--posts",
            str(counts["posts"]),
            "--comments",
            str(counts["comments"]),
            "--mysql-method",
            args.mysql_raw,
        ]
        report = measured(command, args.timeout, workdir, f"{server.name}-chain-raw")
        data = last_json_line(report["stdout"])
        if report["returncode"] != 0 or not data:
            raise StepFailed(f"raw load failed (exit {report['returncode']}):\n{tail(report['stderr'])}")
        counted = count_rows(url, "chain")
    if counted != counts:
        raise StepFailed(f"raw load left {counted}, expected {counts}")
    data.update(db=server.name, scenario="chain", kind="raw", peak_rss_mb=report["peak_rss_mb"])
    return data


def run_gen(server: Server, request: str, args, workdir: Path) -> dict:
    with server.fresh() as url:
        create_schema(url, "chain")
        command = [args.python, str(BENCH / "gen_only.py"), "--url", url, "--request", request]
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        report = measured(command, args.timeout, workdir, f"{server.name}-chain-gen")
    data = last_json_line(report["stdout"])
    if report["returncode"] != 0 or not data:
        raise StepFailed(
            f"generation-only run failed (exit {report['returncode']}):\n{tail(report['stderr'])}"
        )
    data.update(
        db=server.name,
        scenario="chain",
        kind="gen",
        peak_rss_mb=report["peak_rss_mb"],
        src_fingerprint=report["src_fingerprint"],
    )
    data["wall_seconds"] = report["wall_seconds"]
    return data


def run_diversity(server: Server, request: str, args, workdir: Path) -> dict:
    with server.fresh() as url:
        create_schema(url, "chain")
        command = [args.python, str(BENCH / "diversity.py"), "--url", url, "--request", request]
        command += ["--columns", ",".join(DIVERSITY_COLUMNS)]
        if args.seed is not None:
            command += ["--seed", str(args.seed)]
        report = measured(command, args.timeout, workdir, f"{server.name}-chain-diversity")
    data = last_json_line(report["stdout"])
    if report["returncode"] != 0 or not data:
        raise StepFailed(f"diversity run failed (exit {report['returncode']}):\n{tail(report['stderr'])}")
    return data


# -- output ------------------------------------------------------------------------------------


def verdict(ok: bool | None) -> str:
    if ok is None:
        return "[dim]n/a[/dim]"
    return "[bold green]PASS[/bold green]" if ok else "[bold red]MISS[/bold red]"


def fmt_rate(value: float | None) -> str:
    return f"{value:,.0f}" if value else "-"


def fmt(value: float | None, spec: str = ".2f") -> str:
    return format(value, spec) if value is not None else "-"


def render(results: dict) -> None:
    m = results["machine"]
    console.print(
        f"[bold]Machine[/bold]: {m['nproc']} CPUs ({m['usable_cpus']} usable), {m['cpu_model']}, "
        f"{m['ram_gb']} GB RAM, {m['os']}, Python {m['python']}; querynl {m['packages']['querynl']} "
        f"@ {m['git_commit']}{' (src modified)' if m['src_modified'] else ''}"
    )
    for name, version in results["servers"].items():
        console.print(f"  {name}: {version}")
    for name, reason in results["skipped"].items():
        console.print(f"  [yellow]{name}: skipped[/yellow] - {reason}")

    if results["chain"]:
        render_chain(results)
    if results["default10"]:
        render_default10(results)
    if results["problems"]:
        render_problems(results)
    if len(results.get("src_fingerprints", [])) > 1:
        console.print(
            "[bold yellow]src/ changed while the bench ran[/bold yellow] (fingerprints "
            f"{', '.join(results['src_fingerprints'])}): figures come from different code; "
            "see src_fingerprint per measurement in the JSON."
        )


def render_chain(results: dict) -> None:
    cfg = results["config"]
    counts = cfg["chain_counts"]
    table = Table(
        title=f"chain: users {counts['users']:,} + posts {counts['posts']:,} "
        f"+ comments {counts['comments']:,} = {sum(counts.values()):,} rows (scale {cfg['scale']})",
        title_justify="left",
    )
    for col, justify in (
        ("DB", "left"),
        ("raw rows/s", "right"),
        ("raw path", "left"),
        ("ours rows/s", "right"),
        ("ours/raw", "right"),
        (f"≥{TARGET_RATIO:.0%}", "center"),
        ("ours load path", "left"),
        ("peak RSS MB", "right"),
        (f"<{TARGET_RSS_MB} MB", "center"),
        *((f"distinct {name.split('.')[1]}", "right") for name in DIVERSITY_COLUMNS),
        ("wall s", "right"),
        ("inserted / failed", "right"),
    ):
        table.add_column(col, justify=justify)
    gen = results["generation_only"]
    for db, entry in results["chain"].items():
        raw, ours = entry.get("raw") or {}, entry.get("ours") or {}
        ratio = entry.get("ratio")
        rss_note = "" if cfg["scale"] == 1.0 else "*"
        table.add_row(
            db,
            fmt_rate(raw.get("rows_per_second")) if raw else f"[red]{entry.get('raw_error', '-')[:30]}[/red]",
            raw.get("method_short", "-"),
            fmt_rate(ours.get("rows_per_second"))
            if ours
            else f"[red]{entry.get('ours_error', '-')[:30]}[/red]",
            f"{ratio:.0%}" if ratio is not None else "-",
            verdict(ratio >= TARGET_RATIO if ratio is not None else None),
            short_load_path(ours.get("load_path")),
            fmt(ours.get("peak_rss_mb"), ".0f"),
            verdict(ours["peak_rss_mb"] < TARGET_RSS_MB if ours else None) + rss_note,
            *(distinct_ratio(results, ours, name) for name in DIVERSITY_COLUMNS),
            fmt(ours.get("wall_seconds")),
            f"{ours['inserted']:,} / {ours['failed']:,}" if ours else "-",
        )
    console.print(table)
    if gen:
        console.print(
            f"  gen-only (SQLite, no inserts): {gen['rows']:,} rows in {gen['seconds']:.2f}s "
            f"= {gen['rows_per_second']:,.0f} rows/s (planning {gen['plan_seconds']:.2f}s, "
            f"peak RSS {gen['peak_rss_mb']:.0f} MB); ours rows/s counts the whole process "
            "(start-up, introspection, planning, generation, inserts, commit)."
        )
    elif results.get("generation_only_error"):
        console.print(f"  [red]gen-only failed:[/red] {results['generation_only_error']}")
    render_diversity(results)
    if cfg["scale"] != 1.0:
        console.print(f"  * RSS target is for the million-row run; this run is at scale {cfg['scale']}.")
    for db, entry in results["chain"].items():
        raw = entry.get("raw") or {}
        if raw.get("alternatives"):
            others = "; ".join(
                f"{alt['method']}: {raw['rows'] / alt['seconds']:,.0f} rows/s" for alt in raw["alternatives"]
            )
            kept = f"{raw['method']} {raw['rows_per_second']:,.0f} rows/s (kept)"
            console.print(f"  {db} raw: {kept}; {others}")
        ours = entry.get("ours") or {}
        if ours.get("load_path"):
            console.print(f"  {db} ours: {ours['load_path']}")
        for note in raw.get("notes") or []:
            console.print(f"  {db} raw: {note}")


def render_diversity(results: dict) -> None:
    diversity = results.get("diversity")
    if not diversity:
        if results.get("diversity_error"):
            console.print(f"  [red]diversity failed:[/red] {results['diversity_error']}")
        return
    table = Table(
        title="chain diversity: distinct values, ours vs Faker called once per value (SQLite)",
        title_justify="left",
    )
    for col, justify in (
        ("column", "left"),
        ("provider", "left"),
        ("values", "right"),
        ("ours distinct", "right"),
        ("Faker distinct", "right"),
        ("ratio", "right"),
        (f">= {TARGET_DIVERSITY:.0%}", "center"),
    ):
        table.add_column(col, justify=justify)
    for name, entry in diversity["columns"].items():
        ratio = entry.get("ratio")
        table.add_row(
            name,
            str(entry["provider"]),
            f"{entry['values']:,}",
            f"{entry['ours']:,}",
            f"{entry['faker']:,}",
            f"{ratio:.1%}" if ratio is not None else "-",
            verdict(ratio >= TARGET_DIVERSITY if ratio is not None else None),
        )
    console.print(table)


def render_default10(results: dict) -> None:
    table = Table(title='default10: 10 tables, "add sample data"', title_justify="left")
    for col, justify in (
        ("DB", "left"),
        ("wall s", "right"),
        (f"SQLite <{TARGET_DEFAULT10_SQLITE_S:.0f} s", "center"),
        ("product s", "right"),
        ("rows inserted", "right"),
        ("failed", "right"),
        ("rows/s (wall)", "right"),
        ("peak RSS MB", "right"),
    ):
        table.add_column(col, justify=justify)
    for db, entry in results["default10"].items():
        if "error" in entry:
            table.add_row(db, f"[red]{entry['error'][:40]}[/red]", "-", "-", "-", "-", "-", "-")
            continue
        target = entry["wall_seconds"] < TARGET_DEFAULT10_SQLITE_S if db == "sqlite" else None
        table.add_row(
            db,
            fmt(entry["wall_seconds"]),
            verdict(target),
            fmt(entry.get("product_seconds")),
            f"{entry['inserted']:,}",
            f"{entry['failed']:,}",
            fmt_rate(entry.get("rows_per_second")),
            fmt(entry.get("peak_rss_mb"), ".0f"),
        )
    console.print(table)


def render_problems(results: dict) -> None:
    console.print("[bold red]Problems seen in the product:[/bold red]")
    for p in results["problems"]:
        console.print(f"  [{p['db']} / {p['scenario']}] {p['problem']}", highlight=False, markup=False)
        console.print(f"    $ {p['command']}", highlight=False, markup=False, soft_wrap=True)
        for e in p.get("errors") or []:
            console.print(f"    error: {str(e)[:300]}", highlight=False, markup=False)
        if p.get("stderr_tail"):
            console.print("    " + p["stderr_tail"].replace("\n", "\n    "), highlight=False, markup=False)


def _measurements(results: dict) -> list[dict]:
    found = [results["generation_only"]] if results.get("generation_only") else []
    for entry in results["chain"].values():
        found += [entry[k] for k in ("ours",) if entry.get(k)]
    found += [e for e in results["default10"].values() if "error" not in e]
    return found


SHORT_METHOD = {
    "sqlite3 executemany": "executemany",
    "COPY FROM STDIN": "COPY",
    "LOAD DATA LOCAL INFILE": "LOAD DATA LOCAL",
    "multi-row INSERT": "multi-row INSERT",
    "INSERT (execute_values)": "execute_values",
}


def short_load_path(path: str | None) -> str:
    """`COPY, FK off+verified` from the summary's load_path."""
    if not path:
        return "-"
    loaded, _, keys = path.partition("; ")
    bulk = ", ".join(short_method(part) for part in loaded.split("; "))
    return bulk + (", FK off+verified" if keys.startswith("foreign key checks off") else ", FK on")


def distinct_ratio(results: dict, ours: dict, name: str) -> str:
    """Distinct values the database holds in the column, against Faker called once per value
    as many times (the diversity step's figure), e.g. `100.0%`."""
    held = (ours.get("distinct_in_database") or {}).get(name)
    faker = (((results.get("diversity") or {}).get("columns") or {}).get(name) or {}).get("faker")
    if not held or not faker:
        return "-"
    return f"{held['distinct'] / faker:.1%}"


def short_method(method: str) -> str:
    for prefix, short in SHORT_METHOD.items():
        if method.startswith(prefix):
            return short
    return method[:20]


# -- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", type=float, default=1.0, help="chain size factor (1.0 = 1,000,000 rows)")
    parser.add_argument("--db", default=",".join(ALL_DBS), help="comma list of sqlite,postgresql,mysql")
    parser.add_argument("--out", type=Path, default=BENCH / "results.json", help="where to write the figures")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per measured step (default 900)")
    parser.add_argument("--seed", type=int, default=1234, help="seed passed to querynl (-1: let it choose)")
    parser.add_argument("--python", default=sys.executable, help="interpreter with querynl installed")
    parser.add_argument("--postgres-url", default=DEFAULT_URLS["postgresql"], help="admin URL of the server")
    parser.add_argument("--mysql-url", default=DEFAULT_URLS["mysql"], help="admin URL of the server")
    parser.add_argument(
        "--mysql-raw",
        choices=("auto", "infile", "executemany", "both"),
        default="both",
        help="MariaDB raw path: LOAD DATA LOCAL INFILE, falling back to executemany (auto); "
        "or measure both and keep the faster",
    )
    parser.add_argument(
        "--scenarios", default="chain,default10", help="comma list of chain,default10 (default: both)"
    )
    args = parser.parse_args(argv)
    names = []
    for raw in args.db.split(","):
        name = ALIASES.get(raw.strip().lower(), raw.strip().lower())
        if name not in ALL_DBS:
            parser.error(f"unknown database '{raw}' (choose from {', '.join(ALL_DBS)})")
        if name not in names:
            names.append(name)
    args.dbs = names
    args.scenario_list = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    if args.seed is not None and args.seed < 0:
        args.seed = None
    if args.scale <= 0:
        parser.error("--scale must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="querynl-bench-logs-"))
    counts = chain_counts(args.scale)
    chain_request = f"users: {counts['users']}, posts: {counts['posts']}, comments: {counts['comments']}"
    results: dict = {
        "config": {
            "scale": args.scale,
            "chain_counts": counts,
            "chain_request": chain_request,
            "default10_request": "add sample data",
            "seed": args.seed,
            "timeout_seconds": args.timeout,
            "databases": args.dbs,
            "logs": str(workdir),
        },
        "machine": describe(ROOT, args.python),
        "src_fingerprint_at_start": src_fingerprint(ROOT),
        "servers": {},
        "skipped": {},
        "chain": {},
        "generation_only": None,
        "diversity": None,
        "default10": {},
        "problems": [],
        "targets": [],
    }

    servers = make_servers(args.dbs, args.postgres_url, args.mysql_url)
    for server in servers:
        try:
            results["servers"][server.name] = server.probe()
        except Exception as exc:  # noqa: BLE001 - any driver error means "not available"
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            results["skipped"][server.name] = f"server did not answer: {reason}"
            log.print(f"[yellow]Skipping {server.name}: server did not answer ({reason})[/yellow]")
    available = [s for s in servers if s.name in results["servers"]]

    for server in available:
        log.rule(f"{server.name}: {results['servers'][server.name]}")
        if "chain" in args.scenario_list:
            entry: dict = {}
            results["chain"][server.name] = entry
            log.print(f"[bold]{server.name} chain raw[/bold] ({sum(counts.values()):,} pre-made rows)")
            try:
                raw = run_raw(server, counts, args, workdir)
                postponed = ", FK off+verified" if raw.get("postponed_foreign_keys") else ", FK on"
                raw["method_short"] = short_method(raw["method"]) + postponed
                entry["raw"] = raw
                log.print(
                    f"  raw: {raw['rows_per_second']:,.0f} rows/s in {raw['seconds']:.2f}s "
                    f"via {raw['method']}"
                )
            except Exception as exc:  # noqa: BLE001 - report and go on with the next step
                entry["raw_error"] = str(exc)
                log.print(f"  [red]raw load failed: {exc}[/red]")
            log.print(f"[bold]{server.name} chain ours[/bold]")
            try:
                ours = run_ours(server, "chain", chain_request, args, workdir, results["problems"])
                entry["ours"] = ours
                log.print(
                    f"  ours: {ours['inserted']:,} inserted, {ours['failed']:,} failed, "
                    f"{ours['wall_seconds']:.2f}s wall, {ours['rows_per_second']:,.0f} rows/s, "
                    f"peak RSS {ours['peak_rss_mb']:.0f} MB"
                    + (f" [red]({ours['problem']})[/red]" if ours.get("problem") else "")
                )
            except Exception as exc:  # noqa: BLE001
                entry["ours_error"] = str(exc)
                log.print(f"  [red]querynl seed failed: {exc}[/red]")
            if entry.get("raw") and entry.get("ours"):
                entry["ratio"] = entry["ours"]["rows_per_second"] / entry["raw"]["rows_per_second"]
            if server.name == "sqlite":
                log.print("[bold]sqlite chain generation only[/bold]")
                try:
                    gen = run_gen(server, chain_request, args, workdir)
                    results["generation_only"] = gen
                    log.print(f"  gen-only: {gen['rows']:,} rows, {gen['rows_per_second']:,.0f} rows/s")
                except Exception as exc:  # noqa: BLE001
                    results["generation_only_error"] = str(exc)
                    log.print(f"  [red]generation-only failed: {exc}[/red]")
                log.print("[bold]sqlite chain diversity[/bold] (against Faker per value)")
                try:
                    results["diversity"] = run_diversity(server, chain_request, args, workdir)
                    ratios = {k: v["ratio"] for k, v in results["diversity"]["columns"].items()}
                    log.print("  " + ", ".join(f"{k} {v:.1%}" for k, v in ratios.items() if v is not None))
                except Exception as exc:  # noqa: BLE001
                    results["diversity_error"] = str(exc)
                    log.print(f"  [red]diversity failed: {exc}[/red]")
        if "default10" in args.scenario_list:
            log.print(f"[bold]{server.name} default10[/bold]")
            try:
                d10 = run_ours(server, "default10", "add sample data", args, workdir, results["problems"])
                results["default10"][server.name] = d10
                log.print(
                    f"  default10: {d10['inserted']:,} inserted, {d10['failed']:,} failed, "
                    f"{d10['wall_seconds']:.2f}s wall"
                    + (f" [red]({d10['problem']})[/red]" if d10.get("problem") else "")
                )
            except Exception as exc:  # noqa: BLE001
                results["default10"][server.name] = {"error": str(exc)}
                log.print(f"  [red]default10 failed: {exc}[/red]")

    # Targets, next to the figures.
    for db, entry in results["chain"].items():
        ratio = entry.get("ratio")
        results["targets"].append(
            {
                "target": f"chain ours/raw >= {TARGET_RATIO:.0%}",
                "db": db,
                "value": ratio,
                "pass": ratio >= TARGET_RATIO if ratio is not None else None,
            }
        )
        ours = entry.get("ours")
        results["targets"].append(
            {
                "target": f"chain peak RSS < {TARGET_RSS_MB} MB (million-row run)",
                "db": db,
                "value": ours["peak_rss_mb"] if ours else None,
                "pass": ours["peak_rss_mb"] < TARGET_RSS_MB if ours else None,
                "indicative_only": args.scale != 1.0,
            }
        )
    for name, entry in ((results.get("diversity") or {}).get("columns") or {}).items():
        ratio = entry.get("ratio")
        results["targets"].append(
            {
                "target": f"chain {name} distinct values >= {TARGET_DIVERSITY:.0%} of Faker per value",
                "db": "sqlite",
                "value": ratio,
                "pass": ratio >= TARGET_DIVERSITY if ratio is not None else None,
            }
        )
    d10 = results["default10"].get("sqlite")
    if d10 is not None:
        value = d10.get("wall_seconds")
        results["targets"].append(
            {
                "target": f"default10 on SQLite < {TARGET_DEFAULT10_SQLITE_S:.0f} s (SC-001)",
                "db": "sqlite",
                "value": value,
                "pass": value < TARGET_DEFAULT10_SQLITE_S if value is not None else None,
            }
        )
    results["bench_seconds"] = time.perf_counter() - started
    results["src_fingerprints"] = sorted(
        {r["src_fingerprint"] for r in _measurements(results) if r.get("src_fingerprint")}
    )

    console.print()
    render(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n")
    console.print(
        f"\nFigures written to {args.out}; child logs in {workdir}; "
        f"bench took {results['bench_seconds']:.0f}s."
    )
    for server in servers:
        if server.name == "sqlite":
            shutil.rmtree(server.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
