package lib.access.probes_test

import data.lib.access.probes
import data.lib.testing

# ---- geographies and per-target scopes

_profile_probe(geo, model) := probes.invoke(
	"bedrock:invokemodel",
	concat("", ["arn:aws:bedrock:us-east-1:000000000000:inference-profile/", geo, ".", model]),
	"inference-profile", model, false,
)

test_approved_in_only_in_an_approved_geography if {
	# GIVEN a set approving nova-lite in us WHEN its profiles are judged THEN only the us profile is approved
	cfg := {"models": ["amazon.nova-lite-v1:0"], "productIds": [], "geographies": ["us"]}
	probes.approved_in(_profile_probe("us", "amazon.nova-lite-v1:0"), cfg)
	not probes.approved_in(_profile_probe("eu", "amazon.nova-lite-v1:0"), cfg)

	# a set without geographies (built before they were judged) and the catalog approve every geography
	probes.approved_in(_profile_probe("eu", "amazon.nova-lite-v1:0"), object.remove(cfg, ["geographies"]))
	probes.approved_in(_profile_probe("eu", "amazon.nova-lite-v1:0"), null) with data.modelgate.catalog as testing.catalog

	# a profile ID without a geography prefix is not one the config governs
	p := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:us-east-1:000000000000:inference-profile/amazon.nova-lite-v1:0", "inference-profile", "amazon.nova-lite-v1:0", false)
	probes.approved_in(p, cfg)
}

test_scope_is_the_targets_own_entry_else_the_union if {
	# GIVEN a config with entries for Workloads and Sandbox WHEN scopes are asked for THEN each its own, else the union
	cfg := testing.per_target_config
	probes.scope(testing.sbox) == cfg.scopes[1] with data.modelgate.approved as cfg
	probes.scope("ou-ab12-other999") == cfg with data.modelgate.approved as cfg
	probes.scope(null) == cfg with data.modelgate.approved as cfg
	probes.scoped(testing.sbox) with data.modelgate.approved as cfg
	not probes.scoped("ou-ab12-other999") with data.modelgate.approved as cfg
	not probes.scoped(testing.sbox) with data.modelgate.catalog as testing.catalog
}

test_approved_elsewhere_is_unapproved_for_the_narrower_target if {
	# GIVEN the union's models WHEN Sandbox's fixed set is built THEN nova-pro and nova-lite's eu profile are in it,
	# and for Workloads only the profile geographies it does not approve (nova-lite in apac and ca)
	cfg := testing.per_target_config
	sbox := probes.fixed_unapproved_in[1] with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
	{p.resource | some p in sbox; p.model == "amazon.nova-pro-v1:0"} == {
		"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/apac.amazon.nova-pro-v1:0",
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/eu.amazon.nova-pro-v1:0",
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.amazon.nova-pro-v1:0",
	}
	wkld := probes.fixed_unapproved_in[0] with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
	{p.resource | some p in wkld; p.model == "amazon.nova-lite-v1:0"} == {
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/apac.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/ca.amazon.nova-lite-v1:0",
	}

	# the union's own: the geographies no target approves
	{p.resource | some p in probes.union_geo_unapproved; p.model == "amazon.nova-lite-v1:0"} == {
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/apac.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/ca.amazon.nova-lite-v1:0",
	} with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
}

test_scoped_probe_sets_fall_back_to_the_union if {
	# GIVEN statements exempting nova-pro WHEN judged for Sandbox THEN its witnesses are unapproved; for an
	# unlisted target (the union) THEN they are not
	stmts := json.unmarshal(testing.wkld_list).Statement
	cfg := testing.per_target_config
	sbox := probes.witnesses_in(stmts, testing.sbox) with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
	count({p | some p in sbox; p.model == "amazon.nova-pro-v1:0"}) > 0
	other := probes.witnesses_in(stmts, "ou-ab12-other999") with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
	count({q | some q in other; q.model == "amazon.nova-pro-v1:0"}) == 0
	probes.unapproved_fixed_in(stmts, null) == probes.unapproved_fixed_for(stmts) with data.modelgate.approved as cfg with data.modelgate.catalog as testing.catalog
}
