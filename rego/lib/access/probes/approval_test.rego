package lib.access.probes_test

import data.lib.access.probes
import data.lib.testing

test_approved_when_config_lists_the_model if {
	# GIVEN a config approving nova-lite WHEN probes are judged THEN nova-lite is approved and nova-pro is not
	probes.approved(_fm_probe("amazon.nova-lite-v1:0")) with data.modelgate.approved as _config
	not probes.approved(_fm_probe("amazon.nova-pro-v1:0")) with data.modelgate.approved as _config
}

test_approved_when_config_has_a_literal_pattern if {
	# GIVEN a config approving the literal pattern meta.llama3-* WHEN a witness of a policy's pattern matches it
	# THEN approved; a fixed probe (a model no catalog lists) is never approved by a literal pattern
	probes.approved(object.union(_fm_probe("meta.llama3-70b"), {"witness": true})) with data.modelgate.approved as _config
	not probes.approved(_fm_probe("meta.llama3-70b")) with data.modelgate.approved as _config
}

test_approved_when_no_config_and_model_is_in_catalog if {
	# GIVEN no config WHEN a catalog model and an unlisted one are judged THEN only the catalog model is approved
	probes.approved(_fm_probe("deepseek.r1-v1:0")) with data.modelgate.catalog as testing.catalog
	not probes.approved(_fm_probe(_sentinel)) with data.modelgate.catalog as testing.catalog
	not probes.with_config with data.modelgate.catalog as testing.catalog
}

test_approved_when_kind_is_owned if {
	# GIVEN an imported-model probe naming an approved model WHEN judged THEN never approved
	p := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:us-east-1:1:imported-model/x", "imported-model", "amazon.nova-lite-v1:0", false)
	not probes.approved(p) with data.modelgate.approved as _config
}

test_approved_when_mantle_model_is_approved if {
	# GIVEN a mantle probe for an approved model WHEN judged THEN approved; for the sentinel THEN not
	m := [p | some p in probes.fixed_surface; p.surface == "mantle"][0]
	not probes.approved(m) with data.modelgate.approved as _config
	ok := object.union(m, {"model": "amazon.nova-lite-v1:0"})
	probes.approved(ok) with data.modelgate.approved as _config
}

test_approved_when_surfaces_are_open if {
	# GIVEN openSurfaces WHEN the fixed mantle and Claude Platform probes are judged THEN approved only if open
	cp := [p | some p in probes.fixed_surface; p.surface == "claude-platform"][0]
	not probes.approved(cp) with data.modelgate.approved as _config
	open := object.union(_config, {"openSurfaces": {"claudePlatform": true, "bedrockMantle": true}})
	probes.approved(cp) with data.modelgate.approved as open
	m := [p | some p in probes.fixed_surface; p.surface == "mantle"][0]
	probes.approved(m) with data.modelgate.approved as open
	not probes.approved(cp) with data.modelgate.catalog as testing.catalog
}

test_approved_when_subscribe_via_bedrock_for_approved_product if {
	# GIVEN Subscribe via bedrock or bedrock-mantle for an approved product WHEN judged THEN approved
	probes.approved(probes.subscribe(["bedrock.amazonaws.com"], ["prod-approved"], false)) with data.modelgate.approved as _config
	probes.approved(probes.subscribe(["bedrock-mantle.amazonaws.com"], ["prod-approved"], false)) with data.modelgate.approved as _config
}

test_approved_when_subscribe_is_direct_or_unapproved if {
	# GIVEN Subscribe called directly, or for another product WHEN judged THEN not approved
	not probes.approved(probes.subscribe([], ["prod-approved"], false)) with data.modelgate.approved as _config
	not probes.approved(probes.subscribe(["bedrock.amazonaws.com"], ["prod-other"], false)) with data.modelgate.approved as _config
	not probes.approved(probes.subscribe(["bedrock.amazonaws.com"], [], false)) with data.modelgate.approved as _config
}

test_approved_when_no_config_and_product_is_in_catalog if {
	# GIVEN no config WHEN Subscribe via bedrock for a catalog product is judged THEN approved
	p := probes.subscribe(["bedrock.amazonaws.com"], ["prod-xdkflymybwmvi"], false)
	probes.approved(p) with data.modelgate.catalog as testing.catalog
	not probes.approved(probes.subscribe(["bedrock.amazonaws.com"], ["prod-zz"], false)) with data.modelgate.catalog as testing.catalog
}

test_approved_when_api_keys_are_open if {
	# GIVEN a config that leaves API keys open WHEN the API-key probes are judged THEN approved; otherwise not
	every p in probes.apikey_base {
		not probes.approved(p) with data.modelgate.approved as _config
		probes.approved(p) with data.modelgate.approved as object.union(_config, {"openSurfaces": {"apiKeys": true}})
	}
	count(probes.apikey_unapproved) == 5 with data.modelgate.approved as _config
}

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

