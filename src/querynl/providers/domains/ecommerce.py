"""E-commerce: product names that read like products, categories with their price ranges,
product descriptions."""

from __future__ import annotations

import math
from decimal import Decimal

from querynl.providers.base import QueryNLProvider, patterned


class EcommerceProvider(QueryNLProvider):
    product_adjectives = (
        "Ergonomic", "Rustic", "Sleek", "Compact", "Premium", "Classic", "Modern", "Vintage",
        "Handcrafted", "Lightweight", "Heavy-Duty", "Portable", "Foldable", "Adjustable",
        "Waterproof", "Insulated", "Minimalist", "Deluxe", "Everyday", "Essential", "Organic",
        "Reusable", "Stackable", "Cordless", "Wireless", "Rechargeable", "Slim", "Oversized",
        "Padded", "Non-Stick", "Brushed", "Matte", "Polished", "Textured", "Woven", "Quilted",
        "Soft-Touch", "Eco-Friendly", "Travel", "Professional",
    )  # fmt: skip
    product_materials = (
        "Oak", "Walnut", "Bamboo", "Teak", "Maple", "Steel", "Stainless Steel", "Cast Iron",
        "Aluminum", "Copper", "Brass", "Ceramic", "Porcelain", "Stoneware", "Glass", "Marble",
        "Granite", "Leather", "Canvas", "Linen", "Cotton", "Wool", "Merino", "Cashmere",
        "Silk", "Denim", "Suede", "Rattan", "Cork", "Silicone", "Nylon", "Felt",
    )  # fmt: skip
    product_nouns = (
        "Desk Lamp", "Floor Lamp", "Table Lamp", "Pendant Light", "Wall Clock", "Alarm Clock",
        "Coffee Table", "Side Table", "Dining Chair", "Bar Stool", "Bookshelf", "Shoe Rack",
        "Coat Rack", "Storage Box", "Laundry Basket", "Picture Frame", "Wall Mirror", "Vase",
        "Planter", "Candle Holder", "Throw Pillow", "Throw Blanket", "Bath Towel", "Bath Mat",
        "Shower Curtain", "Soap Dispenser", "Cutting Board", "Chef's Knife", "Frying Pan",
        "Saucepan", "Dutch Oven", "Mixing Bowl", "Salad Bowl", "Serving Tray", "Dinner Plate",
        "Coffee Mug", "Travel Mug", "Water Bottle", "Tumbler", "Teapot", "French Press",
        "Pour-Over Kettle", "Spice Rack", "Utensil Set", "Wine Rack", "Lunch Box", "Backpack",
        "Messenger Bag", "Tote Bag", "Duffel Bag", "Wallet", "Card Holder", "Belt", "Watch Strap",
        "Sunglasses Case", "Phone Case", "Laptop Sleeve", "Tablet Stand", "Desk Organizer",
        "Mouse Pad", "Keyboard", "Headphone Stand", "Notebook", "Pen Set", "Bookend",
        "Beanie", "Scarf", "Gloves", "Sweater", "Cardigan", "Hoodie", "T-Shirt", "Jacket",
        "Rain Jacket", "Sneakers", "Slippers", "Socks", "Apron", "Yoga Mat", "Jump Rope",
        "Dumbbell Set", "Foam Roller", "Camping Chair", "Hammock", "Lantern", "Picnic Blanket",
        "Cooler Bag", "Bird Feeder", "Watering Can", "Garden Trowel", "Dog Collar", "Dog Leash",
        "Pet Bed", "Cat Scratcher", "Toy Chest", "Building Blocks", "Puzzle", "Jewelry Box",
        "Earrings", "Necklace", "Bracelet", "Hair Brush", "Shaving Kit", "Makeup Bag",
    )  # fmt: skip
    product_formats = ("{product_adjectives} {product_materials} {product_nouns}",)
    # category -> (lowest, highest) price of a product in it
    category_prices = {
        "Electronics": (9.99, 1499.0), "Computers": (19.99, 2499.0), "Phones & Accessories": (4.99, 1199.0),
        "Home & Kitchen": (4.99, 399.0), "Furniture": (39.0, 1899.0), "Lighting": (12.99, 349.0),
        "Garden & Outdoor": (5.99, 599.0), "Tools & Home Improvement": (6.99, 499.0),
        "Clothing": (9.99, 249.0), "Shoes": (24.99, 219.0), "Jewelry": (14.99, 899.0),
        "Watches": (29.0, 1299.0), "Beauty": (3.99, 129.0), "Health & Personal Care": (2.99, 149.0),
        "Toys & Games": (4.99, 199.0), "Baby": (5.99, 349.0), "Sports & Fitness": (7.99, 899.0),
        "Books": (4.99, 59.99), "Music": (7.99, 49.99), "Movies & TV": (5.99, 39.99),
        "Grocery": (1.49, 39.99), "Pet Supplies": (3.99, 179.0), "Office Supplies": (1.99, 299.0),
        "Arts & Crafts": (2.99, 129.0), "Automotive": (6.99, 649.0), "Luggage & Travel": (19.99, 449.0),
    }  # fmt: skip
    price_endings = ("0.99", "0.99", "0.99", "0.95", "0.49", "0.00", "0.50")
    product_sentences = (
        "Made from {material_words} for years of everyday use.",
        "Designed for {product_uses}, it fits neatly into any space.",
        "A customer favorite for {product_uses}.",
        "The {finish_words} finish resists scratches and fingerprints.",
        "Ships fully assembled and ready to use.",
        "Easy to clean: wipe with a damp cloth.",
        "Backed by a {warranty_years}-year limited warranty.",
        "Pairs well with the rest of the collection.",
        "Each piece is inspected by hand before it leaves our workshop.",
        "Sized for {product_uses} without taking over the room.",
        "Available in {color_count} colors to match your style.",
        "Its {finish_words} surface gets better with age.",
        "Thoughtfully packaged in recycled materials.",
        "Perfect as a gift for {gift_recipients}.",
        "Built from responsibly sourced {material_words}.",
    )
    material_words = (
        "solid oak", "recycled steel", "organic cotton", "full-grain leather", "tempered glass",
        "FSC-certified wood", "food-safe silicone", "brushed aluminum", "hand-thrown stoneware",
        "natural bamboo", "merino wool", "stonewashed linen",
    )  # fmt: skip
    product_uses = (
        "small apartments", "home offices", "busy kitchens", "weekend trips", "daily commutes",
        "outdoor gatherings", "reading nooks", "kids' rooms", "entryways", "gym sessions",
    )  # fmt: skip
    finish_words = ("matte", "satin", "oiled", "powder-coated", "glazed", "lacquered", "brushed")
    warranty_years = ("1", "2", "3", "5", "10")
    color_count = ("two", "three", "four", "five", "six")
    gift_recipients = (
        "new homeowners", "coffee lovers", "home cooks", "travelers", "students", "grandparents",
        "anyone who works from home",
    )  # fmt: skip

    product_name = patterned("product_formats", doc="A product: ``Ergonomic Oak Desk Lamp``.")
    product_description = patterned(
        "product_sentences", (2, 4), shared=("material_words", "product_uses"), doc="Two to four sentences."
    )

    def product_category(self, max_chars: int | None = None) -> str:
        return self._pick(tuple(self.category_prices), max_chars)

    def category_name(self, max_chars: int | None = None) -> str:
        return self.product_category(max_chars)

    def product_price(self, category: str | None = None, max_value: float | None = None) -> Decimal:
        """A shelf price (``24.99``, ``149.00``) within the category's range (a random
        category's when none is given), at most ``max_value``: log-uniform, so cheap
        products are more common than dear ones."""
        ranges = self.category_prices
        low, high = ranges.get(category) or self.random_element(tuple(ranges.values()))
        if max_value is not None:
            high = max(min(high, float(max_value)), 0.01)
            low = min(low, high)
        whole = math.exp(self.generator.random.uniform(math.log(low + 0.01), math.log(high + 0.01)))
        ending = Decimal(self.random_element(self.price_endings))
        price = Decimal(int(whole)) + ending
        cent = Decimal("0.01")
        lowest, highest = Decimal(str(low)).quantize(cent), Decimal(str(high)).quantize(cent)
        return max(min(price, highest), lowest, cent)
