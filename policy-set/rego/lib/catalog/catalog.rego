# METADATA
# title: Model catalog accessors
# description: |
#   Reads data.modelgate (catalog and approved set, see docs/ARCHITECTURE.md). Both may be absent:
#   then the catalog is empty and nothing is approved-checked.
# scope: package
package lib.catalog

import data.lib.iam

default models := {}

models := data.modelgate.catalog.models

default approved := null

approved := data.modelgate.approved

default snapshot_date := "unknown"

snapshot_date := data.modelgate.catalog.snapshotDate

has_catalog if count(models) > 0

# matching: the catalog IDs an ID or ID pattern names
matching(pattern) := {id |
	some id, _ in models
	iam.wildcard_match(pattern, id)
} if {
	iam.has_wildcard(pattern)
}

matching(pattern) := {pattern} if {
	not iam.has_wildcard(pattern)
	models[pattern]
}

matching(pattern) := set() if {
	not iam.has_wildcard(pattern)
	not models[pattern]
}

known(id) if models[id]

# profile_prefixes of a catalog model (may be empty)
profile_prefixes(id) := object.get(models, [id, "profilePrefixes"], [])

is_approved(id) if id in approved.models

# product_ids: the Marketplace product IDs of catalog models
product_ids contains pid if {
	some m in models
	pid := m.productId
	is_string(pid)
}

# products_matching: the catalog product IDs a StringLike pattern matches
products_matching(pattern) := {pid |
	some pid in product_ids
	iam.wildcard_match(pattern, pid)
}

# product_models: the catalog models whose Marketplace product ID is pid
product_models(pid) := {id |
	some id, m in models
	m.productId == pid
}

is_approved_product(pid) if pid in approved.productIds
