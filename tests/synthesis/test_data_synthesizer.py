"""The synthesizer's own interface (T009): single values, batches, and a clean restart."""

from __future__ import annotations

from querynl.db.engine import make_engine
from querynl.db.existing import ExistingData
from querynl.pipeline.generator import TestDataGenerator
from querynl.request.intent import parse_request
from querynl.synthesis.synthesizer import FakerDataSynthesizer
from tests.schemas import create_schema


def _synthesizer(tmp_path):
    url = f"sqlite:///{tmp_path / 'shop.db'}"
    create_schema(url, "ecommerce")
    engine = make_engine(url)
    generator = TestDataGenerator(engine)
    schema = generator.introspect()
    run = generator.prepare(parse_request("add 30 products", schema, seed=3), schema)
    conn = engine.connect()
    return conn, run, FakerDataSynthesizer(run.schema, run.plan, ExistingData(conn), seed=run.seed)


def test_generate_value_fits_the_column(tmp_path):
    conn, run, synth = _synthesizer(tmp_path)
    try:
        sku = synth.generate_value("products", run.plan.table("products").column("sku"))
        price = synth.generate_value("products", run.plan.table("products").column("price"))
        assert isinstance(sku, str) and 0 < len(sku) <= 32
        assert price > 0 and price.as_tuple().exponent == -2
    finally:
        conn.close()


def test_clear_unique_cache_restarts_the_same_rows(tmp_path):
    conn, _run, synth = _synthesizer(tmp_path)
    try:
        first = {
            t: [r for b in synth.generate_table_data(t, 7) for r in b] for t in ("categories", "products")
        }
        synth.clear_unique_cache()
        again = {
            t: [r for b in synth.generate_table_data(t, 7) for r in b] for t in ("categories", "products")
        }
        assert len(first["products"]) == 30
        assert first == again
        skus = [row[synth.insert_columns("products").index("sku")] for row in first["products"]]
        assert len(set(skus)) == len(skus)
    finally:
        conn.close()
