package lib.iam.actions_test

import data.lib.iam.actions

test_prefixes_are_the_four_judged_prefixes if {
	actions.prefixes == {"aws-external-anthropic", "aws-marketplace", "bedrock", "bedrock-mantle"}
}

test_known_contains_the_invoke_actions if {
	"bedrock:invokemodel" in actions.known
	"bedrock:invokemodelwithresponsestream" in actions.known
}

test_known_lacks_converse_which_invoke_model_authorizes if {
	not "bedrock:converse" in actions.known
	not "bedrock:conversestream" in actions.known
}

test_known_contains_actions_of_every_prefix if {
	"aws-external-anthropic:createinference" in actions.known
	"aws-marketplace:subscribe" in actions.known
	"aws-marketplace:viewsubscriptions" in actions.known
	"bedrock:getfoundationmodel" in actions.known
	"bedrock-mantle:createinference" in actions.known
}

test_known_names_are_lower_case if {
	not_lower := {a | some a in actions.known; a != lower(a)}
	not_lower == set()
}

test_known_names_use_only_the_listed_prefixes if {
	{split(a, ":")[0] | some a in actions.known} == actions.prefixes
}

test_known_names_are_prefix_colon_name_without_wildcards if {
	malformed := {a |
		some a in actions.known
		not regex.match(`^[a-z-]+:[a-z0-9]+$`, a)
	}
	malformed == set()
}

test_known_lacks_actions_of_other_services if {
	not "iam:passrole" in actions.known
	not "s3:getobject" in actions.known
	not "bedrock:*" in actions.known
	not "bedrock:InvokeModel" in actions.known
}
