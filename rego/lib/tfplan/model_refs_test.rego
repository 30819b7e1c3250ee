package lib.tfplan_test

import data.lib.iam
import data.lib.testing
import data.lib.tfplan

_fm := "arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"

_ip := "arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-lite-v1:0"

test_model_ref_when_a_document_names_the_pattern if {
	# GIVEN a policy naming a foundation model and a profile, and an s3 ARN WHEN looked up THEN each is
	# iam.model_ref's answer, parsed once; the s3 ARN has none
	plan := testing.iam_plan([_fm, _ip, "arn:aws:s3:::b/*"])
	tfplan.model_refs == {_fm: iam.model_ref(_fm), _ip: iam.model_ref(_ip)} with input as plan
	tfplan.model_ref(_ip) == iam.model_ref(_ip) with input as plan
	not tfplan.model_ref("arn:aws:s3:::b/*") with input as plan

	# WHEN no document names it THEN it is parsed on the spot
	tfplan.model_ref(_fm) == iam.model_ref(_fm) with input as testing.iam_plan(["*"])
}
