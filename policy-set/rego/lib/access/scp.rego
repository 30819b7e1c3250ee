# Part of package lib.access (its METADATA is in access.rego): service control policies judged as the levels of
# an organization path.
package lib.access

import data.lib.iam

# ---- service control policies: levels of the organization path (AWS Organizations SCP evaluation)

# An SCP never grants; it filters. On the path root -> OUs -> account, each level (the SCPs attached to one
# node) must allow a request: the Allow statements of the SCPs on one level are a union, levels intersect,
# and an explicit Deny at any level wins. A level the plan shows with no Allow statement at all is taken to
# sit beside FullAWSAccess (AWS attaches it by default, and the plan need not show it), so it restricts only
# by Deny. A level with Allow statements denies implicitly every request none of them may allow (the AWS
# "allow list strategy"). A profile probe is denied when the profile request or any of its foundation-model
# checks is, as in denied/2.

# scp_allows(stmts): the level holds an Allow statement, so it restricts by implicit deny too
scp_allows(stmts) if {
	some s in stmts
	iam.allows(s)
}

# scp_denied_probes(levels, ps): the probes of ps that some level (a list of statement lists) surely denies,
# explicitly or implicitly; the probe set is made ready once and each level prepared once
scp_denied_probes(levels, ps) := scp_denied_in(levels, probe_set(ps))

# scp_denied_in(levels, ready): scp_denied_probes for a probe_set (made ready once for several level lists)
scp_denied_in(levels, ready) := _scp_level_denied(levels[0], ready) if {
	# one level (an SCP judged alone): its set as it is, not copied into another
	count(levels) == 1
} else := {p |
	some stmts in levels
	some p in _scp_level_denied(stmts, ready)
}

# scp_explicitly_denied_in(levels, ready): the probes some level denies by a Deny statement (not by the absence of
# an Allow)
scp_explicitly_denied_in(levels, ready) := {p |
	some stmts in levels
	some p in _scp_explicit(_prepare(stmts, ready), ready)
}

# a level that holds no Allow denies only explicitly: that set alone (a union with the empty set copies it)
_scp_level_denied(stmts, ready) := _scp_explicit(prep, ready) if {
	not scp_allows(stmts)
	prep := _prepare(stmts, ready)
} else := _scp_explicit(prep, ready) | _scp_implicit(stmts, prep, ready) if {
	prep := _prepare(stmts, ready)
}

# one set built in one pass: a probe, or a profile probe by one of its foundation-model checks (ready.items pairs
# each probe with its checks, [] for a plain one)
_scp_explicit(prep, ready) := {p |
	some [p, fms] in ready.items
	_p_denied_item(prep, p, fms)
}

_p_denied_item(prep, p, _) if _p_denied_request(prep, p)

_p_denied_item(prep, _, fms) if {
	some fm in fms
	_p_denied_request(prep, fm)
}

_scp_implicit(stmts, prep, ready) := {p |
	some p in ready.plain
	not _p_allow_may(prep, p)
} | {p |
	some [p, fms] in ready.checks
	not _p_allow_all_may(prep, p, fms)
} if {
	scp_allows(stmts)
} else := set()

# an Allow of the prepared statements may apply to the request (Denies aside)
_p_allow_may(prep, p) if {
	some e in prep
	e.acts[p.action]
	e.res[p.resource]
	not _surely_false(e, p.ctx)
}

_p_allow_all_may(prep, p, fms) if {
	_p_allow_may(prep, p)
	every fm in fms {
		_p_allow_may(prep, fm)
	}
}

# scp_denied(levels, p): one probe, as scp_denied_probes
scp_denied(levels, p) if p in scp_denied_probes(levels, {p})
