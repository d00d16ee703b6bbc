"""Table names the request tests resolve words against."""

SHOP = ["users", "customers", "orders", "order_items", "categories", "products", "logs", "tags", "people"]
WORDPRESS = ["wp_posts", "wp_users", "wp_comments", "wp_term_taxonomy"]
