package lib.access.org_test

import data.lib.access.org
import data.lib.access.probes
import data.lib.testing

_invoke := ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]

_allowlist_stmts := [{
	"Effect": "Deny",
	"Action": _invoke,
	"NotResource": ["arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],
}]

_allowlist := json.marshal(testing.doc(_allowlist_stmts))

_wide_stmts := [{"Effect": "Deny", "Action": _invoke, "NotResource": ["arn:aws:bedrock:*::foundation-model/*"]}]

_wide := json.marshal(testing.doc(_wide_stmts))

_other := json.marshal(testing.doc([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]))

_rc(type, name, actions, before, after, unknown) := {
	"address": concat(".", [type, name]),
	"mode": "managed",
	"type": type,
	"name": name,
	"provider_name": testing.provider,
	"change": {"actions": actions, "before": before, "after": after, "after_unknown": unknown},
}

_scp(name, actions, before, after) := _rc("aws_organizations_policy", name, actions, before, after, {})

_att(name, actions, before, after) := _rc("aws_organizations_policy_attachment", name, actions, before, after, {})

_a(policy_id, target_id) := {"id": concat("", [target_id, ":", policy_id]), "policy_id": policy_id, "target_id": target_id}

# an allow-list SCP p-1 the plan keeps as it is
_kept := _scp("allow", ["no-op"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _allowlist})

_plan(rcs) := testing.plan(rcs)

# ---- attachments before and after

test_attached_when_attachment_is_deleted if {
	# GIVEN an allow-list SCP attached to ou-1 and a plan deleting the attachment
	att := _att("a", ["delete"], _a("p-1", "ou-1"), null)

	# WHEN attachments are read THEN it is there before, not after, and ou-1 is weakened by the attachment
	org.attached_before == {{"rc": att, "policy": "aws_organizations_policy.allow", "target": "ou-1"}} with input as _plan([_kept, att])
	org.attached_after == set() with input as _plan([_kept, att])
	org.targets_before == {"ou-1"} with input as _plan([_kept, att])
	org.target_stmts("ou-1", "before") == _allowlist_stmts with input as _plan([_kept, att])
	org.target_stmts("ou-1", "after") == [] with input as _plan([_kept, att])
	org.culprits("ou-1") == {att} with input as _plan([_kept, att])
	probes.invoke(
		"bedrock:invokemodel", "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0",
		"foundation-model", "zz.unlisted-model-v9:0", false,
	) in org.weakened_targets["ou-1"] with input as _plan([_kept, att])
}

test_attached_when_attachment_is_kept if {
	# GIVEN an allow-list SCP attachment the plan keeps WHEN judged THEN nothing is weakened
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	org.targets_after == {"ou-1"} with input as _plan([_kept, att])
	org.weakened_targets == {} with input as _plan([_kept, att])
	org.culprits("ou-1") == set() with input as _plan([_kept, att])
}

test_attached_when_attachment_has_skip_destroy if {
	# GIVEN a deleted attachment with skip_destroy WHEN read after THEN it stays attached
	att := _att("a", ["delete"], object.union(_a("p-1", "ou-1"), {"skip_destroy": true}), null)
	org.targets_after == {"ou-1"} with input as _plan([_kept, att])
	org.weakened_targets == {} with input as _plan([_kept, att])
	org.opaque_detached == set() with input as _plan([_kept, att])
}

test_attached_when_attachment_is_forgotten if {
	# GIVEN an attachment the plan forgets WHEN read after THEN it stays attached
	att := _att("a", ["forget"], _a("p-1", "ou-1"), null)
	org.targets_after == {"ou-1"} with input as _plan([_kept, att])
	org.weakened_targets == {} with input as _plan([_kept, att])
}

test_attached_when_policy_and_target_are_references if {
	# GIVEN a new allow-list SCP attached by reference to a new OU (both IDs unknown until apply)
	scp := _rc("aws_organizations_policy", "new", ["create"], null, {"content": _allowlist}, {"id": true})
	ou := _rc("aws_organizations_organizational_unit", "team", ["create"], null, {"name": "team"}, {"id": true})
	att := _rc("aws_organizations_policy_attachment", "a", ["create"], null, {}, {"policy_id": true, "target_id": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_organizations_policy_attachment.a",
		"expressions": {
			"policy_id": {"references": ["aws_organizations_policy.new.id", "aws_organizations_policy.new"]},
			"target_id": {"references": ["aws_organizations_organizational_unit.team.id", "aws_organizations_organizational_unit.team"]},
		},
	}]}}
	plan := object.union(_plan([scp, ou, att]), {"plan": {"configuration": cfg}})

	# WHEN attachments are read THEN the policy is known by address and the target keyed by its address
	org.attached_after == {{"rc": att, "policy": "aws_organizations_policy.new", "target": "(aws_organizations_organizational_unit.team)"}} with input as plan
	org.target_stmts("(aws_organizations_organizational_unit.team)", "after") == _allowlist_stmts with input as plan
}

