# METADATA
# title: Organization guardrails before and after the plan
# description: |
#   Service control policies (type SERVICE_CONTROL_POLICY, or a type unknown until apply; an RCP or a tag
#   policy is no guardrail), their attachments per target, account and OU moves and the SCP policy type,
#   each before and after the plan. A target's SCPs are judged together as one set (a split allow-list pair
#   is one allow-list); a path (root, OUs, account) is a list of such levels, kept apart, since a level with
#   Allow statements denies implicitly what none of them allows (access.scp_denied_probes). Attachments
#   resolve their policy by known ID (FullAWSAccess, p-FullAWSAccess, by its AWS-managed content), or
#   through the configuration's references when the ID is computed during apply; targets likewise. Only
#   what the plan shows is known: SCPs attached outside it count as neither before nor after.
# scope: package
package lib.access.org

# regal ignore:pointless-import
import data.lib.access
import data.lib.access.probes
import data.lib.iam
import data.lib.tfplan

# ---- SCP policies: address -> statements before and after

_is_scp_state(v) if not is_string(object.get(v, "type", null))

_is_scp_state(v) if v.type == "SERVICE_CONTROL_POLICY"

scp_rcs contains rc if {
	some rc in tfplan.resource_change_list
	rc.type in tfplan.scp_types
	not rc.mode == "data"
}

# scp_rcs as an array, for the rules that step through it (in wasm, stepping through a set hashes each element)
scp_rc_list := [rc | some rc in scp_rcs]

_stmts_of(v) := [s |
	text := v.content
	is_string(text)
	tfplan.strict(text)
	doc := json.unmarshal(text)
	is_object(doc)
	some s in iam.as_array(doc.Statement)
	is_object(s)
]

_before_doc(rc) := _stmts_of(rc.change.before) if {
	is_object(rc.change.before)
	_is_scp_state(rc.change.before)
}

# after: the planned content; a policy the plan deletes is gone (unless skip_destroy keeps it); a policy whose
# content is unknown until apply denies nothing the gate can see (MG-0004 reports the unknown text), and neither
# does one whose type is unknown until apply (attack22: it may turn out a resource control or tag policy)
_after_doc(rc) := _stmts_of(rc.change.after) if {
	is_object(rc.change.after)
	_is_scp_state(rc.change.after)
	not rc.change.after_unknown.type == true
}

_after_doc(rc) := _before_doc(rc) if {
	tfplan.removes(rc)
	rc.change.before.skip_destroy == true
}

# "forget" drops the policy from state and leaves it in AWS as it was
_after_doc(rc) := _before_doc(rc) if {
	tfplan.forgets(rc)
	not is_object(rc.change.after)
}

# ids a policy is known by
_policy_ids(rc) := {id |
	some v in [rc.change.before, rc.change.after]
	is_object(v)
	some k in ["id", "policy_id"]
	id := v[k]
	is_string(id)
}

# ---- attachments: {rc, policy, target} per state; policy is a policy address ("" when unknown), target a key

_att_rcs contains rc if {
	some rc in tfplan.resource_change_list
	rc.type == "aws_organizations_policy_attachment"
	not rc.mode == "data"
}

_att_rcs contains rc if {
	some rc in prior_org_rcs
	rc.type == "aws_organizations_policy_attachment"
}

# prior_org_rcs: attachments, accounts and OUs the prior state holds that no resource change names (what
# `terraform plan -target` leaves out), as unchanged resource changes: they stay attached, and where they are
prior_org_rcs contains rc if {
	some rc in tfplan.prior_only
	rc.type in _prior_types
	not _changed_id(rc.change.before)
}

_prior_types := {
	"aws_organizations_policy_attachment",
	"aws_organizations_account", "awscc_organizations_account",
	"aws_organizations_organizational_unit", "awscc_organizations_organizational_unit",
}

# an organization ID some resource change already holds (before or after) is read from the changes only, whatever
# the prior state's entry is called
_changed_id(values) if {
	some k in ["id", "account_id"]
	_change_org_ids[values[k]]
}

_change_org_ids contains id if {
	some rc in tfplan.resource_change_list
	rc.type in _prior_types
	some v in [rc.change.before, rc.change.after]
	is_object(v)
	some k in ["id", "account_id"]
	id := v[k]
	is_string(id)
}

# the policy address an attachment names in a state
_policy_of(_, v, _) := p.address if {
	some p in scp_rc_list
	v.policy_id in _policy_ids(p)
}

# a policy the plan's resource changes do not show, but its prior state does (a targeted plan)
_policy_of(_, v, _) := concat("", ["prior:", v.policy_id]) if {
	not _in_changes(v.policy_id)
	_prior_scps[v.policy_id]
}

