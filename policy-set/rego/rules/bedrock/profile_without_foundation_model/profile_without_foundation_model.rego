# METADATA
# title: Inference profile allowed without its foundation model
# description: |
#   Cross-Region inference checks the profile ARN and the foundation-model ARN of the model in every
#   destination Region; global profiles also check the Region-less foundation-model ARN. A policy
#   that allows a profile but not its foundation model makes every profile call fail (HIGH). One that allows
#   the foundation model only in some Regions of a geographic profile's geography makes the calls routed to the
#   others fail; the Regions per geography come from a dated table that is not verified against
#   ListInferenceProfiles (facts doc section 3), so those findings are LOW (advisory). A foundation model another
#   policy of the same principal allows (an inline policy beside it, a policy attached to the same role, user or
#   group) counts: IAM evaluates a principal's identity policies together.
# scope: package
# custom:
#   id: MG-0007
#   long_id: profile_without_foundation_model
#   severity: HIGH
#   remediation: >-
#     Allow the same invoke actions on arn:aws:bedrock:*::foundation-model/MODEL next to every
#     inference-profile ARN ("*" in the Region also matches the empty Region that global profiles check).
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/global-cross-region-inference.html
package rules.bedrock.profile_without_foundation_model

import data.lib.access
import data.lib.access.identity
import data.lib.access.probes
import data.lib.iam
import data.lib.result
import data.lib.tfplan

# _source(ref): a concrete Region the profile is called from, for the sample foundation-model ARN: its own, or for
# a wildcard Region the first Region of its geography the wildcard matches (an eu. profile in "eu-*" is called
# from an EU Region, never from us-east-1), else us-east-1, else the wildcard filled in
_source(ref) := ref.region if {
	ref.region != ""
	not iam.has_wildcard(ref.region)
}

_source(ref) := "us-east-1" if ref.region == ""

_source(ref) := _matching_region(ref.region, array.concat(object.get(_destinations, ref.prefix, []), ["us-east-1"])) if {
	iam.has_wildcard(ref.region)
}

_matching_region(pat, candidates) := rs[0] if {
	rs := [r | some r in candidates; iam.wildcard_match(pat, r)]
	count(rs) > 0
} else := replace(replace(pat, "*", "zz"), "?", "z")

_fm(region, model) := concat("", ["arn:aws:bedrock:", region, "::foundation-model/", model])

# stmts: the Allow statements of a document that cover one action (_allow_stmts)
_fm_allowed(stmts, arn) if {
	some t in stmts
	iam.covers_resource(t, arn)
}

# the patterns of those statements, indexed once (access.index) so that each profile ARN's foundation-model
# checks are lookups; a statement with NotResource falls back to _fm_allowed
_fm_ix(stmts) := {"ix": access.index(pats), "slow": slow} if {
	pats := [p | some t in stmts; some p in iam.resources(t)]
	slow := count([t | some t in stmts; not t.Resource]) > 0
}

_ix_allowed(fx, _, arn) if {
	not fx.slow
	access.index_matches(fx.ix, arn)
}

_ix_allowed(fx, stmts, arn) if {
	fx.slow
	_fm_allowed(stmts, arn)
}

# a profile pattern without a prefix ("*nova*") or with a wildcard model ("us.*") names no one model: reported only
# when no foundation model at all is allowed next to it (the models whose foundation model is not allowed are then
# the ones the policy means to keep out)
_checkable(_, _, ref) if not _names_no_one_model(ref)

_checkable(doc, a, ref) if {
	_names_no_one_model(ref)
	not _any_fm_allowed(doc, a)
}

_names_no_one_model(ref) if ref.prefix == "*"

_names_no_one_model(ref) if iam.has_wildcard(ref.model)

_any_fm_allowed(doc, a) if {
	some t in _allow_stmts(doc, a)
	some r in iam.resources(t)
	tfplan.model_ref(r).type == "foundation-model"
}

_global(ref) if ref.prefix == "global"

_global(ref) if iam.has_wildcard(ref.prefix)

# _cases[[i, action]]: for document i of tfplan.document_list and each invoke action (each _canon one), "refs":
# ARN -> model_ref of each inference-profile ARN an Allow statement grants the action on (an object: stepping
# through a set of pairs hashes each pair), and "ok": of the
# foundation-model ARNs the rules below ask about, those the document's Allow statements grant the action on (each
# asked once: the profiles of one model share them). A rule, not a function, so that the three rules below share
# it; they iterate it whole, which both evaluators cache (Go OPA evaluated the whole rule again for every lookup of
# a key made from a document).
_cases[[i, a]] := {"refs": refs, "ok": {fm |
	some fm in _asked(refs)
	_ix_allowed(fx, stmts, fm)
}} if {
	some i, by_action in _allow_by_doc
	some a, stmts in by_action
	_canon[i][a] == a
	refs := {arn: ref |
		some s in stmts
		some arn in iam.resources(s)
		ref := tfplan.model_ref(arn)
		ref.type == "inference-profile"
	}
	count(refs) > 0
	fx := _fm_ix(stmts)
}

