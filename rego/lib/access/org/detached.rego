# Part of package lib.access.org (its METADATA is in org.rego): attachments that several resources describe.
package lib.access.org

import data.lib.iam
import data.lib.tfplan

# AWS holds one attachment per policy and target, whatever number of resources describe it: a plan that deletes
# one of them (or drops the target from an awscc policy's target_ids) detaches the pair, and a resource for the
# same pair that it leaves in place no longer describes AWS (attack22: a duplicate, imported attachment). A
# resource the plan creates attaches the pair again.
_detached_elsewhere(rc, p, t) if {
	not "create" in rc.change.actions
	[p, t] in _detached_pairs
}

_detached_pairs contains [a.policy, a.target] if {
	some a in attached_before
	tfplan.removes(a.rc)
	not a.rc.change.before.skip_destroy == true
}

_detached_pairs contains [a.policy, a.target] if {
	some a in attached_before
	a.rc.type == "awscc_organizations_policy"
	not tfplan.removes(a.rc)
	not a.target in {t | some t in iam.as_array(object.get(object.get(a.rc.change, "after", {}), "target_ids", []))}
}
