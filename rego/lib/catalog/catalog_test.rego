package lib.catalog_test

import data.lib.catalog
import data.lib.testing

test_defaults_without_data if {
	catalog.models == {}
	catalog.approved == null
	catalog.snapshot_date == "unknown"
	not catalog.has_catalog
}

test_reads_catalog_and_approved if {
	catalog.snapshot_date == "2026-08-21" with data.modelgate.catalog as testing.catalog
	catalog.matching("amazon.nova-*-lite-*") == {"amazon.nova-2-lite-v1:0"} with data.modelgate.catalog as testing.catalog
	catalog.is_approved("x") with data.modelgate.approved as testing.approving(["x"])
}

test_reads_product_ids if {
	catalog.product_ids == {"prod-xdkflymybwmvi", "prod-4dlfvry4v5hbi", "prod-4pmewlybdftbs"} with data.modelgate.catalog as testing.catalog
	catalog.products_matching("prod-4*") == {"prod-4dlfvry4v5hbi", "prod-4pmewlybdftbs"} with data.modelgate.catalog as testing.catalog
	catalog.product_models("prod-xdkflymybwmvi") == {"anthropic.claude-haiku-4-5-20251001-v1:0"} with data.modelgate.catalog as testing.catalog
	catalog.product_models("prod-zzzzzzzzzzzzz") == set() with data.modelgate.catalog as testing.catalog
	catalog.is_approved_product("prod-xdkflymybwmvi") with data.modelgate.approved as {"models": [], "productIds": ["prod-xdkflymybwmvi"]}
	not catalog.is_approved_product("prod-4pmewlybdftbs") with data.modelgate.approved as {"models": [], "productIds": ["prod-xdkflymybwmvi"]}
}
