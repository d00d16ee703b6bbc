"""Generation alone: querynl's synthesizer producing the rows of a request, nothing inserted.

    python bench/gen_only.py --url sqlite:///chain.db --request "users: 100, posts: 300"

Uses the library the way the seed command does (introspect, parse, prepare, read the snapshot
of existing rows the plan needs), then drains ``FakerDataSynthesizer.generate_table_data``
(batches of its own size) for every table in insertion order. Only the draining is timed
(planning and the snapshot are reported apart). Prints one JSON line.
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
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from querynl.synthesis.synthesizer import FakerDataSynthesizer

    run, existing = planned(args.url, args.request, args.seed)
    plan_seconds = time.perf_counter() - t0

    per_table: dict[str, int] = {}
    t1 = time.perf_counter()
    synth = FakerDataSynthesizer(run.schema, run.plan, existing, seed=run.seed)
    for name in run.plan.insertion_order:
        per_table[name] = sum(len(batch) for batch in synth.generate_table_data(name))
    seconds = time.perf_counter() - t1
    total = sum(per_table.values())
    report = {
        "rows": total,
        "per_table": per_table,
        "seconds": seconds,
        "plan_seconds": plan_seconds,
        "rows_per_second": total / seconds if seconds else None,
        "seed": run.seed,
    }
    sys.stdout.write(json.dumps(report) + "\n")
    return 0


def planned(url: str, request: str, seed: int | None):
    """The request planned as the seed command plans it, and the snapshot of existing rows
    the plan needs: (PreparedRun, ExistingData)."""
    from querynl.db.engine import make_engine
    from querynl.db.existing import ExistingData
    from querynl.pipeline.generator import TestDataGenerator
    from querynl.request.intent import parse_request
    from querynl.synthesis.snapshot import existing_needs

    engine = make_engine(url)
    gen = TestDataGenerator(engine)
    schema = gen.introspect()
    run = gen.prepare(parse_request(request, schema, seed=seed), schema)
    with engine.connect() as conn:
        existing = ExistingData.read(conn, existing_needs(run.schema, run.plan))
    return run, existing


if __name__ == "__main__":
    raise SystemExit(main())
