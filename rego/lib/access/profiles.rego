# Part of package lib.access (its METADATA is in access.rego): calls through an inference profile, system or
# application, which IAM also authorizes on foundation-model ARNs.
package lib.access

import data.lib.access.probes

# A call through a system inference profile is authorized on the profile ARN and on the foundation model in the
# source Region (and in each destination Region); a global profile also on the Region-less foundation-model ARN,
# with aws:RequestedRegion "unspecified" (facts doc section 3) [V]. So a profile probe is denied when any of those
# checks is denied, and allowed only when all may be allowed. (Destination Regions are not known to the plan; the
# source Region stands for them, which can only make a grant look wider.)
#
# An application inference profile also needs its underlying models (facts doc section 3; which ARNs exactly is
# [U]): its probes check the foundation model of a model no catalog lists in the profile's Region, since the plan
# does not say which model a profile wraps. So allowing an application profile beside exact approved foundation
# models opens nothing, and beside foundation-model/* it opens every model.
denied(stmts, p) if denied_request(stmts, p)

denied(stmts, p) if {
	profiled(p)
	some fm in profile_model_probes(p)
	denied_request(stmts, fm)
}

allowed(stmts, p) if {
	allowed_request(stmts, p)
	not profiled(p)
}

allowed(stmts, p) if {
	profiled(p)
	allowed_request(stmts, p)
	every fm in profile_model_probes(p) {
		allowed_request(stmts, fm)
	}
}

# profiled(p): a call through a profile (system or application), which also checks foundation models
profiled(p) if p.kind in {"inference-profile", "application-inference-profile"}

# the foundation-model checks a profile call also makes; they carry the profile in bedrock:InferenceProfileArn
profile_model_probes(p) := {_fm_check(p, split(p.resource, ":")[3])} if {
	p.kind == "inference-profile"
	not _global(p)
}

profile_model_probes(p) := {_fm_check(p, split(p.resource, ":")[3]), _fm_check(p, "")} if {
	p.kind == "inference-profile"
	_global(p)
}

profile_model_probes(p) := {_fm_check(object.union(p, {"model": probes.sentinel_model}), split(p.resource, ":")[3])} if {
	p.kind == "application-inference-profile"
}

_global(p) if startswith(split(p.resource, "inference-profile/")[1], "global.")

_fm_check(p, region) := probes.profile_check(p, region)
