"""Web Mercator and UTM as PostGIS (PROJ) computes them, to the centimetre; and the provider's
UTM shapes lie in their zone, near real places."""

from __future__ import annotations

import pytest

from querynl.providers import make_faker
from querynl.providers.projections import mercator, utm, utm_band, utm_zone
from tests.databases import connected, fresh_database
from tests.edge_cases.spatial import create_postgis

PLACES = [
    (2.3522, 48.8566), (151.2093, -33.8688), (-74.006, 40.7128), (18.4241, -33.9249), (139.6917, 35.6895),
    (-0.1276, 51.5072), (-70.6693, -33.4489), (103.8198, 1.3521), (12.4964, 41.9028), (-149.9, 61.2),
]  # fmt: skip


def _zone(lon: float, lat: float) -> int:
    return (32700 if lat < 0 else 32600) + int((lon + 180) // 6) + 1


def test_projections_match_postgis(tmp_path) -> None:
    with fresh_database("postgresql", tmp_path) as url:
        create_postgis(url)
        with connected(url) as (_engine, conn):
            for lon, lat in PLACES:
                point = f"gis.ST_SetSRID(gis.ST_MakePoint({lon}, {lat}), 4326)"
                for srid in (3857, _zone(lon, lat)):
                    x, y = conn.exec_driver_sql(
                        f"SELECT gis.ST_X(p), gis.ST_Y(p) FROM gis.ST_Transform({point}, {srid}) p"
                    ).one()
                    zone = utm_zone(srid)
                    ours = mercator(lon, lat) if zone is None else utm(lon, lat, *zone)
                    assert ours == pytest.approx((x, y), abs=0.01), (lon, lat, srid)


def test_utm_zones() -> None:
    assert utm_zone(32633) == (33, False)
    assert utm_zone(32755) == (55, True)
    assert utm_zone(32600) is None and utm_zone(32761) is None and utm_zone(3857) is None
    assert utm_band(33) == (12.0, 18.0)


@pytest.mark.parametrize("srid", [32633, 32632, 32755, 32618])
def test_utm_shapes_lie_in_their_zone(srid: int) -> None:
    fake = make_faker()
    fake.seed_instance(srid)
    south = srid > 32700
    for _ in range(50):
        x, y = fake.geometry("point", srid).body
        assert 160_000 < x < 840_000  # a zone's eastings
        assert (1_000_000 < y < 10_000_000) if south else (0 < y < 9_400_000)