# an instance of a module that creates an SCP and attaches it by reference
_in_module(rc, key) := object.union(rc, {
	"address": concat("", ["module.ou[\"", key, "\"].", rc.address]),
	"module_address": concat("", ["module.ou[\"", key, "\"]"]),
})

test_attached_within_each_module_instance if {
	# GIVEN module.ou["a"] and module.ou["b"], each creating an SCP and attaching it with policy_id = the SCP's id
	scp := _rc("aws_organizations_policy", "this", ["create"], null, {"content": _allowlist}, {"id": true})
	att := _rc("aws_organizations_policy_attachment", "this", ["create"], null, {"target_id": "ou-1"}, {"policy_id": true})
	cfg := {"root_module": {"module_calls": {"ou": {"module": {"resources": [{
		"address": "aws_organizations_policy_attachment.this",
		"expressions": {"policy_id": {"references": ["aws_organizations_policy.this.id", "aws_organizations_policy.this"]}},
	}]}}}}}
	rcs := [_in_module(scp, "a"), _in_module(att, "a"), _in_module(scp, "b"), _in_module(att, "b")]
	plan := object.union(_plan(rcs), {"plan": {"configuration": cfg}})

	# WHEN attachments are read THEN each attaches its own instance's SCP (no conflict between the instances)
	{[a.rc.address, a.policy] | some a in org.attached_after} == {
		[`module.ou["a"].aws_organizations_policy_attachment.this`, `module.ou["a"].aws_organizations_policy.this`],
		[`module.ou["b"].aws_organizations_policy_attachment.this`, `module.ou["b"].aws_organizations_policy.this`],
	} with input as plan
}

test_not_attached_when_a_reference_could_mean_several_scps if {
	# GIVEN two instances of a counted SCP and an attachment whose policy_id refers to the SCP without an index
	scp0 := object.union(_rc("aws_organizations_policy", "this", ["create"], null, {"content": _allowlist}, {"id": true}), {"address": "aws_organizations_policy.this[0]", "index": 0})
	scp1 := object.union(scp0, {"address": "aws_organizations_policy.this[1]", "index": 1})
	att := _rc("aws_organizations_policy_attachment", "a", ["create"], null, {"target_id": "ou-1"}, {"policy_id": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_organizations_policy_attachment.a",
		"expressions": {"policy_id": {"references": ["aws_organizations_policy.this"]}},
	}]}}

	# WHEN read THEN the gate does not guess which SCP it attaches (and does not fail on a conflict)
	org.attached_after == set() with input as object.union(_plan([scp0, scp1, att]), {"plan": {"configuration": cfg}})
}

test_attached_when_target_reference_has_a_known_id if {
	# GIVEN an attachment whose target is a reference to an existing OU with a known ID WHEN read THEN keyed by ID
	ou := _rc("aws_organizations_organizational_unit", "team", ["update"], {"id": "ou-9", "name": "a"}, {"id": "ou-9", "name": "b"}, {})
	att := _rc("aws_organizations_policy_attachment", "a", ["create"], null, {"policy_id": "p-1"}, {"target_id": true})
	cfg := {"root_module": {"resources": [{
		"address": "aws_organizations_policy_attachment.a",
		"expressions": {"target_id": {"references": ["aws_organizations_organizational_unit.team.id", "aws_organizations_organizational_unit.team"]}},
	}]}}
	plan := object.union(_plan([_kept, ou, att]), {"plan": {"configuration": cfg}})
	org.targets_after == {"ou-9"} with input as plan
}

