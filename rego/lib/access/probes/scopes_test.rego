package lib.access.probes_test

import data.lib.access.probes
import data.lib.testing

# ---- per-target scopes

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
