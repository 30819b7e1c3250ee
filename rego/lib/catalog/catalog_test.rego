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
