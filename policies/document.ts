import { PolicyError } from "../core/errors";
import { canonicalJson } from "../core/canonical-json";
import type { PolicyStatement } from "./statement";

/** An immutable policy document; statements keep their given order, Sids must be unique. */
export class PolicyDocument {
  readonly statements: readonly PolicyStatement[];
  /** Canonical minified JSON: sorted keys, sorted de-duplicated lists, no whitespace. */
  readonly json: string;

  constructor(statements: readonly PolicyStatement[]) {
    if (statements.length === 0) throw new PolicyError("POLICY_DOCUMENT_INVALID", "a policy document needs at least one statement");
    const seen = new Set<string>();
    for (const s of statements) {
      if (seen.has(s.sid)) throw new PolicyError("POLICY_DOCUMENT_INVALID", `duplicate Sid ${JSON.stringify(s.sid)}`);
      seen.add(s.sid);
    }
    this.statements = Object.freeze([...statements]);
    this.json = canonicalJson({ Version: "2012-10-17", Statement: this.statements.map((s) => s.toJSON()) });
    Object.freeze(this);
  }

  /** Characters as sent (the SCP limit counts these). */
  get length(): number {
    return this.json.length;
  }

  /** Characters excluding whitespace (the IAM managed-policy limit counts these). */
  get nonWhitespaceLength(): number {
    return this.json.replace(/\s/g, "").length;
  }
}
