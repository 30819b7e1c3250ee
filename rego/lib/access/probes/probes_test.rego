package lib.access.probes_test

import data.lib.access.org
import data.lib.access.probes
import data.lib.testing

_sentinel := "zz.unlisted-model-v9:0"

_allow(resources) := {"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": resources}

_config := {
	"models": ["amazon.nova-lite-v1:0"],
	"productIds": ["prod-approved"],
	"literalPatterns": ["meta.llama3-*"],
}

# ---- fixed probes and Regions

test_fixed_when_no_extra_regions if {
	# GIVEN no extra Regions WHEN the fixed probes are built
	# THEN 31 invoke resources x 2 actions (in us-east-1 and the stand-in Region each: the foundation model, a
	# profile of each of 4 geographies, 10 other kinds; and the Region-less foundation model), 2 mantle and 3 Claude
	# Platform actions (the stand-in for any other one included) in 2 Regions, and 6 Subscribe
	ps := probes.fixed(set())
	count(ps) == 78
	count({p | some p in ps; p.surface == "invoke"}) == 62
	count({p | some p in ps; p.surface == "subscribe"}) == 6
	count({p | some p in ps; p.surface == "mantle"}) == 4
	count({p | some p in ps; p.surface == "claude-platform"}) == 6
	every p in ps {
		p.witness == false
	}
}

test_fixed_when_an_extra_region_is_given if {
	# GIVEN eu-west-1 WHEN the fixed probes are built THEN 15 resources x 2 actions are added: every kind, and a
	# profile of every geography (attack: a global. profile in a Region a policy names was never asked)
	count(probes.fixed({"eu-west-1"})) == 108
	some p in probes.fixed({"eu-west-1"})
	p.resource == "arn:aws:bedrock:eu-west-1:000000000000:inference-profile/us.zz.unlisted-model-v9:0"
	some g in probes.fixed({"eu-west-1"})
	g.resource == "arn:aws:bedrock:eu-west-1:000000000000:inference-profile/global.zz.unlisted-model-v9:0"
}

test_fixed_when_the_extra_region_is_already_probed if {
	# GIVEN us-east-1 WHEN the fixed probes are built THEN nothing is added
	count(probes.fixed({"us-east-1"})) == 78
}

test_fixed_invoke_resources_when_listing_regionless_and_kinds if {
	# GIVEN the fixed invoke resources WHEN listed THEN the Region-less FM and every owned kind are there, and no
	# custom model (InvokeModel does not take one: it runs through a deployment or provisioned throughput)
	rs := probes.fixed_invoke_resources
	["arn:aws:bedrock:::foundation-model/zz.unlisted-model-v9:0", "foundation-model", _sentinel] in rs
	every r in rs {
		not contains(r[0], ":custom-model/")
	}
	m := "arn:aws:bedrock:us-east-1:000000000000:marketplace/model-endpoint/all-access"
	[m, "marketplace/model-endpoint", ""] in rs
}

test_partition_resources_when_a_policy_names_other_partitions if {
	# GIVEN patterns in aws-us-gov and aws-cn WHEN partitions are listed THEN both get probes of their own
	stmts := [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": [
		"arn:aws-us-gov:bedrock:*::foundation-model/*",
		"arn:aws-cn:bedrock:cn-north-1:*:imported-model/*",
		"arn:aws:bedrock:*::foundation-model/*",
	]}]
	probes.partitions(stmts) == {"aws-us-gov", "aws-cn"}
	rs := probes.partition_resources(probes.partitions(stmts))
	["arn:aws-cn:bedrock:::foundation-model/zz.unlisted-model-v9:0", "foundation-model", _sentinel] in rs
	r := "arn:aws-us-gov:bedrock:us-gov-west-1:000000000000:inference-profile/us-gov.zz.unlisted-model-v9:0"
	[r, "inference-profile", _sentinel] in rs
	count(rs) == 2 * 13
}

