"""Warehouses: bin locations (``A-03-12``), lot numbers, stock levels, units of measure,
stock movements and warehouse names."""

from __future__ import annotations

import math

from querynl.providers.base import QueryNLProvider, patterned, vocabulary


class InventoryProvider(QueryNLProvider):
    warehouse_zones = ("A", "B", "C", "D", "E", "F", "G", "H", "R", "S", "X", "Z")
    bin_formats = (
        "{warehouse_zones}-0#-##", "{warehouse_zones}-1#-##", "{warehouse_zones}-0#-##-#", "?#-##-##",
    )  # fmt: skip
    lot_formats = ("LOT-2#-#####", "L2#??####", "2#-###-??", "BATCH-####-?")
    warehouse_places = (
        "Northgate", "Riverside", "Harbor Point", "Eastfield", "Westbrook", "Southport", "Lakeview",
        "Cedar Park", "Ironbridge", "Mill Creek", "Pine Valley", "Stonehill", "Bayside", "Oakmont",
        "Fairview", "Greenway", "Redwood", "Summit", "Willow Bend", "Crossroads",
    )  # fmt: skip
    warehouse_kinds = (
        "Distribution Center", "Fulfillment Center", "Warehouse", "Depot", "Cross-Dock", "Cold Storage",
    )  # fmt: skip
    warehouse_formats = ("{warehouse_places} {warehouse_kinds}",)
    units_of_measure = (
        "each", "each", "each", "box", "case", "pallet", "pack", "kg", "lb", "liter", "roll", "dozen",
        "pair",
    )  # fmt: skip
    movement_types = (
        "receipt", "receipt", "shipment", "shipment", "shipment", "transfer", "adjustment",
        "return", "cycle_count", "write_off", "putaway", "pick",
    )  # fmt: skip

    bin_location = patterned(
        "bin_formats", marks=True, doc="A bin: zone, aisle, shelf (and level), ``A-03-12``."
    )
    lot_number = patterned("lot_formats", marks=True, doc="A production lot: ``LOT-24-00731``.")
    warehouse_name = patterned("warehouse_formats", doc="``Riverside Fulfillment Center``.")
    unit_of_measure = vocabulary("units_of_measure")
    stock_movement_type = vocabulary("movement_types")

    def stock_level(self, max_value: int = 10_000) -> int:
        """Units on hand: some out of stock, most a few dozen, a few thousands."""
        if self.random_int(1, 100) <= 6:
            return 0
        return max(0, min(int(math.exp(self.generator.random.gauss(3.8, 1.1))), int(max_value)))
