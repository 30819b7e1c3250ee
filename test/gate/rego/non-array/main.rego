# Contract breach: findings is an object, not an array. The gate must fail closed.
package modelgate.main

findings := {"ruleId": "MG-0001"}
