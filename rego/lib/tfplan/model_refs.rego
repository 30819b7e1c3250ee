# Part of package lib.tfplan (its METADATA is in tfplan.rego): the model reference (iam.model_ref) of every
# Resource and NotResource pattern of the plan's documents, parsed once per evaluation instead of once per rule
# that asks (several rules read the same patterns).
package lib.tfplan

import data.lib.iam

# model_refs: {arn: iam.model_ref(arn)} for each pattern of the documents that names a Bedrock model. A complete
# rule looked up as a whole object: Go OPA would evaluate a partial object rule's body again for every lookup of a
# bound key (walking every document each time); the wasm builds either once.
# regal ignore:prefer-set-or-object-rule
model_refs := {arn: ref |
	some arn in _document_patterns
	ref := iam.model_ref(arn)
}

_document_patterns contains arn if {
	some d in document_list
	some arn in iam.resource_patterns(d.doc)
}

# model_ref(arn): iam.model_ref(arn), looked up when a document names it
model_ref(arn) := ref if {
	ref := model_refs[arn]
} else := iam.model_ref(arn)
