# Contract breach: one finding lacks title and has an unknown severity. The gate must fail closed.
package modelgate.main

findings := [{
	"ruleId": "MG-0001", "longId": "x", "severity": "SEVERE", "remediation": "r",
	"message": "m", "address": "aws_iam_policy.x", "resourceType": "aws_iam_policy",
}]