test_attached_when_awscc_policy_carries_target_ids if {
	# GIVEN an awscc_organizations_policy that drops ou-1 from its target_ids
	before := {"id": "p-2", "policy_id": "p-2", "type": "SERVICE_CONTROL_POLICY", "content": _allowlist, "target_ids": ["ou-1", "ou-2"]}
	after := object.union(before, {"target_ids": ["ou-2"]})
	scp := _rc("awscc_organizations_policy", "cc", ["update"], before, after, {})

	# WHEN judged THEN ou-1 is weakened by the policy resource and ou-2 is not
	org.targets_before == {"ou-1", "ou-2"} with input as _plan([scp])
	org.targets_after == {"ou-2"} with input as _plan([scp])
	object.keys(org.weakened_targets) == {"ou-1"} with input as _plan([scp])
	org.culprits("ou-1") == {scp} with input as _plan([scp])
}

test_attached_when_policy_is_only_in_prior_state if {
	# GIVEN a targeted plan deleting an attachment of p-9, an allow-list only the prior state shows
	att := _att("a", ["delete"], _a("p-9", "ou-1"), null)
	prior := {"values": {"root_module": {"resources": [{
		"address": "aws_organizations_policy.old", "type": "aws_organizations_policy",
		"values": {"id": "p-9", "type": "SERVICE_CONTROL_POLICY", "content": _allowlist},
	}]}}}
	plan := object.union(_plan([att]), {"plan": {"prior_state": prior}})

	# WHEN judged THEN the policy is "prior:p-9", its statements count before, and ou-1 is weakened
	org.attached_before == {{"rc": att, "policy": "prior:p-9", "target": "ou-1"}} with input as plan
	org.target_stmts("ou-1", "before") == _allowlist_stmts with input as plan
	object.keys(org.weakened_targets) == {"ou-1"} with input as plan
	org.opaque_detached == set() with input as plan
}

test_a_prior_state_look_alike_is_not_an_scp if {
	# GIVEN the detach of p-9 and, instead of p-9's state, a terraform_data whose input looks like it
	att := _att("a", ["delete"], _a("p-9", "ou-1"), null)
	prior := {"values": {"root_module": {"resources": [{
		"address": "terraform_data.fake", "type": "terraform_data",
		"values": {"input": {"resources": [{
			"type": "aws_organizations_policy",
			"values": {"id": "p-9", "type": "SERVICE_CONTROL_POLICY", "content": _other},
		}]}},
	}]}}}
	plan := object.union(_plan([att]), {"plan": {"prior_state": prior}})

	# WHEN judged THEN p-9 stays unknown: its detach is opaque (reported), not judged by the fake content
	org.attached_before == set() with input as plan
	count(org.opaque_detached) == 1 with input as plan
}

test_attached_when_policy_is_not_a_service_control_policy if {
	# GIVEN a tag policy with allow-list-shaped content attached to ou-1, detached by the plan
	tag := {"id": "p-3", "type": "TAG_POLICY", "content": _allowlist}
	scp := _scp("tag", ["no-op"], tag, tag)
	att := _att("a", ["delete"], _a("p-3", "ou-1"), null)

	# WHEN judged THEN it is no guardrail: no statements, nothing weakened
	org.target_stmts("ou-1", "before") == [] with input as _plan([scp, att])
	org.weakened_targets == {} with input as _plan([scp, att])
}

test_attached_when_typed_service_control_policy if {
	# GIVEN an SCP with an explicit SERVICE_CONTROL_POLICY type WHEN its attachment is deleted THEN weakened
	v := {"id": "p-4", "type": "SERVICE_CONTROL_POLICY", "content": _allowlist}
	scp := _scp("typed", ["no-op"], v, v)
	att := _att("a", ["delete"], _a("p-4", "ou-1"), null)
	object.keys(org.weakened_targets) == {"ou-1"} with input as _plan([scp, att])
}

# ---- policy changes

test_culprits_when_attached_policy_content_is_weakened if {
	# GIVEN ou-1's allow-list updated to exempt every foundation model WHEN judged THEN the policy is the culprit
	scp := _scp("allow", ["update"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _wide})
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	org.culprits("ou-1") == {scp} with input as _plan([scp, att])
	count(org.weakened_targets["ou-1"]) > 0 with input as _plan([scp, att])
}

