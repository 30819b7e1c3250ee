# Part of package lib.access (its METADATA is in access.rego): the access model's verdicts on each DISTINCT
# statement list the identity units (lib.access.identity) grant. Real organizations render one policy into many
# roles and accounts, so a verdict is computed once per list and the rules emit a finding per unit from it.
package lib.access

import data.lib.access.identity
import data.lib.access.probes
import data.lib.tfplan

# every distinct statement list some unit grants
distinct_stmts contains u.stmts if some u in identity.units

# every_model_leaks[stmts]: {probes, summary} of the model invocations no approval can cover (a model no
# catalog lists, on any inference surface but Marketplace Subscribe) that the list allows: MG-0009's case
every_model_leaks[stmts] := _verdict(leaks) if {
	some stmts in distinct_stmts
	not exact_only(stmts)
	leaks := allowed_in(stmts, fixed_model_set) | _allowed_own(stmts, own_unapproved_every_model(stmts))
	count(leaks) > 0
}

# the probes a list adds to the fixed ones are judged on their own (a probe's verdict depends only on the
# statements and the probe); most lists add none
_allowed_own(_, own) := set() if count(own) == 0

_allowed_own(stmts, own) := allowed_probes(stmts, own) if count(own) > 0

# witness_leaks[stmts]: {probes, summary} of the unapproved witnesses (requests made from the list's own
# patterns and condition values) on the invoke and mantle surfaces that the list allows
witness_leaks[stmts] := _verdict(leaks) if {
	some stmts in distinct_stmts
	leaks := allowed_probes(stmts, {p |
		some p in probes.witnesses(stmts)
		p.surface in {"invoke", "mantle"}
	})
	count(leaks) > 0
}

# ---- per account: a unit planned in an account the config has an entry for (its provider configuration names
# the account) is judged by that entry's own models and products, not by the union of every target

# unit_scope(u): the index into data.modelgate.approved.scopes of the set of the account the unit is planned in.
# An Identity Center grant (a permission set, its policies, assignments, Identity Store memberships) is planned in
# the Identity Center administration account but lands in the accounts it is assigned to: judged by the union.
unit_scope(u) := probes.scope_index(tfplan.provider_account(u.rc)) if not _identity_center(u.rc.type)

_identity_center(type) if startswith(type, "aws_ssoadmin_")

_identity_center(type) if startswith(type, "awscc_sso_")

_identity_center(type) if startswith(type, "aws_identitystore_")

_identity_center(type) if startswith(type, "awscc_identitystore_")

_scoped_lists contains [u.stmts, i] if {
	some u in identity.units
	i := unit_scope(u)
}

# scoped_witness_leaks[[stmts, i]], scoped_subscribe_witness_leaks[[stmts, i]]: witness_leaks and
# subscribe_witness_leaks judged by set i
scoped_witness_leaks[[stmts, i]] := _verdict(leaks) if {
	some [stmts, i] in _scoped_lists
	leaks := allowed_probes(stmts, {p |
		some p in probes.witnesses_for(stmts, probes.scope_at(i))
		p.surface in {"invoke", "mantle"}
	})
	count(leaks) > 0
}

scoped_subscribe_witness_leaks[[stmts, i]] := _verdict(leaks) if {
	some [stmts, i] in _scoped_lists
	leaks := allowed_probes(stmts, {p |
		some p in probes.witnesses_for(stmts, probes.scope_at(i))
		p.surface == "subscribe"
	})
	count(leaks) > 0
}

# unit_witness_leaks(u), unit_subscribe_witness_leaks(u): the verdict for a unit, by its account's set or the union
unit_witness_leaks(u) := v if {
	i := unit_scope(u)
	v := scoped_witness_leaks[[u.stmts, i]]
}

unit_witness_leaks(u) := witness_leaks[u.stmts] if not unit_scope(u)

unit_subscribe_witness_leaks(u) := v if {
	i := unit_scope(u)
	v := scoped_subscribe_witness_leaks[[u.stmts, i]]
}

unit_subscribe_witness_leaks(u) := subscribe_witness_leaks[u.stmts] if not unit_scope(u)

# account_words(u): " for account N" when the unit was judged by its account's own set
account_words(u) := concat("", [" for account ", tfplan.provider_account(u.rc)]) if unit_scope(u)

account_words(u) := "" if not unit_scope(u)

# subscribe_witness_leaks[stmts]: as witness_leaks, for Marketplace Subscribe witnesses (products it names)
subscribe_witness_leaks[stmts] := _verdict(leaks) if {
	some stmts in distinct_stmts
	leaks := allowed_probes(stmts, {p |
		some p in probes.witnesses(stmts)
		p.surface == "subscribe"
	})
	count(leaks) > 0
}

# subscribe_leaks[stmts]: {probes, summary} of the unapproved fixed Subscribe probes the list allows
subscribe_leaks[stmts] := _verdict(leaks) if {
	some stmts in distinct_stmts
	leaks := allowed_in(stmts, fixed_subscribe_set)
	count(leaks) > 0
}

_verdict(leaks) := {"probes": leaks, "summary": summary(leaks)}

# the fixed Marketplace Subscribe probes no approval covers, made ready once
fixed_subscribe_set := probe_set({p |
	some p in probes.fixed_unapproved
	p.surface == "subscribe"
})
