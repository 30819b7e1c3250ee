import { PolicyError } from "../core/errors";
import { deepFreeze } from "../core/canonical-json";

export type Effect = "Allow" | "Deny";
/** operator → key → values, e.g. {"StringEquals": {"aws:CalledViaLast": ["bedrock.amazonaws.com"]}}. */
export type Conditions = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface PolicyStatementProps {
  /** Alphanumeric PascalCase. */
  readonly sid: string;
  readonly effect: Effect;
  readonly actions: readonly string[];
  /** Exactly one of resources / notResources. */
  readonly resources?: readonly string[];
  readonly notResources?: readonly string[];
  /** @default none */
  readonly conditions?: Conditions;
}

const SID = /^[A-Z][A-Za-z0-9]*$/;
const ACTION = /^([a-z0-9-]+:[A-Za-z0-9*?]+|\*)$/;
const OPERATOR = /^((ForAnyValue|ForAllValues):)?[A-Za-z]+$/;

/** An immutable IAM/SCP statement whose lists are de-duplicated and sorted on arrival. */
export class PolicyStatement {
  readonly sid: string;
  readonly effect: Effect;
  readonly actions: readonly string[];
  readonly resources: readonly string[] | null;
  readonly notResources: readonly string[] | null;
  readonly conditions: Conditions | null;

  constructor(props: PolicyStatementProps) {
    const fail = (rule: string, value: unknown) => {
      throw new PolicyError("POLICY_STATEMENT_INVALID", `statement ${JSON.stringify(props.sid)}: ${rule} (got ${JSON.stringify(value)})`);
    };
    if (!SID.test(props.sid)) fail("Sid must be alphanumeric PascalCase", props.sid);
    if (props.effect !== "Allow" && props.effect !== "Deny") fail('Effect must be "Allow" or "Deny"', props.effect);
    if (props.actions.length === 0) fail("Action must not be empty", props.actions);
    for (const action of props.actions) if (!ACTION.test(action)) fail("each action must look like service:Action", action);
    if ((props.resources === undefined) === (props.notResources === undefined)) {
      fail("exactly one of Resource and NotResource must be given", { resources: props.resources, notResources: props.notResources });
    }
    const list = props.resources ?? props.notResources ?? [];
    if (list.length === 0) fail(`${props.resources ? "Resource" : "NotResource"} must not be empty`, list);
    for (const r of list) if (r !== "*" && !r.startsWith("arn:")) fail('each resource must be "*" or an ARN', r);
    let conditions: Record<string, Record<string, string[]>> | null = null;
    if (props.conditions !== undefined) {
      conditions = {};
      for (const [operator, keys] of Object.entries(props.conditions)) {
        if (!OPERATOR.test(operator)) fail("condition operator is not an IAM operator name", operator);
        const rendered: Record<string, string[]> = {};
        for (const [key, values] of Object.entries(keys)) {
          if (values.length === 0) fail(`condition ${operator} ${key} must have at least one value`, values);
          rendered[key] = sortedUnique(values);
        }
        conditions[operator] = rendered;
      }
    }
    this.sid = props.sid;
    this.effect = props.effect;
    this.actions = sortedUnique(props.actions);
    this.resources = props.resources ? sortedUnique(props.resources) : null;
    this.notResources = props.notResources ? sortedUnique(props.notResources) : null;
    this.conditions = conditions;
    deepFreeze(this);
  }

  /** The JSON value (keys are sorted later by canonicalJson). */
  toJSON(): Record<string, unknown> {
    return {
      Sid: this.sid,
      Effect: this.effect,
      Action: this.actions,
      ...(this.resources ? { Resource: this.resources } : {}),
      ...(this.notResources ? { NotResource: this.notResources } : {}),
      ...(this.conditions ? { Condition: this.conditions } : {}),
    };
  }
}

/** De-duplicated and sorted by code point. */
export function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
