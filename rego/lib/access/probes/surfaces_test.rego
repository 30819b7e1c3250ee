package lib.access.probes_test

import data.lib.access.probes

test_own_surface_when_a_mantle_pattern_names_an_account_and_a_project if {
	# GIVEN mantle patterns of one account's projects, of the default project and of one Region
	stmts := [{"Effect": "Allow", "Action": "bedrock-mantle:CreateInference", "Resource": [
		"arn:aws:bedrock-mantle:*:210987654321:project/*",
		"arn:aws:bedrock-mantle:us-east-1:*:project/default",
		"arn:aws:bedrock-mantle:us-west-2:*:project/*",
	]}]

	# WHEN the statements' own surface probes are built THEN each pattern gets the requests it matches
	arns := {p.resource | some p in probes.own_surface(stmts); p.action == "bedrock-mantle:createinference"}
	arns == {
		"arn:aws:bedrock-mantle:us-east-1:210987654321:project/zzprobe",
		"arn:aws:bedrock-mantle:us-east-1:000000000000:project/default",
		"arn:aws:bedrock-mantle:us-west-2:000000000000:project/zzprobe",
	}
}

test_own_surface_when_a_region_condition_scopes_everything if {
	# GIVEN Resource "*" with aws:RequestedRegion us-west-2 WHEN the own surface probes are built
	stmts := [{"Effect": "Allow", "Action": "aws-external-anthropic:*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": "us-west-2"}}}]

	# THEN Claude Platform and mantle requests in us-west-2
	{p.resource | some p in probes.own_surface(stmts); p.surface == "claude-platform"} == {"arn:aws:aws-external-anthropic:us-west-2:000000000000:workspace/zzprobe"}
	count({p | some p in probes.own_surface(stmts); p.surface == "mantle"}) == 2
}

test_model_witnesses_at_the_projects_a_policy_names if {
	# GIVEN a grant on one account's projects limited by bedrock-mantle:Model to one model (attack18)
	stmts := [{
		"Effect": "Allow", "Action": "bedrock-mantle:CreateInference",
		"Resource": "arn:aws:bedrock-mantle:us-east-1:222233334444:project/*",
		"Condition": {"StringEquals": {"bedrock-mantle:Model": "deepseek.v3.1"}},
	}]

	# WHEN the witnesses are built THEN the model is asked at the made-up project and at that account's
	{[p.resource, p.model] | some p in probes.witnesses_for(stmts, null); p.surface == "mantle"} == {
		["arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe", "deepseek.v3.1"],
		["arn:aws:bedrock-mantle:us-east-1:222233334444:project/zzprobe", "deepseek.v3.1"],
	}
}

test_fixed_subscribe_when_taken_from_the_fixed_surface if {
	# GIVEN the fixed probes of every surface WHEN the Subscribe ones are built alone THEN they are exactly the
	# fixed surface's Subscribe probes (the Subscribe verdicts read them without building the other surfaces)
	probes.fixed_subscribe == {p | some p in probes.fixed_surface; p.surface == "subscribe"}
	count(probes.fixed_subscribe) == 6
}
