/**
 * What the stacks rendered, read from the synthesized cdk.tf.json files, in the same shape as the read-back dump:
 * the expectation a deploy must meet in AWS.
 */
import { readFileSync, readdirSync } from "node:fs";
import * as path from "node:path";

interface SynthStack {
  provider?: { aws?: { allowed_account_ids?: string[] }[] };
  resource?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface RenderedScp {
  readonly name: string;
  readonly description: string;
  readonly content: string;
  readonly targets: readonly string[];
}

export interface RenderedPolicy {
  readonly name: string;
  readonly description: string;
  readonly document: string;
  readonly roles: readonly string[];
  readonly groups: readonly string[];
}

export interface Rendered {
  readonly scps: readonly RenderedScp[];
  /** Account ID → the IAM policies its stack manages, with the roles and groups they are attached to. */
  readonly accounts: Readonly<Record<string, readonly RenderedPolicy[]>>;
}

const REF = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_]+)\.([a-z_]+)\}$/;

/** Resolve "${type.name.attr}" against the stack's own resources (only literal attributes can be resolved). */
function resolve(stack: SynthStack, value: unknown): { type: string; name: string; attr: string; literal?: unknown } | string {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  const m = REF.exec(value);
  if (!m) return value;
  const [, type, name, attr] = m as unknown as [string, string, string, string];
  const target = stack.resource?.[type]?.[name];
  if (target === undefined) throw new Error(`dangling reference ${value}`);
  return { type, name, attr, literal: target[attr] };
}

function readStack(file: string): SynthStack {
  return JSON.parse(readFileSync(file, "utf8")) as SynthStack;
}

export function renderedFrom(synthOutDir: string): Rendered {
  const stacksDir = path.join(synthOutDir, "stacks");
  const scps: RenderedScp[] = [];
  const accounts: Record<string, RenderedPolicy[]> = {};
  for (const name of readdirSync(stacksDir).sort()) {
    const stack = readStack(path.join(stacksDir, name, "cdk.tf.json"));
    const res = stack.resource ?? {};
    for (const [id, p] of Object.entries(res.aws_organizations_policy ?? {})) {
      const targets = Object.values(res.aws_organizations_policy_attachment ?? {})
        .filter((a) => {
          const r = resolve(stack, a.policy_id);
          return typeof r !== "string" && r.name === id;
        })
        .map((a) => String(a.target_id))
        .sort();
      scps.push({ name: String(p.name), description: String(p.description ?? ""), content: String(p.content), targets });
    }
    const account = stack.provider?.aws?.[0]?.allowed_account_ids?.[0];
    if (account === undefined) continue;
    const policies: RenderedPolicy[] = [];
    for (const [id, p] of Object.entries(res.aws_iam_policy ?? {})) {
      const attachedTo = (type: string, key: string) =>
        Object.values(res[type] ?? {})
          .filter((a) => {
            const r = resolve(stack, a.policy_arn);
            return typeof r !== "string" && r.name === id;
          })
          .map((a) => {
            const principal = resolve(stack, a[key]);
            return typeof principal === "string" ? principal : String(principal.literal);
          })
          .sort();
      policies.push({
        name: String(p.name),
        description: String(p.description ?? ""),
        document: String(p.policy),
        roles: attachedTo("aws_iam_role_policy_attachment", "role"),
        groups: attachedTo("aws_iam_group_policy_attachment", "group"),
      });
    }
    accounts[account] = policies.sort((a, b) => a.name.localeCompare(b.name));
  }
  return { scps: scps.sort((a, b) => a.name.localeCompare(b.name)), accounts };
}
