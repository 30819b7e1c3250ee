package lib.tfplan_test

import data.lib.tfplan

_refers_id(att, scp, expr) if tfplan.refers_to_id(att, "policy_id", scp) with input as {"plan": {"configuration": _config_with(expr)}}

test_refers_to_id_only_through_an_id if {
	att := _att("aws_organizations_policy_attachment.this", "", null)
	scp := _scp("aws_organizations_policy.this", "", null)

	# GIVEN a reference to the policy's id (or an instance's) THEN it names its ID
	_refers_id(att, scp, {"references": ["aws_organizations_policy.this.id", "aws_organizations_policy.this"]})

	# and an organization's root ID
	org := object.union(scp, {"address": "aws_organizations_organization.this", "type": "aws_organizations_organization"})
	_refers_id(att, org, {"references": ["aws_organizations_organization.this.roots[0].id", "aws_organizations_organization.this.roots[0]", "aws_organizations_organization.this.roots", "aws_organizations_organization.this"]})

	# WHEN it reads another attribute (a tag), or a resource whose name only starts the same THEN it does not
	not _refers_id(att, scp, {"references": [`aws_organizations_policy.this.tags_all["dest"]`, "aws_organizations_policy.this.tags_all", "aws_organizations_policy.this"]})
	not _refers_id(att, scp, {"references": ["aws_organizations_policy.thisx.id", "aws_organizations_policy.this"]})
}

test_refers_to_id_of_a_literal_instance_only if {
	# GIVEN a reference to team["a"].id WHEN judged against instances "a" and "b" THEN only "a" is named
	att := _att("aws_organizations_policy_attachment.this", "", null)
	expr := {"references": [`aws_organizations_policy.this["a"].id`, `aws_organizations_policy.this["a"]`, "aws_organizations_policy.this"]}
	_refers_id(att, _scp(`aws_organizations_policy.this["a"]`, "", "a"), expr)
	not _refers_id(att, _scp(`aws_organizations_policy.this["b"]`, "", "b"), expr)

	# and team[0].id the instance of count index 0
	counted := {"references": ["aws_organizations_policy.this[0].id", "aws_organizations_policy.this[0]", "aws_organizations_policy.this"]}
	_refers_id(att, _scp("aws_organizations_policy.this[0]", "", 0), counted)
	not _refers_id(att, _scp("aws_organizations_policy.this[1]", "", 1), counted)
}