test_culprits_when_attached_policy_is_deleted if {
	# GIVEN ou-1's allow-list deleted (its attachment kept by skip_destroy on the policy) WHEN judged
	# THEN the SCP is a culprit; with skip_destroy on the policy it keeps its content
	scp := _scp("allow", ["delete"], {"id": "p-1", "content": _allowlist}, null)
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	org.culprits("ou-1") == {scp} with input as _plan([scp, att])
	kept := _scp("allow", ["delete"], {"id": "p-1", "content": _allowlist, "skip_destroy": true}, null)
	org.weakened_targets == {} with input as _plan([kept, att])
	org.after_stmts(kept) == _allowlist_stmts with input as _plan([kept, att])
}

test_after_stmts_when_policy_is_forgotten_or_gone if {
	# GIVEN a forgotten SCP and a deleted one WHEN their statements after are read
	# THEN the forgotten one keeps its content and the deleted one has none
	forgotten := _scp("allow", ["forget"], {"id": "p-1", "content": _allowlist}, null)
	org.after_stmts(forgotten) == _allowlist_stmts with input as _plan([forgotten])
	gone := _scp("allow", ["delete"], {"id": "p-1", "content": _allowlist}, null)
	org.after_stmts(gone) == [] with input as _plan([gone])
}

test_weakened_policies_when_unattached_allowlist_is_widened if {
	# GIVEN an allow-list the plan shows attached nowhere, widened to foundation-model/* WHEN judged
	# THEN weakened alone; an unrelated unattached SCP is not
	scp := _scp("allow", ["update"], {"id": "p-1", "content": _allowlist}, {"id": "p-1", "content": _wide})
	other := _scp("s3", ["update"], {"id": "p-5", "content": _other}, {"id": "p-5", "content": _other})
	object.keys(org.weakened_policies) == {"aws_organizations_policy.allow"} with input as _plan([scp, other])
	org.unattached(scp) with input as _plan([scp, other])
}

# ---- weaker and is_allowlist

test_weaker_when_allowlist_is_removed if {
	# GIVEN an allow-list before and nothing after WHEN compared THEN every fixed invoke probe (31 resources x 2)
	w := org.weaker(_allowlist_stmts, []) with data.modelgate.catalog as testing.catalog
	count(w) == 62
	every p in w {
		p.surface == "invoke"
	}
}

test_weaker_when_nothing_changes if {
	# GIVEN the same allow-list before and after WHEN compared THEN nothing is weaker
	org.weaker(_allowlist_stmts, _allowlist_stmts) == set() with data.modelgate.catalog as testing.catalog
}

test_weaker_when_exemption_is_widened if {
	# GIVEN foundation-model/* exempted after WHEN compared THEN the sentinel FM probes are weaker, profiles are not
	w := org.weaker(_allowlist_stmts, _wide_stmts) with data.modelgate.catalog as testing.catalog
	{p.kind | some p in w} == {"foundation-model"}
}

test_is_allowlist_when_shaped_as_one if {
	# GIVEN a Deny of invoke with NotResource foundation-model/* (it denies no sentinel FM) WHEN judged
	# THEN it is still an allow-list by shape; an s3 Deny is not
	org.is_allowlist(_wide_stmts)
	org.is_allowlist(_allowlist_stmts)
	not org.is_allowlist([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}])
}

# ---- exemptions

_cfg := {"models": ["amazon.nova-lite-v1:0"], "productIds": []}

test_exemptions_when_only_approved_models_are_exempt if {
	# GIVEN a config approving nova-lite and an allow-list exempting only it WHEN judged THEN no exemption
	org.exemptions(_allowlist_stmts, null) == set() with data.modelgate.approved as _cfg
		with data.modelgate.catalog as testing.catalog
}

test_exemptions_when_every_foundation_model_is_exempt if {
	# GIVEN an allow-list exempting foundation-model/* WHEN judged with a config THEN unapproved FM probes leak
	es := org.exemptions(_wide_stmts, null) with data.modelgate.approved as _cfg
		with data.modelgate.catalog as testing.catalog
	count(es) > 0
	every p in es {
		p.kind == "foundation-model"
		p.surface == "invoke"
	}
	"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0" in {p.resource | some p in es}
}

