# Contract breach: findings is undefined unless the input has a field no plan has. The gate must fail closed.
package modelgate.main

findings := [] if input.never_present
