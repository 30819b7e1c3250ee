# METADATA
# title: Identity policy allows invoking models no catalog lists
# description: |
#   Some principal can invoke a model outside every catalog — the probe model zz.unlisted-model-v9:0 stands
#   for tomorrow's models — or an imported, custom, provisioned, application-profile or prompt-router resource,
#   or use bedrock-mantle inference or Claude Platform on AWS, through policy text the plan writes or a policy
#   it attaches (AWS-managed ones such as AmazonBedrockFullAccess, PowerUserAccess or AdministratorAccess are
#   read from the bundled snapshot). Statements are evaluated as IAM does: Action/NotAction and
#   Resource/NotResource with wildcards, any case; an Allow whose Condition the gate cannot evaluate may apply,
#   and only a Deny that surely applies bounds it.
# scope: package
# custom:
#   id: MG-0009
#   long_id: broad_invoke_allow
#   severity: HIGH
#   remediation: >-
#     Allow bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream on the foundation-model and
#     inference-profile ARNs of approved models only (or add a Deny with NotResource listing them), and do not
#     attach broad AWS-managed policies to principals that must stay within the approved models.
#   related_resources:
#     - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/security-iam-awsmanpol.html
package rules.bedrock.broad_invoke_allow

import data.lib.access
import data.lib.access.identity
import data.lib.result

deny contains finding if {
	some u in identity.unit_list
	v := access.every_model_leaks[u.stmts]
	msg := concat("", [v.summary, " is allowed via ", u.via, identity.principal_words(u.rc)])
	finding := result.new(rego.metadata.chain(), u.rc, msg)
}