# FullAWSAccess, the AWS-managed SCP known by this ID in every organization, when the plan shows no policy of that ID
_policy_of(_, v, _) := full_access if {
	v.policy_id == full_access_id
	not _in_changes(v.policy_id)
	not _prior_scps[v.policy_id]
}

full_access_id := "p-FullAWSAccess"

full_access := "managed:p-FullAWSAccess"

# its content: Allow every action on every resource
full_access_stmts := [{"Effect": "Allow", "Action": "*", "Resource": "*"}]

_in_changes(id) if {
	some p in scp_rc_list
	id in _policy_ids(p)
}

_prior_scps[v.id] := _stmts_of(v) if {
	some rc in tfplan.prior_only
	rc.type in tfplan.scp_types
	v := rc.change.before
	is_string(v.id)
	_is_scp_state(v)
}

# a policy_id unknown until apply: the SCP its expression refers to, when exactly one does (a reference that
# could mean several, such as an unindexed reference to a counted SCP, resolves to none: the gate does not guess)
_policy_of(rc, v, "after") := addrs[0] if {
	not is_string(object.get(v, "policy_id", null))
	addrs := sort({p.address |
		some p in scp_rc_list
		tfplan.refers_to(rc, "policy_id", p)
	})
	count(addrs) == 1
}

_target_of(_, v, _) := v.target_id if is_string(v.target_id)

_target_of(rc, v, "after") := referenced_node(rc, "target_id") if not is_string(object.get(v, "target_id", null))

# referenced_node(rc, attr): the key of the one root, OU or account (not a data source) whose ID the
# configuration's reference in attr names, when exactly one does (an ID unknown until apply); a reference to
# another attribute (parent_id = aws_organizations_organizational_unit.x.tags["dest"]) names no node
referenced_node(rc, attr) := keys[0] if {
	keys := sort({_target_key(t) |
		some t in tfplan.resource_change_list
		not t.mode == "data"
		tfplan.refers_to_id(rc, attr, t)
	})
	count(keys) == 1
}

# a target created by this plan has no ID yet; it is keyed by its address
_target_key(t) := t.change.after.id if is_string(t.change.after.id)

_target_key(t) := concat("", ["(", t.address, ")"]) if not is_string(object.get(object.get(t.change, "after", {}), "id", null))

attached_before contains {"rc": rc, "policy": p, "target": t} if {
	some rc in _att_rcs
	v := rc.change.before
	is_object(v)
	p := _policy_of(rc, v, "before")
	t := _target_of(rc, v, "before")
}

attached_after contains {"rc": rc, "policy": p, "target": t} if {
	some rc in _att_rcs
	v := rc.change.after
	is_object(v)
	p := _policy_of(rc, v, "after")
	t := _target_of(rc, v, "after")
	not _detached_elsewhere(rc, p, t)
}

# skip_destroy: deleting the resource leaves the policy attached; so does forgetting it
attached_after contains a if {
	some a in attached_before
	tfplan.removes(a.rc)
	a.rc.change.before.skip_destroy == true
}

attached_after contains a if {
	some a in attached_before
	tfplan.forgets(a.rc)
}

# awscc_organizations_policy carries its targets
attached_before contains {"rc": rc, "policy": rc.address, "target": t} if {
	some rc in scp_rc_list
	rc.type == "awscc_organizations_policy"
	some t in iam.as_array(rc.change.before.target_ids)
	is_string(t)
}

attached_after contains {"rc": rc, "policy": rc.address, "target": t} if {
	some rc in scp_rc_list
	rc.type == "awscc_organizations_policy"
	some t in iam.as_array(rc.change.after.target_ids)
	is_string(t)
	not _detached_elsewhere(rc, rc.address, t)
}

# an awscc policy only the prior state holds (a targeted plan) stays attached to its targets, unchanged
_prior_awscc_attached contains {"rc": rc, "policy": concat("", ["prior:", rc.change.before.id]), "target": t} if {
	some rc in tfplan.prior_only
	rc.type == "awscc_organizations_policy"
	_prior_scps[rc.change.before.id]
	some t in iam.as_array(rc.change.before.target_ids)
	is_string(t)
}

attached_before contains a if some a in _prior_awscc_attached

attached_after contains a if some a in _prior_awscc_attached

_scp_by_address[rc.address] := rc if some rc in scp_rc_list

# statements on a target in a state (the SCPs attached there, as one set)
target_stmts(t, "before") := _visible_before(t)

_visible_before(t) := [s |
	some a in attached_before
	a.target == t
	some s in _policy_stmts(a.policy, "before")
]