test_exemptions_when_no_config if {
	# GIVEN no config WHEN judged THEN nothing (exemptions need approvals to compare with)
	org.exemptions(_wide_stmts, null) == set() with data.modelgate.catalog as testing.catalog
}

test_exemptions_when_not_an_allowlist if {
	# GIVEN an s3 Deny WHEN judged with a config THEN nothing
	org.exemptions([{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}], null) == set() with data.modelgate.approved as _cfg
}

# ---- SCP sets

test_scp_sets_when_target_and_unattached_policies if {
	# GIVEN a new attachment of the allow-list to ou-1 and a new SCP attached nowhere
	att := _att("a", ["create"], null, _a("p-1", "ou-1"))
	new := _rc("aws_organizations_policy", "loose", ["create"], null, {"content": _wide}, {"id": true})
	plan := _plan([_kept, att, new])

	# WHEN sets are built THEN one per target and one for the unattached SCP
	org.scp_sets == {
		{"target": "ou-1", "rcs": {_kept}, "stmts": _allowlist_stmts},
		{"target": null, "rcs": {new}, "stmts": _wide_stmts},
	} with input as plan
	org.set_label({"target": "ou-1"}) == " on target ou-1"
	org.set_label({"target": null}) == ""
}

test_scp_sets_when_nothing_is_written if {
	# GIVEN an allow-list and attachment the plan leaves alone WHEN sets are built THEN none
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	org.scp_sets == set() with input as _plan([_kept, att])
}

test_scp_sets_when_only_a_policy_is_written if {
	# GIVEN an attached SCP whose content the plan updates WHEN sets are built THEN its target set
	scp := _scp("allow", ["update"], {"id": "p-1", "content": _other}, {"id": "p-1", "content": _allowlist})
	att := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))
	{s.target | some s in org.scp_sets} == {"ou-1"} with input as _plan([scp, att])
}

test_report_rc_when_set_mixes_written_and_unwritten if {
	# GIVEN a set of a kept SCP and an updated one WHEN its report resource is picked THEN the written one
	upd := _scp("b", ["update"], {"id": "p-2", "content": _other}, {"id": "p-2", "content": _allowlist})
	org.report_rc({"rcs": {_kept, upd}}) == upd
	kept2 := _scp("a", ["no-op"], {"id": "p-3", "content": _other}, {"id": "p-3", "content": _other})
	org.report_rc({"rcs": {_kept, kept2}}) == kept2
}

# ---- moves

_acct(actions, before, after) := _rc("aws_organizations_account", "dev", actions, before, after, {})

_ou_attach := _att("a", ["no-op"], _a("p-1", "ou-1"), _a("p-1", "ou-1"))

test_scp_disabled_when_type_is_removed if {
	# GIVEN enabled_policy_types without SERVICE_CONTROL_POLICY after WHEN judged THEN disabled, saying how
	o := _org(["update"], {"enabled_policy_types": ["TAG_POLICY"]})
	org.scp_disabled == {{"rc": o, "how": "removes SERVICE_CONTROL_POLICY from enabled_policy_types"}} with input as _plan([o])
}

test_scp_disabled_when_organization_is_deleted if {
	# GIVEN the organization deleted WHEN judged THEN disabled
	o := _org(["delete"], null)
	org.scp_disabled == {{"rc": o, "how": "deletes the organization"}} with input as _plan([o])
}

test_scp_disabled_when_types_become_unknown if {
	# GIVEN enabled_policy_types unknown until apply WHEN judged THEN disabled (fail closed)
	o := _org(["update"], {})
	org.scp_disabled == {{"rc": o, "how": "makes enabled_policy_types unknown until apply"}} with input as _plan([o])
}

test_scp_disabled_when_organization_is_replaced if {
	# GIVEN the organization replaced (delete, then create) WHEN judged THEN disabled: the old one's SCPs go with it
	o := _org(["delete", "create"], {"enabled_policy_types": ["SERVICE_CONTROL_POLICY"], "feature_set": "ALL"})
	org.scp_disabled == {{"rc": o, "how": "replaces the organization (the old one is deleted first, with every SCP attachment)"}} with input as _plan([o])
}