# _allow_by_doc[i][action]: the Allow statements of document i of tfplan.document_list that cover the invoke action
# (built once per document, not once per rule and action). Complete rules, looked up whole (Go OPA evaluates a
# partial rule's body again for each lookup of a bound key).
# regal ignore:prefer-set-or-object-rule
_allow_by_doc := {i: {a: _allow_stmts(d.doc, a) | some a in iam.invoke_actions} | some i, d in tfplan.document_list}

# _canon[i][a]: the first invoke action the same Allow statements of document i grant as a. Both actions are usually
# granted by the same statements, and then everything _cases holds is the same for both: it is made for the first.
# regal ignore:prefer-set-or-object-rule
_canon := {i: {a: min({b | some b, other in by_action; other == stmts}) | some a, stmts in by_action} |
	some i, by_action in _allow_by_doc
}

_allow_stmts(doc, a) := [s |
	some s in iam.statements(doc)
	iam.allows(s)
	iam.covers_action(s, a)
]

# for each profile: its model in the profile's own Region, in a Region no policy names, in each Region the profile
# may route to, and without a Region
_asked(refs) := {_fm(r, ref.model) |
	some ref in refs
	some r in array.concat([_source(ref), "zz-probe-9", ""], object.get(_destinations, ref.prefix, []))
}

deny contains finding if {
	some [i, a0], c in _cases
	d := tfplan.document_list[i]
	some a, b in _canon[i]
	b == a0
	ok := c.ok
	some arn, ref in c.refs
	_checkable(d.doc, a, ref)
	fm := _fm(_source(ref), ref.model)
	not ok[fm]
	not _allowed_elsewhere(d.rc, a, fm)
	msg := concat("", [
		"allows ", probes.action_names[a], " on inference profile ", arn, " but not on foundation-model/", ref.model,
		", which every profile call also checks; the calls fail",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

deny contains finding if {
	some [i, a0], c in _cases
	d := tfplan.document_list[i]
	some a, b in _canon[i]
	b == a0
	ok := c.ok
	some arn, ref in c.refs
	_global(ref)
	ok[_fm(_source(ref), ref.model)]
	fm := _fm("", ref.model)
	not ok[fm]
	not _allowed_elsewhere(d.rc, a, fm)
	msg := concat("", [
		"allows ", probes.action_names[a], " on inference profile ", arn, ", which includes global profiles, but not on the Region-less ",
		fm, " that global cross-Region inference also checks",
	])
	finding := result.new(rego.metadata.chain(), d.rc, msg)
}

# Regions a geographic profile routes to, by prefix. UNVERIFIED [I]: assembled from AWS's cross-Region inference
# pages as of 2026; the real list per model comes from ListInferenceProfiles (models[].modelArn). Findings that
# depend on it are LOW, never blocking at the default threshold.
# another policy of a principal that holds this one allows the foundation model: IAM evaluates all of a principal's
# identity policies together (fp19: a role with the profile in one inline policy and the model in another). Read
# only for a call that this policy alone would leave failing.
_allowed_elsewhere(rc, a, fm) if {
	some h in _holders[rc.address]
	some g in identity.holder_grants(h)
	some s in g.stmts
	iam.allows(s)
	iam.covers_action(s, a)
	iam.covers_resource(s, fm)
}

# who holds the policy of the resource at an address: as an inline policy, or attached by ARN (each grant names
# the policy resource it comes from). Built once per evaluation, keyed by address.
_holders[e.grant.policy] contains e.holder if some e in identity.held

_destinations := {
	"us": ["us-east-1", "us-east-2", "us-west-2"],
	"eu": ["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"],
	"apac": ["ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-southeast-1", "ap-southeast-2"],
	"jp": ["ap-northeast-1", "ap-northeast-3"],
	"au": ["ap-southeast-2", "ap-southeast-4"],
	"ca": ["ca-central-1", "ca-west-1"],
	"in": ["ap-south-1", "ap-south-2"],
	"us-gov": ["us-gov-west-1", "us-gov-east-1"],
}

deny contains finding if {
	some [i, a0], c in _cases
	d := tfplan.document_list[i]
	some a, b in _canon[i]
	b == a0
	ok := c.ok
	some arn, ref in c.refs

	# the source-Region check passes (else the first rule reports it), a Region no policy names does not (else
	# every destination passes too), and some destination's does not
	ok[_fm(_source(ref), ref.model)]
	not ok[_fm("zz-probe-9", ref.model)]
	missing := [r |
		some r in _destinations[ref.prefix]
		not ok[_fm(r, ref.model)]
		not _allowed_elsewhere(d.rc, a, _fm(r, ref.model))
	]
	count(missing) > 0
	msg := concat("", [
		"allows ", probes.action_names[a], " on inference profile ", arn, " but on foundation-model/", ref.model, " not in ",
		concat(", ", missing), ", where the ", ref.prefix, ". profile may route calls (Regions per geography from an ",
		"unverified table), so those calls fail",
	])
	f := result.new(rego.metadata.chain(), d.rc, msg)
	finding := object.union(f, {"severity": "LOW"})
}
