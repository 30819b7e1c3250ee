# Part of package lib.access (its METADATA is in access.rego): the access model's verdicts on each DISTINCT
# statement list the identity units (lib.access.identity) grant. Real organizations render one policy into many
# roles and accounts, so a verdict is computed once per list and the rules emit a finding per unit from it.
package lib.access

import data.lib.access.identity
import data.lib.access.probes
import data.lib.iam
import data.lib.tfplan

# every distinct statement list some unit grants
distinct_stmts contains u.stmts if some u in identity.unit_list

# every_model_leaks[stmts]: {probes, summary} of the model invocations no approval can cover (a model no
# catalog lists, on any inference surface but Marketplace Subscribe) that the list allows: MG-0009's case. The
# probes are an array when the list adds none of its own (each once; only counted and described)
every_model_leaks[stmts] := _verdict(leaks) if {
	some stmts in distinct_stmts
	not exact_only(stmts)
	leaks := _with_own(stmts, allowed_list(stmts, fixed_model_set), own_unapproved_every_model(stmts))
	count(leaks) > 0
}

# the probes a list adds to the fixed ones are judged on their own (a probe's verdict depends only on the
# statements and the probe); most lists add none, and then the fixed ones' set is kept as it is (a union copies it)
_with_own(_, fixed, own) := fixed if count(own) == 0

_with_own(stmts, fixed, own) := {p | some p in fixed} | allowed_probes(stmts, own) if count(own) > 0

# ---- per account: a unit planned in an account the config has an entry for is judged by that entry's own models
# and products, not by the union of every target

# unit_sets(u): {[i, words]}: the sets a unit is judged by, i an index into data.modelgate.approved.scopes (null:
# the union) and words what the finding adds. A unit is planned in the account its provider configuration names;
# an Identity Center grant (a permission set, its policies, an assignment) is planned in the Identity Center
# administration account but lands in every account the permission set is assigned to, so it is judged by each
# of those this plan shows (by the union when it shows none, or for one the config does not list).
unit_sets(u) := {[_index_or_null(a), _account_words(a)] | some a in _accounts_of(u.rc)} if {
	count(_accounts_of(u.rc)) > 0
} else := {[null, ""]}

_accounts_of(rc) := _landing_accounts(rc) if _identity_center(rc.type)

else := {a | a := tfplan.provider_account(rc)}

_index_or_null(a) := probes.scope_index(a) if probes.scoped(a)

else := null

_account_words(a) := concat("", [" for account ", a]) if probes.scoped(a)

else := ""

_identity_center(type) if startswith(type, "aws_ssoadmin_")

_identity_center(type) if startswith(type, "awscc_sso_")

_identity_center(type) if startswith(type, "aws_identitystore_")

_identity_center(type) if startswith(type, "awscc_identitystore_")

# the accounts an Identity Center grant lands in: an assignment's own target, or the targets of the assignments of
# the permission set a policy belongs to, among the assignments that exist after the plan
_landing_accounts(rc) := {rc.change.after.target_id} if {
	rc.type in _assignment_types
	is_string(rc.change.after.target_id)
} else := {pair[1] |
	ps := _permission_set_of(rc)
	some pair in _assignments
	pair[0] == ps
}

_permission_set_of(rc) := ps if {
	some v in [rc.change.after, rc.change.before]
	is_object(v)
	ps := v.permission_set_arn
	is_string(ps)
}

_assignment_types := {"aws_ssoadmin_account_assignment", "awscc_sso_assignment"}

_assignments contains [v.permission_set_arn, v.target_id] if {
	some rc in (tfplan.resource_changes | identity.prior_rcs)
	rc.type in _assignment_types
	not tfplan.removes(rc)
	v := rc.change.after
	is_object(v)
	is_string(v.permission_set_arn)
	is_string(v.target_id)
}

# the statement lists and the sets they are judged by: [stmts, i], i as in unit_sets
_judged contains [u.stmts, i] if {
	some u in identity.unit_list
	some [i, _] in unit_sets(u)
}

# the unapproved witnesses of each judged pair, made once for both verdicts below (a function's value is not
# cached between calls; a rule's is)
_judged_witnesses[[stmts, i]] := probes.witnesses_for(stmts, probes.scope_at(i)) if some [stmts, i] in _judged

# witness_leaks[[stmts, i]]: {probes, summary} of the witnesses (requests made from the list's own patterns and
# condition values) on the invoke and mantle surfaces that the list allows and set i does not approve;
# subscribe_witness_leaks[[stmts, i]]: the same for Marketplace Subscribe witnesses (products it names)
witness_leaks[[stmts, i]] := _verdict(leaks) if {
	some [stmts, i] in _judged
	leaks := allowed_probes(stmts, {p |
		some p in _judged_witnesses[[stmts, i]]
		p.surface in {"invoke", "mantle"}
	})
	count(leaks) > 0
}

subscribe_witness_leaks[[stmts, i]] := _verdict(leaks) if {
	some [stmts, i] in _judged
	leaks := allowed_probes(stmts, {p |
		some p in _judged_witnesses[[stmts, i]]
		p.surface == "subscribe"
	})
	count(leaks) > 0
}

# unit_witness_verdicts(u), unit_subscribe_witness_verdicts(u): {[verdict, words]} for each set the unit is judged
# by (unit_sets) under which it leaks
unit_witness_verdicts(u) := {[v, w] |
	some [i, w] in unit_sets(u)
	v := witness_leaks[[u.stmts, i]]
}

unit_subscribe_witness_verdicts(u) := {[v, w] |
	some [i, w] in unit_sets(u)
	v := subscribe_witness_leaks[[u.stmts, i]]
}

# subscribe_leaks[stmts]: {probes, summary} of the unapproved fixed Subscribe probes the list allows (an array)
subscribe_leaks[stmts] := _verdict(leaks) if {
	some stmts in distinct_stmts
	_allows_subscribe(stmts)
	leaks := allowed_list(stmts, fixed_subscribe_set)
	count(leaks) > 0
}

# a list no Allow of which covers Subscribe allows no Subscribe probe: the fixed Subscribe set (made once per
# evaluation, the catalog's products) is not made for it
_allows_subscribe(stmts) if {
	some s in stmts
	iam.allows(s)
	count(_covered_actions(s, {"aws-marketplace:subscribe"})) > 0
}

_verdict(leaks) := {"probes": leaks, "summary": summary(leaks)}

# the fixed Marketplace Subscribe probes no approval covers, made ready once
fixed_subscribe_set := probe_set({p |
	# the Subscribe probes alone: neither the invoke probes (most of fixed_unapproved) nor the other surfaces'
	some p in probes.fixed_subscribe
	not probes.approved(p)
})