test_approval_never_depends_on_the_action if {
	# GIVEN witnesses of every surface, approved and not, under the union, a narrower scope and the catalog WHEN each
	# is judged with every action of its surface THEN the verdict is the seed's (witnesses_for relies on it); the
	# seeds are made for a scope that approves nothing, so that none is skipped as approved
	seeds := probes._witness_seeds(
		[
			{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [
				"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
				"arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0",
				"arn:aws:bedrock:us-east-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0",
				"arn:aws:bedrock:*:*:inference-profile/*",
			]},
			{"Effect": "Allow", "Action": "bedrock-mantle:*", "Resource": "*", "Condition": {"StringEquals": {"bedrock-mantle:model": ["deepseek.v3"]}}},
			{"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*", "Condition": {"StringEquals": {"aws-marketplace:ProductId": ["prod-x"]}}},
		],
		{"models": []},
	) with data.modelgate.approved as testing.per_target_config
		with data.modelgate.catalog as testing.catalog
	count({p.surface | some p in seeds}) == 3
	differs := [[p.resource, a, cfg] |
		some p in seeds
		some a in (({a | some a in probes.invoke_actions} | {a | some a in probes.mantle_actions}) | {"aws-marketplace:subscribe"})
		some cfg in [null, 0, 1]
		scope := probes.scope_at(cfg)
		_approved_or_not(p, scope) != _approved_or_not(object.union(p, {"action": a}), scope)
	] with data.modelgate.approved as testing.per_target_config
		with data.modelgate.catalog as testing.catalog
	differs == []
}

_approved_or_not(p, cfg) if probes.approved_in(p, cfg)

else := false

test_seeds_the_scope_approves_are_not_built if {
	# GIVEN a policy naming an approved model (nova-lite, in an approved and an unapproved geography) and an unapproved
	# one WHEN its witness seeds are made for a scope approving nova-lite in the us geography THEN only the
	# unapproved requests are seeds, and witnesses_for gives what judging every seed would
	stmts := [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [
		"arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0",
		"arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0",
		"arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0",
		"arn:aws:bedrock:us-east-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0",
	]}]
	cfg := {"models": ["amazon.nova-lite-v1:0"], "geographies": ["us"], "productIds": []}
	seeds := probes._witness_seeds(stmts, cfg) with data.modelgate.catalog as testing.catalog
	{p.resource | some p in seeds} == {
		"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
		"arn:aws:bedrock:us-east-1:111122223333:inference-profile/eu.amazon.nova-lite-v1:0",
	}
	all_seeds := probes._witness_seeds(stmts, {"models": []}) with data.modelgate.catalog as testing.catalog
	count(all_seeds) == 4
	probes.witnesses_for(stmts, cfg) == {object.union(p, {"action": a}) |
		some p in all_seeds
		not probes.approved_in(p, cfg)
		some a in probes.invoke_actions
	} with data.modelgate.catalog as testing.catalog
}

test_a_pattern_without_a_resource_kind_stands_for_the_profiles_it_matches if {
	# GIVEN "*amazon.nova-lite-v1:0" as a resource part (no kind before the wildcard) and a scope approving Nova Lite in
	# us WHEN seeds are made THEN the profiles of its other catalog geographies are seeds; a pattern that names its
	# kind ("foundation-model/*") gives none of these
	cfg := {"models": ["amazon.nova-lite-v1:0"], "geographies": ["us"], "productIds": []}
	kindless := [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*:*:*amazon.nova-lite-v1:0"}]
	seeds := {p.resource | some p in probes._kindless_seeds(kindless, cfg)} with data.modelgate.catalog as testing.catalog
	"arn:aws:bedrock:us-east-1:000000000000:inference-profile/eu.amazon.nova-lite-v1:0" in {replace(r, probes.probe_account, "000000000000") | some r in seeds}
	not "arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.amazon.nova-lite-v1:0" in {replace(r, probes.probe_account, "000000000000") | some r in seeds}
	kinded := [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/*"}]
	probes._kindless_seeds(kinded, cfg) == set() with data.modelgate.catalog as testing.catalog
}

test_fixed_unapproved_when_judged_once_per_resource if {
	# GIVEN the catalog alone, then a config WHEN the fixed probes are judged once per resource (approval does not
	# read the action) THEN the set is that of judging every fixed probe
	probes.fixed_unapproved == {p | some p in probes.fixed_base; not probes.approved(p)} with data.modelgate.catalog as testing.catalog
	with_config := probes.fixed_unapproved with data.modelgate.catalog as testing.catalog with data.modelgate.approved as _config
	every_probe := {p | some p in probes.fixed_base; not probes.approved(p)} with data.modelgate.catalog as testing.catalog
		with data.modelgate.approved as _config
	with_config == every_probe
	count(with_config) > 0
}