test_scp_disabled_when_feature_set_is_consolidated_billing if {
	# GIVEN feature_set CONSOLIDATED_BILLING after, SCPs still listed WHEN judged THEN disabled
	o := _org(["update"], {"enabled_policy_types": ["SERVICE_CONTROL_POLICY"], "feature_set": "CONSOLIDATED_BILLING"})
	org.scp_disabled == {{"rc": o, "how": "sets feature_set to CONSOLIDATED_BILLING (SCPs apply only in an organization with all features)"}} with input as _plan([o])
}

test_scp_disabled_when_feature_set_becomes_unknown if {
	# GIVEN feature_set unknown until apply WHEN judged THEN disabled (fail closed)
	o := object.union(_org(["update"], {"enabled_policy_types": ["SERVICE_CONTROL_POLICY"]}), {"change": {"after_unknown": {"feature_set": true}}})
	{d.how | some d in org.scp_disabled with input as _plan([o])} == {"makes feature_set unknown until apply (SCPs apply only in an organization with all features)"}
}

test_scp_disabled_when_an_awscc_organization_changes if {
	# GIVEN an awscc organization with all features WHEN it is deleted, replaced or set to consolidated billing
	# THEN SCPs are disabled; a tag change is not
	before := {"feature_set": "ALL", "root_id": "r-1"}
	every c in [
		[["delete"], null, "deletes the organization"],
		[["delete", "create"], before, "replaces the organization (the old one is deleted first, with every SCP attachment)"],
		[["update"], {"feature_set": "CONSOLIDATED_BILLING"}, "sets feature_set to CONSOLIDATED_BILLING (SCPs apply only in an organization with all features)"],
	] {
		o := _rc("awscc_organizations_organization", "this", c[0], before, c[1], {})
		{d.how | some d in org.scp_disabled with input as _plan([o])} == {c[2]}
	}
	kept := _rc("awscc_organizations_organization", "this", ["update"], before, object.union(before, {"tags": [{"key": "a", "value": "b"}]}), {})
	org.scp_disabled == set() with input as _plan([kept])
}

test_scp_disabled_when_type_stays if {
	# GIVEN SERVICE_CONTROL_POLICY kept WHEN judged THEN not disabled
	o := _org(["update"], {"enabled_policy_types": ["SERVICE_CONTROL_POLICY", "TAG_POLICY"]})
	org.scp_disabled == set() with input as _plan([o])
}

# ---- opaque detachments

test_opaque_detached_when_unknown_policy_is_detached if {
	# GIVEN an attachment of p-x (a policy the plan does not show) deleted WHEN judged THEN reported
	att := _att("a", ["delete"], _a("p-x", "ou-1"), null)
	org.opaque_detached == {{"rc": att, "policy_id": "p-x", "target": "ou-1"}} with input as _plan([att])
}

test_opaque_detached_when_unknown_policy_attachment_is_replaced_in_place if {
	# GIVEN the attachment replaced with the same policy and target WHEN judged THEN not reported
	att := _att("a", ["delete", "create"], _a("p-x", "ou-1"), _a("p-x", "ou-1"))
	org.opaque_detached == set() with input as _plan([att])
}

test_opaque_detached_when_unknown_policy_attachment_is_forgotten_or_kept if {
	# GIVEN the attachment forgotten, or updated in place WHEN judged THEN not reported
	forgotten := _att("a", ["forget"], _a("p-x", "ou-1"), null)
	org.opaque_detached == set() with input as _plan([forgotten])
	kept := _att("a", ["update"], _a("p-x", "ou-1"), object.union(_a("p-x", "ou-1"), {"skip_destroy": true}))
	org.opaque_detached == set() with input as _plan([kept])
}

test_opaque_detached_when_unknown_policy_attachment_moves if {
	# GIVEN the attachment replaced to point at another target WHEN judged THEN reported
	att := _att("a", ["delete", "create"], _a("p-x", "ou-1"), _a("p-x", "ou-2"))
	{d.target | some d in org.opaque_detached with input as _plan([att])} == {"ou-1"}
}

test_opaque_detached_when_deleted_attachment_has_skip_destroy if {
	# GIVEN a deleted attachment of an unknown policy with skip_destroy WHEN judged THEN not reported (it stays)
	att := _att("a", ["delete"], object.union(_a("p-x", "ou-1"), {"skip_destroy": true}), null)
	org.opaque_detached == set() with input as _plan([att])
}