target_stmts(t, "after") := array.concat(_visible_after(t), _hidden_full_access(t))

_visible_after(t) := [s |
	some a in attached_after
	a.target == t
	some s in _policy_stmts(a.policy, "after")
]

# FullAWSAccess the plan does not show stays where it was. A target whose SCPs before the plan hold no Allow
# statement sits beside FullAWSAccess (AWS attaches it to every root, OU and account, new ones too, and the plan
# need not show it); an Allow-style list attached there after the plan does not remove it, so the target's level
# after the plan keeps it, unless the plan shows FullAWSAccess itself detached from the target. (A target whose
# SCPs already held Allow statements before the plan is taken as the complete list the plan shows.)
_hidden_full_access(t) := full_access_stmts if {
	not access.scp_allows(_visible_before(t))
	access.scp_allows(_visible_after(t))
	not _full_access_detached(t)
} else := []

_full_access_detached(t) if {
	some a in attached_before
	a.target == t
	a.policy == full_access
	not attached_after[a]
}

_policy_stmts(addr, _) := _prior_scps[substring(addr, 6, -1)] if startswith(addr, "prior:")

_policy_stmts(addr, _) := full_access_stmts if addr == full_access

_policy_stmts(addr, "before") := _before_doc(_scp_by_address[addr]) if not startswith(addr, "prior:")

_policy_stmts(addr, "after") := _after_doc(_scp_by_address[addr]) if not startswith(addr, "prior:")

targets_before contains a.target if some a in attached_before

targets_after contains a.target if some a in attached_after

# attachments of an SCP the plan does not show (neither its resource changes nor its prior state) that the plan
# removes or moves: the gate cannot tell whether that SCP was the allow-list, so it reports them (fail closed)
opaque_detached contains {"rc": rc, "policy_id": v.policy_id, "target": v.target_id} if {
	some rc in _att_rcs
	v := rc.change.before
	is_object(v)
	is_string(v.policy_id)
	not _policy_of(rc, v, "before")
	not _still_attached(rc, v)
}

_still_attached(rc, _) if {
	not tfplan.removes(rc)
	not "delete" in rc.change.actions
}

_still_attached(rc, _) if rc.change.before.skip_destroy == true

_still_attached(rc, _) if {
	tfplan.forgets(rc)
	not is_object(rc.change.after)
}

_still_attached(rc, v) if {
	a := rc.change.after
	a.policy_id == v.policy_id
	a.target_id == v.target_id
}

# ---- judgments

# the probe that marks an allow-list: invoking a model no catalog lists, in a commercial Region
marker := probes.invoke("bedrock:invokemodel", "arn:aws:bedrock:us-east-1::foundation-model/zz.unlisted-model-v9:0", "foundation-model", probes.sentinel_model, false)

is_allowlist(stmts) if access.scp_denied([stmts], marker)

# or shaped as one: a Deny of model invocation with NotResource (which may have been widened)
is_allowlist(stmts) if {
	some s in stmts
	iam.denies(s)
	s.NotResource
	iam.covers_invoke(s)
}

# weakened_targets: target -> weakened probes, for targets with SCPs before the plan whose SCP set changes: the
# requests the target's path (its own level and the levels above it, as far as the plan shows them) denied before
# and does not after, so a redundant copy of a parent's list can be dropped or widened while the parent's holds
weakened_targets[t] := w if {
	some t in targets_before
	target_stmts(t, "before") != target_stmts(t, "after")
	w := weaker_levels_in(path_levels(t, "before"), path_levels(t, "after"), scope_key(t)) | _explicit_to_implicit(t)
	count(w) > 0
}

# the resources whose change makes a target's SCP set weaker: its attachments that go away or move, the
# attachments the plan adds (an SCP attached beside an allow-list of Allow statements widens its level), and
# the SCPs attached to it whose content changes or that the plan deletes
culprits(t) := ({a.rc |
	some a in attached_before
	a.target == t
	_attachment_changed(a)
} | {a.rc |
	some a in attached_after
	a.target == t
	not attached_before[a]
}) | {p |
	some a in attached_before
	a.target == t
	p := _scp_by_address[a.policy]
	_policy_changed(p)
}

_attachment_changed(a) if not attached_after[a]

_policy_changed(p) if not _before_doc(p) == _after_doc(p)

_policy_changed(p) if not _after_doc(p)

# a policy the plan shows attached to no target (its attachments live elsewhere)
unattached(p) if not _attached_policies[p.address]

_attached_policies := {a.policy | some a in attached_before} | {a.policy | some a in attached_after}