test_invoke_when_region_is_empty if {
	# GIVEN a Region-less ARN WHEN an invoke probe is built THEN aws:RequestedRegion is "unspecified"
	p := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:::foundation-model/m", "foundation-model", "m", false)
	p.ctx["aws:requestedregion"] == ["unspecified"]
	p.ctx["aws:principalarn"] == ["arn:aws:iam::000000000000:role/zz-modelgate-probe"]
	p.ctx["bedrock:inferenceprofilearn"] == []
}

test_regions_when_patterns_and_conditions_name_regions if {
	# GIVEN bedrock ARN patterns and aws:RequestedRegion values WHEN Regions are collected
	# THEN wildcards are filled in and "unspecified" and non-bedrock ARNs are skipped
	stmts := [
		_allow(["arn:aws:bedrock:eu-west-1::foundation-model/x", "arn:aws:s3:::ap-east-1", "arn:aws:bedrock:ap-*:1:x/y"]),
		{
			"Effect": "Deny", "Action": "*", "NotResource": "arn:aws:bedrock:*::foundation-model/x",
			"Condition": {"StringNotEquals": {"aws:RequestedRegion": ["ca-central-1", "unspecified"]}},
		},
	]
	probes.regions(stmts) == {"eu-west-1", "ap-zz-probe-9", "us-east-1", "ca-central-1"}
}

test_regions_when_pattern_is_regionless if {
	# GIVEN only a Region-less pattern WHEN Regions are collected THEN none
	probes.regions([_allow("arn:aws:bedrock:::foundation-model/x")]) == set()
}

# ---- witnesses

