# METADATA
# title: Allow-list exempts a model but not its inference profiles
# description: |
#   A Deny on the invoke actions with NotResource (an allow-list) that exempts foundation-model/MODEL
#   but none of MODEL's inference profiles still denies every cross-Region (profile) call, and makes
#   profile-only models unusable. The profiles come from the catalog's profilePrefixes. Exempting
#   only some of a model's geographies is a deliberate restriction and is not reported. This denies more
#   than intended, never less, and an in-Region-only (data-residency) allow-list does it on purpose, so
#   it is advisory (LOW): it opens no access. The SCPs on one target are judged together.
# scope: package
# custom:
#   id: MG-0008
#   long_id: allowlist_missing_profiles
#   severity: LOW
#   remediation: >-
#     Add arn:aws:bedrock:*:*:inference-profile/*.MODEL (or one entry per approved geography prefix)
#     to the NotResource list next to each foundation-model exemption.
#   related_resources:
#     - https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-prereq.html
#     - https://aws.amazon.com/blogs/security/simplified-amazon-bedrock-model-access/
package rules.bedrock.allowlist_missing_profiles

import data.lib.access
import data.lib.access.org
import data.lib.access.probes
import data.lib.catalog
import data.lib.iam
import data.lib.result
import data.lib.tfplan

# a source Region per geography, for the sample profile ARN
_regions := {
	"us": "us-east-1", "eu": "eu-west-1", "apac": "ap-southeast-1", "jp": "ap-northeast-1",
	"au": "ap-southeast-2", "ca": "ca-central-1", "in": "ap-south-1", "global": "us-east-1",
	"us-gov": "us-gov-west-1",
}

_profile_arn(prefix, model) := concat("", [
	"arn:aws:bedrock:", object.get(_regions, prefix, "us-east-1"), ":111122223333:inference-profile/",
	prefix, ".", model,
])

# identity policies: each document alone
deny contains finding if {
	some d in tfplan.identity_document_list
	some [exempt, model, missing] in _gaps(access.statements(d.doc))
	finding := result.new(rego.metadata.chain(), d.rc, _msg(exempt, model, missing))
}

# SCPs: the SCPs on one target together (the renderer's split pair exempts profiles in one SCP and models in
# the other)
deny contains finding if {
	some set in org.scp_sets
	some [exempt, model, missing] in _gaps(set.stmts)
	finding := result.new(rego.metadata.chain(), org.report_rc(set), _msg(exempt, model, missing))
}

_msg(exempt, model, missing) := concat("", [
	"exempts ", exempt, " from the invoke deny but not the inference profiles ", concat(", ", missing),
	" of ", model, ", so cross-Region calls to it stay denied",
])

# [exempt pattern, model(s), missing prefixes] for each exemption of a foundation model from an invoke Deny
# while every one of the model's profiles stays denied (some but not all geographies exempted is a deliberate
# geography restriction, not a forgotten profile). A wildcard exemption gives one entry naming its models.
_gaps(stmts) := exact | wild if {
	exemptions := _fm_exemptions(stmts)
	models := {m |
		some [_, mp] in exemptions
		some m in catalog.matching(mp)
	}

	# every probe these checks need, evaluated against the statements in one pass
	ps := {_fm_probe(m) | some m in models} | {_profile_probe(px, m) |
		some m in models
		some px in catalog.profile_prefixes(m)
	}
	denied := access.denied_probes(stmts, ps)
	exact := {[exempt, mp, missing] |
		some [exempt, mp] in exemptions
		not iam.has_wildcard(mp)
		models[mp]
		missing := _missing(denied, mp)
	}
	wild := {[exempt, _names(ms), ["every geography's"]] |
		some [exempt, mp] in exemptions
		iam.has_wildcard(mp)
		ms := {m |
			some m in catalog.matching(mp)
			_missing(denied, m)
		}
		count(ms) > 0
	}
}

_fm_exemptions(stmts) := {[exempt, ref.model] |
	some s in stmts
	iam.denies(s)
	s.NotResource
	iam.covers_invoke(s)
	some exempt in iam.not_resources(s)
	ref := tfplan.model_ref(exempt)
	ref.type == "foundation-model"
}

# the model's profiles are all denied while its foundation model is not (denied: the probes the statements deny)
_missing(denied, model) := missing if {
	not denied[_fm_probe(model)]
	prefixes := catalog.profile_prefixes(model)
	missing := [concat("", [prefix, "."]) |
		some prefix in prefixes
		denied[_profile_probe(prefix, model)]
	]
	count(missing) > 0
	count(missing) == count(prefixes)
}

_names(models) := concat(", ", sort(models)) if count(models) <= 3

_names(models) := concat("", [concat(", ", array.slice(sort(models), 0, 3)), " and ", format_int(count(models) - 3, 10), " more"]) if {
	count(models) > 3
}

_fm_probe(model) := probes.invoke(
	"bedrock:invokemodel",
	concat("", ["arn:aws:bedrock:us-east-1::foundation-model/", model]),
	"foundation-model", model, false,
)

_profile_probe(prefix, model) := probes.invoke("bedrock:invokemodel", _profile_arn(prefix, model), "inference-profile", model, false)
