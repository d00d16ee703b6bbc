"""The raw load limit: pre-made chain rows through each database's fastest bulk path.

    python bench/raw_load.py --url URL --users N --posts N --comments N [--mysql-method auto]

Run as its own process (so the benchmark itself stays small). The rows are built first with
plain Python, outside the timing, with about the shape and text lengths querynl produces
(name ~13 chars, email ~22, bio ~55, titles ~25, bodies ~130, timestamps with microseconds).
Only the loading of all three tables is timed, including each driver's own serialisation
(COPY text, LOAD DATA file, executemany parameters) and the final commit. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta

from sqlalchemy.engine import make_url

COLUMNS = {
    "users": ("id", "name", "email", "age", "created_at", "bio"),
    "posts": ("id", "user_id", "title", "body", "created_at"),
    "comments": ("id", "post_id", "user_id", "body", "created_at"),
}
ORDER = ("users", "posts", "comments")
CHUNK = 50_000
# (child, column, parent): every foreign key of the chain, verified by one anti-join each when
# the load ran with the checks postponed.
FOREIGN_KEYS = (
    ("posts", "user_id", "users"),
    ("comments", "post_id", "posts"),
    ("comments", "user_id", "users"),
)


def verify_foreign_keys(cursor) -> None:
    """One anti-join per foreign key; raise (so the caller rolls back) on any orphan."""
    for child, column, parent in FOREIGN_KEYS:
        cursor.execute(
            f"SELECT COUNT(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{column} "
            f"WHERE c.{column} IS NOT NULL AND p.id IS NULL"
        )
        orphans = cursor.fetchone()[0]
        if orphans:
            raise RuntimeError(f"{orphans} rows of {child}.{column} reference missing {parent} rows")


_WORDS = [
    "alpha",
    "bravo",
    "charlie",
    "delta",
    "echo",
    "foxtrot",
    "golf",
    "hotel",
    "india",
    "juliet",
    "kilo",
    "lima",
    "mike",
    "november",
    "oscar",
    "papa",
    "quebec",
    "romeo",
    "sierra",
    "tango",
    "uniform",
    "victor",
    "whiskey",
    "xray",
    "yankee",
    "zulu",
]


def _sentence(i: int, length: int) -> str:
    words, n, k = [], 0, i
    while n < length:
        word = _WORDS[k % len(_WORDS)]
        words.append(word)
        n += len(word) + 1
        k = k * 31 + 7
    return " ".join(words)[:length].rstrip() + "."


def make_rows(users: int, posts: int, comments: int) -> dict[str, list[tuple]]:
    base = datetime(2024, 1, 1)
    ts = [base + timedelta(seconds=i * 61, microseconds=i % 997_000) for i in range(1024)]
    bios = [_sentence(i, 54) for i in range(1024)]
    titles = [_sentence(i, 24) for i in range(1024)]
    bodies = [_sentence(i, 129) for i in range(4096)]
    rows = {
        "users": [
            (i, f"User Name {i}", f"user{i}@example.com", 18 + i % 60, ts[i % 1024], bios[i % 1024])
            for i in range(1, users + 1)
        ],
        "posts": [
            (i, 1 + (i * 7919) % users, titles[i % 1024], bodies[i % 4096], ts[(i * 3) % 1024])
            for i in range(1, posts + 1)
        ],
        "comments": [
            (
                i,
                1 + (i * 104_729) % posts,
                None if i % 10 == 0 else 1 + (i * 15_485_863) % users,
                bodies[(i * 7) % 4096],
                ts[(i * 5) % 1024],
            )
            for i in range(1, comments + 1)
        ],
    }
    return rows


# -- SQLite ------------------------------------------------------------------------------


def load_sqlite(url, rows, postponed: bool = False) -> dict:
    import sqlite3

    conn = sqlite3.connect(url.database, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")  # as querynl runs it
    started = time.perf_counter()
    conn.execute("BEGIN")
    if postponed:
        conn.execute("PRAGMA defer_foreign_keys = ON")
    for name in ORDER:
        cols = COLUMNS[name]
        sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        conn.executemany(sql, rows[name])
    if postponed:
        verify_foreign_keys(conn.cursor())
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    if postponed:
        method = "sqlite3 executemany, defer_foreign_keys, one anti-join per FK"
    else:
        method = "sqlite3 executemany, one transaction, foreign_keys=ON"
    return {"seconds": seconds, "method": method}


# -- PostgreSQL --------------------------------------------------------------------------


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    return str(value)  # int; datetime -> 'YYYY-MM-DD HH:MM:SS.ffffff'


def _pg_connect(url):
    import psycopg2

    return psycopg2.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password, dbname=url.database
    )


def load_postgresql(url, rows, postponed: bool = False) -> dict:
    conn = _pg_connect(url)
    started = time.perf_counter()
    serialise = 0.0
    with conn.cursor() as cur:
        if postponed:  # FK triggers off for this transaction (needs superuser)
            cur.execute("SET LOCAL session_replication_role = replica")
        for name in ORDER:
            sql = f"COPY {name} ({', '.join(COLUMNS[name])}) FROM STDIN"
            data = rows[name]
            for start in range(0, len(data), CHUNK):
                t = time.perf_counter()
                buf = io.StringIO()
                buf.write(
                    "".join(
                        "\t".join([_copy_text(v) for v in row]) + "\n" for row in data[start : start + CHUNK]
                    )
                )
                buf.seek(0)
                serialise += time.perf_counter() - t
                cur.copy_expert(sql, buf)
        if postponed:
            verify_foreign_keys(cur)
    conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    method = f"COPY FROM STDIN (text, StringIO per {CHUNK:,} rows), one transaction"
    if postponed:
        method += ", session_replication_role=replica, one anti-join per FK"
    return {"seconds": seconds, "serialise_seconds": serialise, "method": method}


# -- MariaDB / MySQL ---------------------------------------------------------------------


def _mysql_connect(url, **extra):
    import pymysql

    return pymysql.connect(
        host=url.host,
        port=url.port or 3306,
        user=url.username,
        password=url.password or "",
        database=url.database,
        charset="utf8mb4",
        autocommit=False,
        **extra,
    )


def _tsv(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return value
    return str(value)


def load_mysql_infile(url, rows, postponed: bool = False) -> dict:
    conn = _mysql_connect(url, local_infile=True)
    tmpdir = tempfile.mkdtemp(prefix="qnl-bench-infile-")
    try:
        started = time.perf_counter()
        serialise = 0.0
        with conn.cursor() as cur:
            if postponed:
                cur.execute("SET FOREIGN_KEY_CHECKS = 0")
            for name in ORDER:
                path = os.path.join(tmpdir, f"{name}.tsv")
                t = time.perf_counter()
                with open(path, "w", encoding="utf-8", newline="\n") as fh:
                    data = rows[name]
                    for start in range(0, len(data), CHUNK):
                        fh.write(
                            "".join(
                                "\t".join([_tsv(v) for v in row]) + "\n"
                                for row in data[start : start + CHUNK]
                            )
                        )
                serialise += time.perf_counter() - t
                cur.execute(
                    f"LOAD DATA LOCAL INFILE '{path}' INTO TABLE {name} CHARACTER SET utf8mb4 "
                    f"FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n' ({', '.join(COLUMNS[name])})"
                )
            if postponed:
                verify_foreign_keys(cur)
                cur.execute("SET FOREIGN_KEY_CHECKS = 1")
        conn.commit()
        seconds = time.perf_counter() - started
    finally:
        conn.close()
        for entry in os.listdir(tmpdir):
            os.unlink(os.path.join(tmpdir, entry))
        os.rmdir(tmpdir)
    method = "LOAD DATA LOCAL INFILE (TSV file written per table), one transaction"
    if postponed:
        method += ", FOREIGN_KEY_CHECKS=0, one anti-join per FK"
    return {"seconds": seconds, "serialise_seconds": serialise, "method": method}


def load_mysql_executemany(url, rows) -> dict:
    conn = _mysql_connect(url)
    started = time.perf_counter()
    with conn.cursor() as cur:
        for name in ORDER:
            cols = COLUMNS[name]
            sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})"
            data = rows[name]
            for start in range(0, len(data), CHUNK):
                cur.executemany(sql, data[start : start + CHUNK])  # PyMySQL: multi-row INSERTs
    conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    return {"seconds": seconds, "method": "multi-row INSERT (PyMySQL executemany), one transaction"}


def _truncate_mysql(url) -> None:
    conn = _mysql_connect(url)
    with conn.cursor() as cur:
        cur.execute("SET FOREIGN_KEY_CHECKS = 0")
        for name in reversed(ORDER):
            cur.execute(f"TRUNCATE TABLE {name}")
        cur.execute("SET FOREIGN_KEY_CHECKS = 1")
    conn.commit()
    conn.close()


def load_mysql(url, rows, method: str) -> dict:
    notes = []
    if method in ("auto", "infile", "both"):
        try:
            infile = load_mysql_infile(url, rows)
        except Exception as exc:  # noqa: BLE001 - refused by server or client: fall back
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            notes.append(f"LOAD DATA LOCAL INFILE refused ({reason}); fell back to executemany")
            infile = None
            _truncate_mysql(url)
        if infile and method != "both":
            return infile
    else:
        infile = None
    if infile:  # method == "both": measure executemany too, on emptied tables
        _truncate_mysql(url)
    many = load_mysql_executemany(url, rows)
    if infile:
        best = infile if infile["seconds"] <= many["seconds"] else many
        other = many if best is infile else infile
        best = dict(best)
        best["alternative"] = {"method": other["method"], "seconds": other["seconds"]}
        return best
    many["notes"] = notes
    return many


def _empty(backend: str, url) -> None:
    """Empty the chain's tables between two measured loads."""
    if backend == "mysql":
        _truncate_mysql(url)
    elif backend == "postgresql":
        conn = _pg_connect(url)
        with conn.cursor() as cur:
            cur.execute(f"TRUNCATE {', '.join(ORDER)}")
        conn.commit()
        conn.close()
    else:
        import sqlite3

        conn = sqlite3.connect(url.database, isolation_level=None)
        for name in reversed(ORDER):
            conn.execute(f"DELETE FROM {name}")
        conn.execute("VACUUM")
        conn.close()