test_witnesses_when_model_pattern_matches_catalog_models if {
	# GIVEN amazon.nova-* with nova-lite approved WHEN witnesses are built
	# THEN the filled pattern and every unapproved catalog model it matches, for both invoke actions
	ws := probes.witnesses([_allow("arn:aws:bedrock:*::foundation-model/amazon.nova-*")]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	{[p.action, p.resource] | some p in ws} == {[a, concat("", ["arn:aws:bedrock:us-east-1::foundation-model/", m])] |
		some a in ["bedrock:invokemodel", "bedrock:invokemodelwithresponsestream"]
		some m in ["amazon.nova-zzprobe", "amazon.nova-pro-v1:0", "amazon.nova-2-lite-v1:0", "amazon.nova-canvas-v1:0"]
	}
	every p in ws {
		p.witness == true
	}
}

test_witnesses_when_profile_pattern_matches_catalog_models if {
	# GIVEN inference-profile/us.deepseek.* WHEN witnesses are built THEN catalog models keep the profile prefix
	ws := probes.witnesses([_allow("arn:aws:bedrock:us-east-1:1:inference-profile/us.deepseek.*")]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	{p.resource | some p in ws} == {
		"arn:aws:bedrock:us-east-1:1:inference-profile/us.deepseek.zzprobe",
		"arn:aws:bedrock:us-east-1:1:inference-profile/us.deepseek.r1-v1:0",
		"arn:aws:bedrock:us-east-1:1:inference-profile/us.deepseek.v3-v1:0",
	}
	{p.model | some p in ws} == {"deepseek.zzprobe", "deepseek.r1-v1:0", "deepseek.v3-v1:0"}
}

test_witnesses_when_model_is_approved if {
	# GIVEN an exact approved model WHEN witnesses are built THEN none (an approved request is no finding)
	ws := probes.witnesses([_allow("arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0")]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	ws == set()
}

test_witnesses_when_pattern_is_owned_kind if {
	# GIVEN imported-model/* of one account WHEN witnesses are built THEN a witness of that kind, with no model
	ws := probes.witnesses([_allow("arn:aws:bedrock:us-west-2:111122223333:imported-model/*")]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	{[p.resource, p.kind, p.model] | some p in ws} == {[
		"arn:aws:bedrock:us-west-2:111122223333:imported-model/zzprobe",
		"imported-model",
		"",
	]}
	count(ws) == 2
}

test_witnesses_when_a_profile_arn_condition_names_geographies if {
	# GIVEN foundation models allowed only through profiles a bedrock:InferenceProfileArn condition names with a
	# wildcard geography WHEN witnesses are built THEN the named model's profile in every geography it matches,
	# the catalog's or not (review: only Resource patterns were read)
	s := {
		"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*::foundation-model/*",
		"Condition": {"StringLike": {"bedrock:InferenceProfileArn": "arn:aws:bedrock:*:*:inference-profile/??.amazon.nova-pro-v1:0"}},
	}
	ws := probes.witnesses([s]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	rs := {p.resource | some p in ws; p.kind == "inference-profile"}
	"arn:aws:bedrock:us-east-1:000000000000:inference-profile/jp.amazon.nova-pro-v1:0" in rs
	"arn:aws:bedrock:us-east-1:000000000000:inference-profile/eu.amazon.nova-pro-v1:0" in rs
	every r in rs {
		endswith(r, ".amazon.nova-pro-v1:0")
	}
}

test_regions_when_a_short_pattern_ends_in_a_wildcard if {
	# GIVEN Resource ARNs of fewer than six segments ending in "*" (the "*" matches across colons)
	# WHEN the Regions to probe are listed THEN each one's Region is there; a short pattern without "*" adds none
	rs := probes.regions([
		_allow("arn:aws:bedrock:eu-west-1:*"),
		_allow("arn:aws:bedrock:ap-south-1"),
	])
	"eu-west-1" in rs
	not "ap-south-1" in rs
	count(probes.regions([_allow("arn:aws:bedrock:eu*")])) == 1
}

test_witnesses_when_product_ids_are_in_conditions if {
	# GIVEN a Subscribe Allow for two products, one approved WHEN witnesses are built
	# THEN Subscribe probes for the unapproved product, directly, via bedrock and via bedrock-mantle, and the
	# approved one directly (only a call through Bedrock is approved)
	s := {
		"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*",
		"Condition": {"ForAnyValue:StringEquals": {"aws-marketplace:ProductId": ["prod-approved", "prod-other", 7]}},
	}
	ws := probes.witnesses([s]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	ws == {
		probes.subscribe([], ["prod-approved"], true),
		probes.subscribe([], ["prod-other"], true),
		probes.subscribe(["bedrock.amazonaws.com"], ["prod-other"], true),
		probes.subscribe(["bedrock-mantle.amazonaws.com"], ["prod-other"], true),
	}
}

test_witnesses_when_mantle_model_pattern_in_condition if {
	# GIVEN a bedrock-mantle:Model pattern WHEN witnesses are built THEN mantle probes for the filled model
	s := {
		"Effect": "Allow", "Action": "bedrock-mantle:*", "Resource": "*",
		"Condition": {"StringLike": {"bedrock-mantle:Model": "openai.gpt-?ss*"}},
	}
	ws := probes.witnesses([s]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	{[p.action, p.model, p.ctx["bedrock-mantle:model"]] | some p in ws} == {
		["bedrock-mantle:createinference", "openai.gpt-zsszzprobe", ["openai.gpt-zsszzprobe"]],
		["bedrock-mantle:createfinetuningjob", "openai.gpt-zsszzprobe", ["openai.gpt-zsszzprobe"]],
	}
}

test_witnesses_when_mantle_is_open if {
	# GIVEN a config that leaves bedrock-mantle open WHEN witnesses are built THEN mantle probes are approved
	s := {"Effect": "Allow", "Action": "bedrock-mantle:*", "Resource": "*", "Condition": {"StringEquals": {"bedrock-mantle:Model": "x"}}}
	cfg := object.union(_config, {"openSurfaces": {"bedrockMantle": true}})
	probes.witnesses([s]) == set() with data.modelgate.approved as cfg
}

_fm_probe(m) := probes.invoke("bedrock:invokemodel", concat("", ["arn:aws:bedrock:us-east-1::foundation-model/", m]), "foundation-model", m, false)

# ---- describe

test_describe_when_invoke if {
	# GIVEN an invoke probe WHEN described THEN action display name and resource
	probes.describe(_fm_probe("m")) == "bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/m"
}

test_describe_when_mantle if {
	# GIVEN the fixed mantle probe WHEN described THEN it names the model
	ds := {probes.describe(p) | some p in probes.fixed_surface; p.surface == "mantle"}
	"bedrock-mantle:CreateInference on arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe for model zz.unlisted-model-v9:0" in ds
}

test_describe_when_claude_platform if {
	# GIVEN the Claude Platform probes WHEN described THEN its inference actions, no context words
	ds := {probes.describe(p) | some p in probes.fixed_surface; p.surface == "claude-platform"}
	ds == {
		"aws-external-anthropic:CreateInference on arn:aws:aws-external-anthropic:us-east-1:000000000000:workspace/zzprobe",
		"aws-external-anthropic:CreateBatchInference on arn:aws:aws-external-anthropic:us-east-1:000000000000:workspace/zzprobe",
		"aws-external-anthropic:CreateInference on arn:aws:aws-external-anthropic:zz-probe-9:000000000000:workspace/zzprobe",
		"aws-external-anthropic:CreateBatchInference on arn:aws:aws-external-anthropic:zz-probe-9:000000000000:workspace/zzprobe",
		"aws-external-anthropic:<any other action> on arn:aws:aws-external-anthropic:us-east-1:000000000000:workspace/zzprobe",
		"aws-external-anthropic:<any other action> on arn:aws:aws-external-anthropic:zz-probe-9:000000000000:workspace/zzprobe",
	}
}

test_owned_witnesses_when_a_region_condition_names_another_region if {
	# GIVEN provisioned-model/* in any Region, allowed only in us-west-2 by a condition
	stmts := [{
		"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:*:*:provisioned-model/*",
		"Condition": {"StringEquals": {"aws:RequestedRegion": "us-west-2"}},
	}]

	# WHEN its witnesses are built THEN one is in us-west-2 as well as in the filled-in us-east-1
	arns := {p.resource | some p in probes.owned_witnesses(stmts)}
	arns == {
		"arn:aws:bedrock:us-east-1:000000000000:provisioned-model/zzprobe",
		"arn:aws:bedrock:us-west-2:000000000000:provisioned-model/zzprobe",
	}
}

test_owned_witnesses_when_the_region_is_literal if {
	# GIVEN a literal Region and a condition naming another WHEN witnesses are built THEN only the literal one
	stmts := [{
		"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "arn:aws:bedrock:eu-west-1:*:provisioned-model/*",
		"Condition": {"StringEquals": {"aws:RequestedRegion": "us-west-2"}},
	}]
	{p.resource | some p in probes.owned_witnesses(stmts)} == {"arn:aws:bedrock:eu-west-1:000000000000:provisioned-model/zzprobe"}
}

test_describe_when_subscribe if {
	# GIVEN the six fixed Subscribe probes WHEN described THEN product and caller are spelled out
	ds := {probes.describe(p) | some p in probes.fixed_surface; p.surface == "subscribe"}
	ds == {
		"aws-marketplace:Subscribe on * for product prod-zzmodelgateprobe called directly (no aws:CalledViaLast)",
		"aws-marketplace:Subscribe on * for product prod-zzmodelgateprobe via bedrock.amazonaws.com",
		"aws-marketplace:Subscribe on * for product (none: no aws-marketplace:ProductId in the request) via bedrock.amazonaws.com",
		"aws-marketplace:Subscribe on * for product (any) via bedrock-zzprobe.amazonaws.com",
		"aws-marketplace:Subscribe on * for product prod-zzmodelgateprobe via bedrock-mantle.amazonaws.com",
		"aws-marketplace:Subscribe on * for product (none: no aws-marketplace:ProductId in the request) via bedrock-mantle.amazonaws.com",
	}
}

test_witnesses_when_profile_id_has_no_geographic_prefix if {
	# GIVEN inference-profile/amazon.nova-* (no geographic prefix) WHEN witnesses are built
	# THEN the whole ID is the model pattern: the filled pattern and each unapproved catalog match
	ws := probes.witnesses([_allow("arn:aws:bedrock:us-east-1:1:inference-profile/amazon.nova-*")]) with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
	{[p.resource, p.model] | some p in ws} == {
		["arn:aws:bedrock:us-east-1:1:inference-profile/amazon.nova-zzprobe", "amazon.nova-zzprobe"],
		["arn:aws:bedrock:us-east-1:1:inference-profile/amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0"],
		["arn:aws:bedrock:us-east-1:1:inference-profile/amazon.nova-2-lite-v1:0", "amazon.nova-2-lite-v1:0"],
		["arn:aws:bedrock:us-east-1:1:inference-profile/amazon.nova-canvas-v1:0", "amazon.nova-canvas-v1:0"],
	}
}

# ---- principal witnesses and API-key probes (judged by SCP comparisons through org.weaker)

_invoke_deny(condition) := object.union(
	{"Effect": "Deny", "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"], "NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"]},
	condition,
)

_exempting(op, patterns) := _invoke_deny({"Condition": {op: {"aws:PrincipalArn": patterns}}})

_apikey_stmts(calls, creation) := [
	_invoke_deny({}),
	object.union({"Effect": "Deny", "Action": ["bedrock:CallWithBearerToken", "bedrock-mantle:CallWithBearerToken"], "Resource": "*"}, calls),
	object.union({"Effect": "Deny", "Action": "iam:CreateServiceSpecificCredential", "Resource": "*"}, creation),
]

_bedrock_creds := {"Condition": {"StringEquals": {"iam:ServiceSpecificCredentialServiceName": "bedrock.amazonaws.com"}}}

_principals(stmts) := {[p.principal, p.narrow] | some p in probes.principal_witnesses(stmts)}

# the name of the witness principals no pattern names (probes._unnamed_principals), when no pattern holds a Q and
# none is made of wildcards only
_unnamed := "Q"

test_fill_principal_when_pattern_has_wildcards if {
	# GIVEN principal patterns WHEN filled THEN each wildcard is replaced so the pattern matches the result
	probes.fill_principal("arn:aws:iam::*:role/a*") == "arn:aws:iam::000000000000:role/azzprobe"
	probes.fill_principal("arn:*:iam::1234567890??:role/*/x") == "arn:aws:iam::123456789000:role/zzprobe/x"
	probes.fill_principal("*admin*") == "zzprobeadminzzprobe"
	probes.fill_principal("arn:aws:iam::111122223333:role/ml") == "arn:aws:iam::111122223333:role/ml"
}

test_broad_principal_when_pattern_names_a_family if {
	# GIVEN patterns with a wildcard after the account, nothing after it, or no ARN WHEN classified THEN broad
	every v in [
		"arn:aws:iam::*:role/*", "*", "arn:aws:iam::111122223333:role/?*", "arn:aws:iam::111122223333:",
		"arn:aws:iam::*:role/BreakGlass*", "arn:aws:iam::*:role/*/x",
		"arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*",
		"arn:aws:iam::*:role/${aws:PrincipalTag/bedrock-bypass}",
	] {
		probes.broad_principal(v)
	}
}

test_broad_principal_when_pattern_names_one_principal if {
	# GIVEN one named role (in one account or in any) or an account's root user WHEN classified THEN not broad
	every v in ["arn:aws:iam::*:role/BreakGlassAdmin", "arn:aws:iam::111122223333:role/ml", "arn:aws:iam::111122223333:root"] {
		not probes.broad_principal(v)
	}
}

test_principal_witnesses_when_no_principal_condition if {
	# GIVEN statements without an aws:PrincipalArn condition WHEN witnesses are built THEN there are none
	count(probes.principal_witnesses([_invoke_deny({})])) == 0
	count(probes.principal_witnesses([_invoke_deny({"Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}})])) == 0
}

test_principal_witnesses_when_patterns_name_principals if {
	# GIVEN an exemption of role/a* and of one named role WHEN witnesses are built THEN one principal for each way
	# the condition judges them: role/a* and the named role are both exempt (the broad one stands for both), an IAM
	# user, a root user, a federated user session and a role no pattern names are all not (that role stands for them)
	stmts := [_exempting("ArnNotLike", ["arn:aws:iam::*:role/a*", "arn:aws:iam::111122223333:role/ml"])]
	_principals(stmts) == {["arn:aws:iam::000000000000:role/azzprobe", false], [concat("", ["arn:aws:iam::000000000000:role/", _unnamed]), false]}
	ws := probes.principal_witnesses(stmts)
	every p in ws {
		p.ctx["aws:principalarn"] == [p.principal]
	}

	# and only the requests a statement with the condition covers (both invoke actions), of every fixed kind
	{p.action | some p in ws} == {"bedrock:invokemodel", "bedrock:invokemodelwithresponsestream"}
	{p.kind | some p in ws} == {k | some k in array.concat(["foundation-model", "inference-profile"], probes.owned_kinds)}

	# GIVEN the exemption on a Deny of bedrock-mantle:* instead WHEN built THEN its actions are asked (attack: fine-tuning
	# was not)
	mantle := [{
		"Effect": "Deny", "Action": "bedrock-mantle:*", "Resource": "*",
		"Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/Research"}},
	}]
	{p.action | some p in probes.principal_witnesses(mantle)} == {"bedrock-mantle:createinference", "bedrock-mantle:createfinetuningjob", "bedrock-mantle:callwithbearertoken"}
}

test_unapproved_fixed_for_asks_a_named_role_in_the_statements_regions if {
	# GIVEN statements exempting a named role and, apart, a Region WHEN the unapproved fixed probes are built (the
	# witnesses and own fixed probes passed along to the principal witnesses) THEN the named role asks in that Region
	stmts := [
		_exempting("ArnNotLike", ["arn:aws:iam::111122223333:role/ml"]),
		_invoke_deny({"Condition": {"StringNotEquals": {"aws:RequestedRegion": "ap-south-1"}}}),
	]
	fixed := probes.unapproved_fixed_for(stmts) with data.modelgate.catalog as testing.catalog
	fixed == probes.unapproved_fixed_with(stmts, probes.witnesses(stmts)) with data.modelgate.catalog as testing.catalog
	some p in fixed
	p.ctx["aws:principalarn"] == ["arn:aws:iam::111122223333:role/ml"]
	p.ctx["aws:requestedregion"] == ["ap-south-1"]
}

test_weaker_when_exemptions_spare_every_role_but_the_probe_one if {
	# GIVEN an allow-list whose Deny gains ArnNotLike role/a* ... role/y* (every letter but z, the fixed probes'
	# principal's) WHEN compared THEN the witness roles are no longer denied
	letters := ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y"]
	after := [_exempting("ArnNotLike", [concat("", ["arn:aws:iam::*:role/", c, "*"]) | some c in letters])]
	w := org.weaker([_invoke_deny({})], after) with data.modelgate.catalog as testing.catalog
	"bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0 by arn:aws:iam::000000000000:role/azzprobe" in {probes.describe(p) | some p in w}
}

test_weaker_when_one_named_role_is_exempted if {
	# GIVEN a Deny that gains ArnNotEquals one role WHEN compared THEN exactly that role's requests are weaker (the
	# made-up model, and the statements' own kinds, with each invoke action)
	after := [_exempting("ArnNotEquals", "arn:aws:iam::111122223333:role/ml")]
	w := org.weaker([_invoke_deny({})], after) with data.modelgate.catalog as testing.catalog
	{p.principal | some p in w} == {"arn:aws:iam::111122223333:role/ml"}
	["bedrock:invokemodel", "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0"] in {[p.action, p.resource] | some p in w}
}

test_weaker_when_exemption_is_unchanged_narrowed_or_matches_everyone if {
	# GIVEN the same break-glass exemption before and after, a wildcard exemption narrowed to one role, and a
	# Deny that gains a condition every principal meets WHEN compared THEN nothing is weaker
	bg := [_exempting("ArnNotLike", "arn:aws:iam::*:role/BreakGlassAdmin")]
	count(org.weaker(bg, bg)) == 0 with data.modelgate.catalog as testing.catalog
	count(org.weaker([_exempting("ArnNotLike", "arn:aws:iam::*:role/BreakGlass*")], bg)) == 0 with data.modelgate.catalog as testing.catalog
	count(org.weaker([_invoke_deny({})], [_exempting("StringLike", "*")])) == 0 with data.modelgate.catalog as testing.catalog
}

test_weaker_when_exemption_is_widened_or_restricts_the_deny_to_roles if {
	# GIVEN a break-glass exemption widened to a prefix, and a Deny restricted to roles (users, root users and
	# federated users spared) WHEN compared THEN weaker
	bg := [_exempting("ArnNotLike", "arn:aws:iam::*:role/BreakGlassAdmin")]
	count(org.weaker(bg, [_exempting("ArnNotLike", "arn:aws:iam::*:role/BreakGlass*")])) > 0 with data.modelgate.catalog as testing.catalog
	w := org.weaker([_invoke_deny({})], [_exempting("ArnLike", "arn:aws:iam::*:role/*")]) with data.modelgate.catalog as testing.catalog
	{p.principal | some p in w; p.action == "bedrock:invokemodel"} == {"arn:aws:iam::000000000000:root"}
}

test_weaker_when_the_deny_is_restricted_to_iam_principals if {
	# GIVEN a Deny restricted to principals whose ARN is an IAM one ("arn:aws:iam::*:*", or roles, users and root
	# users listed) WHEN compared THEN weaker: a federated user session (sts:GetFederationToken) is an STS principal
	every pats in [["arn:aws:iam::*:*"], ["arn:aws:iam::*:role/*", "arn:aws:iam::*:user/*", "arn:aws:iam::*:root"]] {
		w := org.weaker([_invoke_deny({})], [_exempting("ArnLike", pats)]) with data.modelgate.catalog as testing.catalog
		{p.principal | some p in w; p.action == "bedrock:invokemodel"} == {concat("", ["arn:aws:sts::000000000000:federated-user/", _unnamed])}
	}
}

test_weaker_when_api_key_statements_are_narrowed if {
	# GIVEN the API-key denies WHEN the bearer-token Deny gains a Region condition, or the credential Deny names
	# another service THEN weaker; a credential Deny that loses its service condition (denies more) is not
	before := _apikey_stmts({}, _bedrock_creds)
	region := _apikey_stmts({"Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}}}, _bedrock_creds)
	{probes.describe(p) | some p in org.weaker(before, region)} == {
		"bedrock:CallWithBearerToken on * in zz-probe-9",
		"bedrock-mantle:CallWithBearerToken on * in zz-probe-9",
	}
	other := _apikey_stmts({}, {"Condition": {"StringEquals": {"iam:ServiceSpecificCredentialServiceName": "codecommit.amazonaws.com"}}})
	{probes.describe(p) | some p in org.weaker(before, other)} == {"iam:CreateServiceSpecificCredential on arn:aws:iam::000000000000:user/zz-modelgate-probe for service bedrock.amazonaws.com"}
	count(org.weaker(before, _apikey_stmts({}, {}))) == 0
}

test_witnesses_when_the_resource_type_holds_a_wildcard if {
	# GIVEN Allows whose resource type is a wildcard ("f*l", "*", "foundation-mode?") aimed at one catalog model
	# WHEN witnesses are built THEN the model is tried through the types the segment matches
	every pat in [
		"arn:aws:bedrock:*::f*l/deepseek.*",
		"arn:aws:bedrock:*:*:*/deepseek.*",
		"arn:aws:bedrock:*::foundation-mode?/deepseek.r1-v1:0",
	] {
		ws := probes.witnesses([_allow(pat)]) with data.modelgate.approved as _config
			with data.modelgate.catalog as testing.catalog
		["foundation-model", "deepseek.r1-v1:0"] in {[w.kind, w.model] | some w in ws}
	}

	# and a type wildcard that matches no type InvokeModel accepts adds nothing
	count(probes.witnesses([_allow("arn:aws:bedrock:*:*:guard*/gr1")])) == 0 with data.modelgate.approved as _config
		with data.modelgate.catalog as testing.catalog
}
