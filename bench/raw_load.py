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


def load_sqlite(url, rows) -> dict:
    import sqlite3

    conn = sqlite3.connect(url.database, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")  # as querynl runs it
    started = time.perf_counter()
    conn.execute("BEGIN")
    for name in ORDER:
        cols = COLUMNS[name]
        sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        conn.executemany(sql, rows[name])
    conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return {"seconds": seconds, "method": "sqlite3 executemany, one transaction, foreign_keys=ON"}


# -- PostgreSQL --------------------------------------------------------------------------


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    return str(value)  # int; datetime -> 'YYYY-MM-DD HH:MM:SS.ffffff'


def load_postgresql(url, rows) -> dict:
    import psycopg2

    conn = psycopg2.connect(
        host=url.host, port=url.port or 5432, user=url.username, password=url.password, dbname=url.database
    )
    started = time.perf_counter()
    serialise = 0.0
    with conn.cursor() as cur:
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
    conn.commit()
    seconds = time.perf_counter() - started
    conn.close()
    return {
        "seconds": seconds,
        "serialise_seconds": serialise,
        "method": f"COPY FROM STDIN (text, StringIO per {CHUNK:,} rows), one transaction",
    }


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


def load_mysql_infile(url, rows) -> dict:
    conn = _mysql_connect(url, local_infile=True)
    tmpdir = tempfile.mkdtemp(prefix="qnl-bench-infile-")
    try:
        started = time.perf_counter()
        serialise = 0.0
        with conn.cursor() as cur:
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
        conn.commit()
        seconds = time.perf_counter() - started
    finally:
        conn.close()
        for entry in os.listdir(tmpdir):
            os.unlink(os.path.join(tmpdir, entry))
        os.rmdir(tmpdir)
    return {
        "seconds": seconds,
        "serialise_seconds": serialise,
        "method": "LOAD DATA LOCAL INFILE (TSV file written per table), one transaction",
    }


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
    if backend == "sqlite":
        result = load_sqlite(url, rows)
    elif backend == "postgresql":
        result = load_postgresql(url, rows)
    elif backend == "mysql":
        result = load_mysql(url, rows, args.mysql_method)
    else:
        raise SystemExit(f"unsupported backend {backend}")
    result.update(rows=total, prepare_seconds=prepare, rows_per_second=total / result["seconds"])
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