def fastest(backend: str, url, rows, mysql_method: str) -> dict:
    """Each of the database's paths that keep every constraint verified before commit: with
    foreign keys checked row by row, and with the checks postponed and every key verified by
    one anti-join before commit. The fastest is kept; the others are listed."""
    immediate = {
        "sqlite": lambda: load_sqlite(url, rows),
        "postgresql": lambda: load_postgresql(url, rows),
        "mysql": lambda: load_mysql(url, rows, mysql_method),
    }[backend]
    postponed = {
        "sqlite": lambda: load_sqlite(url, rows, postponed=True),
        "postgresql": lambda: load_postgresql(url, rows, postponed=True),
        "mysql": lambda: load_mysql_infile(url, rows, postponed=True),
    }[backend]
    results = [immediate()]
    _empty(backend, url)
    try:
        results.append(postponed())
    except Exception as exc:  # noqa: BLE001 - not permitted here (no superuser, no LOAD DATA)
        _empty(backend, url)
        results.append(None)
        results[0].setdefault("notes", []).append(f"postponed-FK path failed: {str(exc).splitlines()[0]}")
        _empty(backend, url)
        results[0] = immediate()
    found = [r for r in results if r]
    best = dict(min(found, key=lambda r: r["seconds"]))
    others = [r for r in found if r["method"] != best["method"]]
    for other in [best.pop("alternative", None), *others]:
        if other:
            alternative = {"method": other["method"], "seconds": other["seconds"]}
            best.setdefault("alternatives", []).append(alternative)
    best["postponed_foreign_keys"] = "anti-join" in best["method"]
    return best


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--posts", type=int, required=True)
    parser.add_argument("--comments", type=int, required=True)
    parser.add_argument("--mysql-method", choices=("auto", "infile", "executemany", "both"), default="auto")
    args = parser.parse_args()
    url = make_url(args.url)

    t0 = time.perf_counter()
    rows = make_rows(args.users, args.posts, args.comments)
    prepare = time.perf_counter() - t0
    total = sum(len(r) for r in rows.values())

    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql", "mysql"):
        raise SystemExit(f"unsupported backend {backend}")
    result = fastest(backend, url, rows, args.mysql_method)
    result.update(rows=total, prepare_seconds=prepare, rows_per_second=total / result["seconds"])
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
