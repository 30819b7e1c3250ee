# Part of package lib.access.probes (its METADATA is in probes.rego): requests on the inference surfaces besides
# bedrock invoke — bedrock-mantle projects and Claude Platform on AWS workspaces — fixed (fixed_surface, in
# probes.rego) and in the Regions, accounts and projects a policy's own statements name (own_surface); and
# Marketplace Subscribe (fixed_subscribe).
package lib.access.probes

import data.lib.iam

# surface_probes(arn): the requests of each mantle or Claude Platform action on the resource at arn (a mantle project
# or a Claude Platform workspace; either ARN stands for the other's in the same partition, Region and account)
surface_probes(arn) := {_mantle(a, _surface_arn(arn, "bedrock-mantle", "project"), false) | some a in mantle_actions} | {
_claude(a, _surface_arn(arn, "aws-external-anthropic", "workspace"), false) |
	some a in claude_platform_actions
}

_surface_arn(arn, service, kind) := concat(":", [
	"arn", segs[1], service, segs[3], segs[4],
	concat("/", [kind, _surface_id(concat(":", array.slice(segs, 5, count(segs))))]),
]) if {
	segs := split(arn, ":")
}

# a project's ID stands for a workspace's of the same name, and the other way round ("zzprobe" for a resource part
# without one)
_surface_id(rest) := substring(rest, indexof(rest, "/") + 1, -1) if contains(rest, "/")

_surface_id(rest) := "zzprobe" if not contains(rest, "/")

_mantle(a, arn, witness) := {
	"surface": "mantle", "action": a, "resource": arn,
	"ctx": object.union(_base_ctx(_seg(arn, 1), _seg(arn, 3)), {"bedrock-mantle:model": [sentinel_model]}),
	"kind": "mantle", "model": sentinel_model, "product": "", "witness": witness,
}

_claude(a, arn, witness) := {
	"surface": "claude-platform", "action": a, "resource": arn,
	"ctx": _base_ctx(_seg(arn, 1), _seg(arn, 3)), "kind": "workspace", "model": "", "product": "", "witness": witness,
}

# own_surface(stmts): the mantle and Claude Platform requests in the statements' own Regions (ARN patterns and
# aws:RequestedRegion values), and at the projects and workspaces their mantle and Claude Platform ARN patterns name
# (every wildcard filled in): a grant or a Deny scoped to a Region, an account or a project is judged there
own_surface(stmts) := _own_surface_in(stmts, regions(stmts))

# own_surface from the statements' Regions (regions), which the caller has built
_own_surface_in(stmts, rs) := {p |
	_names_surface(stmts)
	some arn in _surface_arns_in(stmts, rs)
	some p in surface_probes(arn)
	not fixed_surface[p]
}

# a statement of the list covers a mantle or Claude Platform action: otherwise no such request can be allowed or
# denied by it, and none is built (most lists name only bedrock: actions)
_names_surface(stmts) if {
	some s in stmts
	some a in _surface_actions
	iam.covers_action(s, a)
}

_surface_actions := array.concat(mantle_actions, claude_platform_actions)

# the mantle projects model witnesses are asked of: the made-up one in us-east-1, and those of _surface_arns
_mantle_projects(stmts) := {"arn:aws:bedrock-mantle:us-east-1:000000000000:project/zzprobe"} | _surface_arns(stmts)

# the made-up mantle project of the probe account in Region r (surface_probes makes the workspace of it too)
probe_project(r) := concat("", ["arn:aws:bedrock-mantle:", r, ":", probe_account, ":project/zzprobe"])

_surface_arns(stmts) := _surface_arns_in(stmts, regions(stmts))

_surface_arns_in(stmts, rs) := {probe_project(r) | some r in rs} | {arn |
	some s in stmts
	some raw in _resource_strings(s)
	pat := iam.var_wild(raw)
	startswith(pat, "arn:")
	segs := split(pat, ":")
	count(segs) >= 6
	_surface_service(segs[2])
	arn := concat(":", [
		"arn", _fill_partition(segs[1]), "bedrock-mantle", _fill_region(segs[3]), _fill_account(segs[4]),
		_fill_id(concat(":", array.slice(segs, 5, count(segs)))),
	])
}

_surface_service(seg) if {
	some svc in ["bedrock-mantle", "aws-external-anthropic"]
	iam.wildcard_match(lower(seg), svc)
}

# the fixed Marketplace Subscribe probes (part of fixed_surface; built alone for judging Subscribe grants)
fixed_subscribe := {subscribe(via, pids, false) |
	some [via, pids] in _subscribe_contexts
} | {_subscribe_any_product(["bedrock-zzprobe.amazonaws.com"])}

# [aws:CalledViaLast, aws-marketplace:ProductId] of the fixed Subscribe probes
_subscribe_contexts := [
	[[], [sentinel_product]],
	[["bedrock.amazonaws.com"], [sentinel_product]],
	[["bedrock.amazonaws.com"], []],
	[["bedrock-mantle.amazonaws.com"], [sentinel_product]],
	[["bedrock-mantle.amazonaws.com"], []],
]

# Subscribe called through another service, for a product the gate leaves unknown (whatever the statement
# approves): only aws:CalledViaLast decides
_subscribe_any_product(via) := object.union(object.remove(subscribe(via, [], false), ["ctx", "product"]), {
	"ctx": object.remove(subscribe(via, [], false).ctx, ["aws-marketplace:productid"]),
	"product": "(any)",
})

subscribe(via, pids, witness) := {
	"surface": "subscribe",
	"action": "aws-marketplace:subscribe",
	"resource": "*",
	# which Region a Subscribe carries (one Bedrock makes on a first invoke in eu-central-1, say) is not in the facts
	# doc: aws:RequestedRegion is left unknown, so a Region condition neither keeps a grant from applying nor makes a
	# Deny apply (sixth attack: Subscribe was asked in us-east-1 only)
	"ctx": object.union(object.remove(_base_ctx("aws", "us-east-1"), ["aws:requestedregion"]), {
		"aws:calledvialast": via,
		"aws:calledvia": via,
		"aws-marketplace:productid": pids,
	}),
	"kind": "subscription",
	"model": "",
	"product": concat(",", pids),
	"witness": witness,
}
