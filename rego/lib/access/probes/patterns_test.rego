package lib.access.probes_test

import data.lib.access.probes

test_concretize_when_foundation_model_pattern_has_wildcards if {
	# GIVEN a foundation-model pattern with a Region and a model wildcard WHEN concretized
	# THEN the Region becomes us-east-1 and the wildcard zzprobe
	probes.concretize("arn:aws:bedrock:*::foundation-model/meta.*") == [
		"arn:aws:bedrock:us-east-1::foundation-model/meta.zzprobe",
		"foundation-model",
		"meta.zzprobe",
	]
}

test_concretize_when_foundation_model_is_regionless if {
	# GIVEN a Region-less foundation-model ARN WHEN concretized THEN it stays Region-less
	probes.concretize("arn:aws:bedrock:::foundation-model/amazon.nova-lite-v1:0") == [
		"arn:aws:bedrock:::foundation-model/amazon.nova-lite-v1:0",
		"foundation-model",
		"amazon.nova-lite-v1:0",
	]
}

test_concretize_when_partition_region_and_account_hold_wildcards if {
	# GIVEN wildcards inside the partition, Region and account WHEN concretized THEN each is filled in
	probes.concretize("arn:aws*:bedrock:us-east-?:12345678901?:imported-model/*") == [
		"arn:aws:bedrock:us-east-z:123456789010:imported-model/zzprobe",
		"imported-model",
		"",
	]
}

test_concretize_when_partition_is_a_wildcard if {
	# GIVEN a partition "*" and a Region prefix WHEN concretized THEN aws and the probe Region fill them
	probes.concretize("arn:*:bedrock:us-*:*:custom-model/*") == [
		"arn:aws:bedrock:us-zz-probe-9:000000000000:custom-model/zzprobe",
		"custom-model",
		"",
	]
}

test_concretize_when_profile_has_a_prefix_wildcard if {
	# GIVEN inference-profile/*.M WHEN concretized THEN the prefix becomes "us" and the model is M
	probes.concretize("arn:aws:bedrock:*:*:inference-profile/*.amazon.nova-lite-v1:0") == [
		"arn:aws:bedrock:us-east-1:000000000000:inference-profile/us.amazon.nova-lite-v1:0",
		"inference-profile",
		"amazon.nova-lite-v1:0",
	]
}

test_concretize_when_profile_id_is_only_a_wildcard if {
	# GIVEN inference-profile/* WHEN concretized THEN the ID is zzprobe, which is also its model
	probes.concretize("arn:aws:bedrock:eu-west-1:111122223333:inference-profile/*") == [
		"arn:aws:bedrock:eu-west-1:111122223333:inference-profile/zzprobe",
		"inference-profile",
		"zzprobe",
	]
}

test_concretize_when_profile_model_has_a_wildcard if {
	# GIVEN inference-profile/eu.anthropic.* WHEN concretized THEN the model part is filled
	probes.concretize("arn:aws:bedrock:eu-west-1:1:inference-profile/eu.anthropic.*") == [
		"arn:aws:bedrock:eu-west-1:1:inference-profile/eu.anthropic.zzprobe",
		"inference-profile",
		"anthropic.zzprobe",
	]
}

test_concretize_when_resource_type_is_a_wildcard if {
	# GIVEN a wildcard in the resource-type part WHEN concretized THEN undefined (fixed probes cover it)
	not probes.concretize("arn:aws:bedrock:*::*/zz.unlisted-model-v9:0")
	not probes.concretize("arn:aws:bedrock:*:*:*")
	not probes.concretize("arn:aws:bedrock:*:*:foundation-*/x")
}
