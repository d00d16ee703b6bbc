"""Diversity of the generated values against Faker called once per value.

    python bench/diversity.py --url sqlite:///chain.db --request "users: 100, posts: 300" \
        --columns users.name,posts.title,comments.created_at

Plans the request as the seed command does, drains the synthesizer (no inserts, not timed)
keeping the distinct values of each named column, then calls the column's provider once per
value with the plan's arguments, as many times as the column got non-NULL values, and counts
its distinct values too. Prints one JSON line: per column the provider, the number of values,
both distinct counts and their ratio (ours / Faker's), so speed can never be bought with
repetition unnoticed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--request", required=True)
    parser.add_argument("--columns", required=True, help="comma list of table.column")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()

    from gen_only import planned

    from querynl.synthesis.synthesizer import FakerDataSynthesizer

    started = time.perf_counter()
    run, existing = planned(args.url, args.request, args.seed)
    synth = FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed)
    wanted = [tuple(name.split(".", 1)) for name in args.columns.split(",")]
    ours = _generated(synth, run.plan.insertion_order, wanted)
    report = {"columns": {}, "seed": run.seed}
    for table, column in wanted:
        config = next(c for c in run.plan.table(table).columns if c.column_name == column)
        values, distinct = ours[(table, column)]
        theirs = _faker_distinct(synth, run.schema.table(table).column(column), config, values)
        report["columns"][f"{table}.{column}"] = {
            "provider": config.faker_provider,
            "values": values,
            "ours": distinct,
            "faker": theirs,
            "ratio": distinct / theirs if theirs else None,
        }
    report["seconds"] = time.perf_counter() - started
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


def _generated(synth, order: list[str], wanted: list[tuple[str, str]]) -> dict:
    """(table, column) -> (non-NULL values generated, distinct ones)."""
    seen = {key: set() for key in wanted}
    counts = dict.fromkeys(wanted, 0)
    for table in order:
        columns = synth.insert_columns(table)
        where = {key: columns.index(key[1]) for key in wanted if key[0] == table}
        for batch in synth.generate_table_data(table):
            for key, i in where.items():
                values = [row[i] for row in batch if row[i] is not None]
                counts[key] += len(values)
                seen[key].update(map(hash, values))  # hashes: a million texts in little memory
    return {key: (counts[key], len(seen[key])) for key in wanted}


def _faker_distinct(synth, info, config, count: int) -> int:
    """Distinct values of the column's provider called once per value, `count` times."""
    from querynl.providers import make_faker
    from querynl.synthesis.streams import resolve_dates
    from querynl.synthesis.value_fitting import fit_value

    fake = make_faker()
    fake.seed_instance(12345)
    make = fake.get_formatter(config.faker_provider)
    source = synth.source
    call_args = resolve_dates(config.provider_args, source.anchor, source.window_days)
    return len({hash(fit_value(info, make(**call_args))) for _ in range(count)})


if __name__ == "__main__":
    raise SystemExit(main())
