"""Issue #11, domains, end to end on SQLite and offline: "add e-commerce sample data" gives
products named like products, shelf prices and order statuses from the status vocabulary;
"add blog sample data" gives post titles and multi-sentence bodies; "add sample data" with
the same seed differs from both; the preview and the rationale name the domain choices."""

from __future__ import annotations

import re

import pytest

from querynl.providers.domains.blog import BlogProvider
from querynl.providers.domains.ecommerce import EcommerceProvider
from querynl.providers.vocabulary import ORDER_STATUSES
from tests.databases import driver_connection
from tests.integrity import assert_integrity, querynl
from tests.providers.test_domains import people_and_companies
from tests.schemas import create_schema

SEED = "11"


def seeded(tmp_path, schema: str, request: str, name: str) -> tuple[str, str]:
    """The database's URL and what the run printed (its plan first)."""
    url = f"sqlite:///{tmp_path / name}.db"
    create_schema(url, schema)
    run = querynl("seed", url, request, "--yes", "--seed", SEED, "--json", columns=2_000)
    assert run.status == 0, run.stderr
    assert run.summary["ok"] is True
    assert_integrity(url)
    return url, run.stderr + run.stdout  # with --json, the plan goes to stderr


def column(url: str, sql: str) -> list:
    with driver_connection(url) as conn:
        return [row[0] for row in conn.execute(sql).fetchall()]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, tuple[str, str]]:
    tmp = tmp_path_factory.mktemp("domains")
    return {
        "shop": seeded(tmp, "ecommerce", "add e-commerce sample data", "shop"),
        "shop_plain": seeded(tmp, "ecommerce", "add sample data", "shop_plain"),
        "blog": seeded(tmp, "blog", "add blog sample data for a cooking blog", "blog"),
        "blog_plain": seeded(tmp, "blog", "add sample data", "blog_plain"),
    }


def urls(runs) -> dict[str, str]:
    return {name: url for name, (url, _) in runs.items()}


def test_ecommerce_products_read_like_products(runs):
    names = column(runs["shop"][0], "SELECT name FROM products")
    assert len(names) >= 10
    assert not set(names) & people_and_companies()
    assert all(any(n.endswith(noun) for noun in EcommerceProvider.product_nouns) for n in names), names


def test_ecommerce_prices_and_statuses(runs):
    shop = runs["shop"][0]
    prices = column(shop, "SELECT price FROM products") + column(shop, "SELECT unit_price FROM order_items")
    assert prices and all(p > 0 and abs(p * 100 - round(p * 100)) < 1e-6 for p in prices)  # 2 decimals
    shelf = [round(p * 100) % 100 in (99, 95, 49, 50, 0) for p in prices]
    assert sum(shelf) == len(shelf)  # shelf prices: 24.99, 149.00, not 731.27
    statuses = column(shop, "SELECT status FROM orders")
    assert statuses and set(statuses) <= set(ORDER_STATUSES)


def test_blog_posts_have_titles_and_bodies_of_sentences(runs):
    posts = [
        (title, body)
        for title, body in zip(
            column(runs["blog"][0], "SELECT title FROM posts ORDER BY id"),
            column(runs["blog"][0], "SELECT body FROM posts ORDER BY id"),
            strict=True,
        )
    ]
    assert len(posts) >= 10
    topics = BlogProvider.blog_topics
    for title, body in posts:
        assert any(topic in title for topic in topics) and not title.endswith("."), title
        assert len(re.findall(r"[^.!?]+[.!?]", body)) >= 2, body
    comments = column(runs["blog"][0], "SELECT body FROM comments")
    assert comments and all(c.rstrip()[-1] in ".!?" for c in comments)


def test_sample_data_without_a_domain_differs_from_both(runs):
    url = urls(runs)
    shop, plain = url["shop"], url["shop_plain"]
    for sql in ("SELECT price FROM products", "SELECT description FROM products"):
        assert column(shop, sql) != column(plain, sql), sql
    plain_titles = column(url["blog_plain"], "SELECT title FROM posts")
    assert not set(plain_titles) & set(column(url["blog"], "SELECT title FROM posts"))
    assert not any(topic in t for t in plain_titles for topic in BlogProvider.blog_topics)
    # a product is never named like a person, domain or not
    assert not set(column(plain, "SELECT name FROM products")) & people_and_companies()


def test_preview_and_rationale_name_the_domain_choices(runs):
    shop = runs["shop"][1]
    assert "Domain: e-commerce ('e-commerce')." in shop
    assert "products.name: product-name vocabulary (e-commerce)" in shop
    assert "name: product_name, from the product-name vocabulary (e-commerce)" in shop
    assert "price: product_price, from the shelf prices by category (e-commerce)" in shop
    blog = runs["blog"][1]
    assert "Domain: blog ('cooking blog')." in blog
    assert "posts.body: post-body sentences (blog)" in blog
    plain = runs["blog_plain"][1]
    assert "Domain:" not in plain and "(blog)" not in plain
