# Part of package lib.access (its METADATA is in access.rego): the access model's verdicts on each DISTINCT
# statement list the identity units (lib.access.identity) grant. Real organizations render one policy into many
# roles and accounts, so a verdict is computed once per list and the rules emit a finding per unit from it.
package lib.access

import data.lib.access.identity
import data.lib.access.probes

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