# after_stmts: an SCP's statements after the plan ([] when it is gone or its content unknown)
after_stmts(rc) := s if {
	s := _after_doc(rc)
} else := []

# weakened_policies: an unattached SCP judged alone, before against after
weakened_policies[p.address] := w if {
	some p in scp_rc_list
	unattached(p)
	before := _before_doc(p)
	count(before) > 0
	w := weaker(before, after_stmts(p))
	count(w) > 0
}

# exemptions(stmts, key): with a config, invoke probes an allow-list set lets through that are unapproved for
# target key (scope_key; null: the union)
exemptions(stmts, key) := ps - access.scp_denied_probes([stmts], ps) if {
	probes.with_config
	is_allowlist(stmts)
	ps := {p |
		some p in access.unapproved_probes_in(stmts, key)
		p.surface == "invoke"
	}
} else := set()

# exemptions_on(t, key): exemptions(stmts, key) of the SCPs on target t after the plan, less those an SCP level
# above it on its path (as far as the plan shows it) still denies: a list wider than its parent's opens nothing
exemptions_on(t, key) := es - access.scp_denied_probes(path_levels(t, "after"), es) if {
	es := exemptions(target_stmts(t, "after"), key)
	count(es) > 0
} else := set()

# ---- SCP sets judged together: the SCPs on each target after the plan, and each SCP the plan attaches nowhere

# scp_sets: {"target": key or null, "rcs": the SCP resources, "stmts": their statements}, for sets that hold
# an SCP or an attachment this plan writes
scp_sets contains {"target": t, "rcs": rcs, "stmts": target_stmts(t, "after")} if {
	some t in targets_after
	atts := {a | some a in attached_after; a.target == t}
	rcs := {_scp_by_address[a.policy] | some a in atts}
	_touched(atts, rcs)
}

scp_sets contains {"target": null, "rcs": {rc}, "stmts": after_stmts(rc)} if {
	some rc in scp_rc_list
	tfplan.writes(rc)
	unattached(rc)
}

_touched(_, rcs) if {
	some rc in rcs
	tfplan.writes(rc)
}

_touched(atts, _) if {
	some a in atts
	tfplan.writes(a.rc)
}

# report_rc: the resource a finding on a set names: its first written SCP, else its first SCP
report_rc(set) := sort([[_unwritten(rc), rc.address, rc] | some rc in set.rcs])[0][2]

_unwritten(rc) := 0 if tfplan.writes(rc)

_unwritten(rc) := 1 if not tfplan.writes(rc)

set_label(set) := concat("", [" on target ", set.target]) if is_string(set.target)

set_label(set) := "" if not is_string(set.target)

# ---- the SCP policy type

# an organization whose SCPs apply before the plan (aws: SERVICE_CONTROL_POLICY enabled; awscc, which has no
# policy-type list: all features) and a change that stops them
scp_disabled contains {"rc": rc, "how": how} if {
	some rc in tfplan.resource_change_list
	not rc.mode == "data"
	_scps_enabled(rc.type, rc.change.before)
	how := _disable_how(rc)
}

_scps_enabled("aws_organizations_organization", v) if "SERVICE_CONTROL_POLICY" in iam.as_array(v.enabled_policy_types)

_scps_enabled("awscc_organizations_organization", v) if v.feature_set == "ALL"

# how the change disables SCPs (the first that applies)
_disable_how(rc) := "deletes the organization" if {
	tfplan.removes(rc)
} else := "replaces the organization (the old one is deleted first, with every SCP attachment)" if {
	"delete" in rc.change.actions
} else := _policy_types_how(rc)

# aws_organizations_organization: its enabled_policy_types, then its feature_set
_policy_types_how(rc) := "removes SERVICE_CONTROL_POLICY from enabled_policy_types" if {
	rc.type == "aws_organizations_organization"
	types := rc.change.after.enabled_policy_types
	is_array(types)
	not "SERVICE_CONTROL_POLICY" in types
} else := "makes enabled_policy_types unknown until apply" if {
	rc.type == "aws_organizations_organization"
	not is_array(object.get(object.get(rc.change, "after", {}), "enabled_policy_types", null))
} else := _feature_set_how(rc)

# how a change of feature_set disables SCPs, which apply only in an organization with all features
_feature_set_how(rc) := "sets feature_set to CONSOLIDATED_BILLING (SCPs apply only in an organization with all features)" if {
	rc.change.after.feature_set == "CONSOLIDATED_BILLING"
} else := "makes feature_set unknown until apply (SCPs apply only in an organization with all features)" if {
	rc.change.after_unknown.feature_set == true
}
