/**
 * Proves that the test oracle (test/support/iam-oracle.ts) behaves like IAM on the facts the renderer and
 * the gate depend on (../shared/docs/bedrock-access-facts.md §1, §2, §6, §10). Every behavioural test pairs
 * the case under test with a control case that flips the decision, so none can pass vacuously.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  evaluate,
  evaluateDetailed,
  isAllowed,
  foundationModelArn,
  globalFoundationModelArn,
  inferenceProfileArn,
  FULL_AWS_ACCESS,
  OracleInputError,
  type OracleRequest,
} from "./iam-oracle";

const ACCOUNT = "111122223333";
const NOVA_LITE = "amazon.nova-lite-v1:0";
const NOVA_PRO = "amazon.nova-pro-v1:0";
const HAIKU_45 = "anthropic.claude-haiku-4-5-20251001-v1:0";
const HAIKU_45_PRODUCT = "prod-xdkflymybwmvi";

type Fixtures = Record<
  "novaLiteOnlyIam" | "allowThenDenyIam" | "denyDeepSeekScp" | "allowListNovaScp" | "threeClaudeJitSubscribeIam",
  unknown
>;
const fixtures = JSON.parse(
  readFileSync(join(__dirname, "..", "fixtures", "oracle", "facts-s10-corrected-policies.json"), "utf8"),
) as Fixtures;
/** Corrected policy N from facts §10, minified as the renderer would send it. */
const corrected = (name: keyof Fixtures): string => JSON.stringify(fixtures[name]);

const policy = (...statements: object[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const ALLOW_INVOKE_ANY = policy({
  Effect: "Allow",
  Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
  Resource: "*",
});
const ALLOW_SUBSCRIBE_ANY = policy({ Effect: "Allow", Action: "aws-marketplace:Subscribe", Resource: "*" });

/** Root, one OU and the account level, each with FullAWSAccess only (added by the harness). */
const NO_EXTRA_SCPS: string[][] = [[], [], []];

function invoke(resource: string, identityPolicies: string[], scps: string[][] = NO_EXTRA_SCPS): OracleRequest {
  return { scps, identityPolicies, action: "bedrock:InvokeModel", resource, principalAccount: ACCOUNT };
}

function subscribe(identityPolicies: string[], context: Record<string, string | string[]>): OracleRequest {
  return { scps: NO_EXTRA_SCPS, identityPolicies, action: "aws-marketplace:Subscribe", resource: "*", context, principalAccount: ACCOUNT };
}

describe("iam-oracle ARN helpers: build exactly the ARNs IAM evaluates and refuse incomplete ones", () => {
  it("builds Regional FM, Region-less FM and system-profile ARNs", () => {
    // GIVEN a Region, an account and a model
    // WHEN the helpers build ARNs
    // THEN the FM ARN has an empty account, the profile ARN carries the caller's account
    expect(foundationModelArn("us-east-1", NOVA_LITE)).toBe("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0");
    expect(globalFoundationModelArn(NOVA_LITE)).toBe("arn:aws:bedrock:::foundation-model/amazon.nova-lite-v1:0");
    expect(inferenceProfileArn("us-east-1", ACCOUNT, "us", NOVA_LITE)).toBe(
      "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0",
    );
  });

  it("refuses an empty account, a wildcard Region and a wildcard model ID", () => {
    // GIVEN inputs that would make a pattern rather than a request ARN
    // WHEN the helpers are called
    // THEN they throw with the offending value
    expect(() => inferenceProfileArn("us-east-1", "", "us", NOVA_LITE)).toThrow('arn.account.invalid: not a 12-digit account ID: ""');
    expect(() => foundationModelArn("*", NOVA_LITE)).toThrow('arn.region.invalid: not a concrete AWS Region: "*"');
    expect(() => foundationModelArn("us-east-1", "amazon.nova-*")).toThrow('arn.model.invalid: not a concrete model ID: "amazon.nova-*"');
  });
});

describe("iam-oracle: an empty account segment in a pattern never matches a real profile ARN (facts §2)", () => {
  const profile = inferenceProfileArn("us-east-1", ACCOUNT, "us", NOVA_LITE);

  it("denies a profile allowed only through arn:aws:bedrock:*::inference-profile/…", async () => {
    // GIVEN an identity policy whose profile pattern has an empty account segment (the article's bug)
    const emptyAccount = policy({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: `arn:aws:bedrock:*::inference-profile/us.${NOVA_LITE}` });
    // WHEN a real profile ARN in a 12-digit account is invoked
    // THEN nothing allows it
    await expect(evaluate(invoke(profile, [emptyAccount]))).resolves.toBe("ImplicitlyDenied");
  });

  it("allows the same profile through arn:aws:bedrock:*:*:inference-profile/… and through the literal account", async () => {
    // GIVEN the same pattern with `*` or the literal account in the account segment
    const starAccount = policy({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: `arn:aws:bedrock:*:*:inference-profile/us.${NOVA_LITE}` });
    const literalAccount = policy({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/us.${NOVA_LITE}` });
    // WHEN the profile is invoked
    // THEN both allow it
    await expect(evaluate(invoke(profile, [starAccount]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(profile, [literalAccount]))).resolves.toBe("Allowed");
  });
});

describe("iam-oracle: a `*` Region matches every Regional foundation-model ARN (facts §2, corrected policy 1)", () => {
  it.each(["us-east-1", "eu-west-3", "ap-southeast-2"])("allows Nova Lite in %s and its profile, but not Nova Pro", async (region) => {
    // GIVEN corrected policy 1 (Nova Lite only)
    const iam = corrected("novaLiteOnlyIam");
    // WHEN Nova Lite's FM ARN and an `eu.` profile in this Region are invoked, and Nova Pro's FM ARN
    // THEN Nova Lite is allowed both ways and Nova Pro is not
    await expect(evaluate(invoke(foundationModelArn(region, NOVA_LITE), [iam]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(inferenceProfileArn(region, ACCOUNT, "eu", NOVA_LITE), [iam]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(foundationModelArn(region, NOVA_PRO), [iam]))).resolves.toBe("ImplicitlyDenied");
  });
});

describe("iam-oracle: a Deny + NotResource allow-list SCP blocks unlisted models and passes listed ones (corrected policy 4)", () => {
  // GIVEN corrected policy 4 attached at the OU level beside FullAWSAccess, and an identity allowing all invokes
  const scps = [[], [corrected("allowListNovaScp")], []];

  it("passes a listed model by FM ARN and by profile ARN", async () => {
    // WHEN Nova Lite is invoked directly and through a `us.` profile
    // THEN the SCP does not fire
    await expect(evaluate(invoke(foundationModelArn("us-west-2", NOVA_LITE), [ALLOW_INVOKE_ANY], scps))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(inferenceProfileArn("us-west-2", ACCOUNT, "us", NOVA_LITE), [ALLOW_INVOKE_ANY], scps))).resolves.toBe("Allowed");
  });

  it("explicitly denies an unlisted model by FM ARN and by profile ARN, for both invoke actions", async () => {
    // WHEN Claude Haiku 4.5 is invoked, streaming and not
    // THEN the SCP's Deny fires
    for (const action of ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]) {
      for (const resource of [foundationModelArn("us-west-2", HAIKU_45), inferenceProfileArn("us-west-2", ACCOUNT, "us", HAIKU_45)]) {
        await expect(evaluate({ ...invoke(resource, [ALLOW_INVOKE_ANY], scps), action })).resolves.toBe("ExplicitlyDenied");
      }
    }
  });
});

describe("iam-oracle: every SCP level must allow and a Deny anywhere wins", () => {
  const fm = foundationModelArn("us-east-1", NOVA_LITE);

  it("denies when any one of identity policy, root, OU or account SCP denies", async () => {
    // GIVEN an identity that allows every invoke, and a Deny on this model placed in one place at a time
    const deny = policy({ Effect: "Deny", Action: "bedrock:InvokeModel", Resource: fm });
    // WHEN the model is invoked
    // THEN the Deny wins wherever it sits
    await expect(evaluate(invoke(fm, [ALLOW_INVOKE_ANY, deny]))).resolves.toBe("ExplicitlyDenied");
    await expect(evaluate(invoke(fm, [ALLOW_INVOKE_ANY], [[deny], [], []]))).resolves.toBe("ExplicitlyDenied");
    await expect(evaluate(invoke(fm, [ALLOW_INVOKE_ANY], [[], [deny], []]))).resolves.toBe("ExplicitlyDenied");
    await expect(evaluate(invoke(fm, [ALLOW_INVOKE_ANY], [[], [], [deny]]))).resolves.toBe("ExplicitlyDenied");
    // and the control, without the Deny, is allowed
    await expect(evaluate(invoke(fm, [ALLOW_INVOKE_ANY]))).resolves.toBe("Allowed");
  });

  it("denies when one level has no allowing SCP, and allows when FullAWSAccess is supplied there explicitly", async () => {
    // GIVEN FullAWSAccess is NOT added automatically, and the OU level lacks it
    const base = { ...invoke(fm, [ALLOW_INVOKE_ANY]), addFullAwsAccess: false };
    // WHEN the model is invoked
    // THEN the OU level implicitly denies; supplying FullAWSAccess at all three levels allows
    await expect(evaluate({ ...base, scps: [[FULL_AWS_ACCESS], [], [FULL_AWS_ACCESS]] })).resolves.toBe("ImplicitlyDenied");
    await expect(evaluate({ ...base, scps: [[FULL_AWS_ACCESS], [FULL_AWS_ACCESS], [FULL_AWS_ACCESS]] })).resolves.toBe("Allowed");
  });

  it("never lets SCPs grant: with FullAWSAccess everywhere but no identity allow, the request is implicitly denied", async () => {
    // GIVEN no identity policy
    // WHEN the model is invoked
    // THEN it is not allowed
    await expect(isAllowed(invoke(fm, []))).resolves.toBe(false);
  });
});

describe("iam-oracle: ForAllValues on an absent key grants in an Allow, ForAnyValue does not (facts §6)", () => {
  const condition = (operator: string): string =>
    policy({ Effect: "Allow", Action: "aws-marketplace:Subscribe", Resource: "*", Condition: { [operator]: { "aws-marketplace:ProductId": [HAIKU_45_PRODUCT] } } });

  it("ForAllValues:StringEquals allows Subscribe without aws-marketplace:ProductId (the article's bug)", async () => {
    // GIVEN an Allow on Subscribe with ForAllValues:StringEquals on ProductId
    // WHEN the request carries no ProductId
    // THEN the vacuous ForAllValues grants it
    await expect(evaluate(subscribe([condition("ForAllValues:StringEquals")], {}))).resolves.toBe("Allowed");
  });

  it("ForAnyValue:StringEquals denies Subscribe without ProductId and allows it only for a listed ProductId", async () => {
    // GIVEN the same Allow with ForAnyValue:StringEquals
    const iam = condition("ForAnyValue:StringEquals");
    // WHEN the key is absent, unlisted, or listed
    // THEN only the listed product is allowed
    await expect(evaluate(subscribe([iam], {}))).resolves.toBe("ImplicitlyDenied");
    await expect(evaluate(subscribe([iam], { "aws-marketplace:ProductId": "prod-notapproved00" }))).resolves.toBe("ImplicitlyDenied");
    await expect(evaluate(subscribe([iam], { "aws-marketplace:ProductId": HAIKU_45_PRODUCT }))).resolves.toBe("Allowed");
  });

  it("ForAllValues:StringEquals still denies a present ProductId outside the list", async () => {
    // GIVEN the ForAllValues Allow
    // WHEN the request carries an unlisted ProductId
    // THEN it is not allowed (the bug is only the absent key)
    await expect(evaluate(subscribe([condition("ForAllValues:StringEquals")], { "aws-marketplace:ProductId": "prod-notapproved00" }))).resolves.toBe(
      "ImplicitlyDenied",
    );
  });
});

describe("iam-oracle: StringEquals aws:CalledViaLast=bedrock.amazonaws.com gates Subscribe (corrected policy 5)", () => {
  const iam = corrected("threeClaudeJitSubscribeIam");

  it("allows Subscribe for an approved product only when called via Bedrock", async () => {
    // GIVEN corrected policy 5
    // WHEN Subscribe for Haiku 4.5's product is called directly, via mantle, and via Bedrock
    // THEN only the Bedrock-called request is allowed
    await expect(evaluate(subscribe([iam], { "aws-marketplace:ProductId": HAIKU_45_PRODUCT }))).resolves.toBe("ImplicitlyDenied");
    await expect(
      evaluate(subscribe([iam], { "aws-marketplace:ProductId": HAIKU_45_PRODUCT, "aws:CalledViaLast": "bedrock-mantle.amazonaws.com" })),
    ).resolves.toBe("ImplicitlyDenied");
    await expect(
      evaluate(subscribe([iam], { "aws-marketplace:ProductId": HAIKU_45_PRODUCT, "aws:CalledViaLast": "bedrock.amazonaws.com" })),
    ).resolves.toBe("Allowed");
  });

  it("denies Subscribe via Bedrock for a product that is not approved, or with no ProductId", async () => {
    // GIVEN corrected policy 5
    // WHEN Subscribe via Bedrock carries an unapproved ProductId, or none
    // THEN ForAnyValue fails closed
    await expect(evaluate(subscribe([iam], { "aws-marketplace:ProductId": "prod-notapproved00", "aws:CalledViaLast": "bedrock.amazonaws.com" }))).resolves.toBe(
      "ImplicitlyDenied",
    );
    await expect(evaluate(subscribe([iam], { "aws:CalledViaLast": "bedrock.amazonaws.com" }))).resolves.toBe("ImplicitlyDenied");
  });

  it("allows ViewSubscriptions only when called via Bedrock", async () => {
    // GIVEN corrected policy 5
    // WHEN ViewSubscriptions is called without and with aws:CalledViaLast
    // THEN only the Bedrock-called request is allowed
    const view = (context: Record<string, string>): OracleRequest => ({ ...subscribe([iam], context), action: "aws-marketplace:ViewSubscriptions" });
    await expect(evaluate(view({}))).resolves.toBe("ImplicitlyDenied");
    await expect(evaluate(view({ "aws:CalledViaLast": "bedrock.amazonaws.com" }))).resolves.toBe("Allowed");
  });

  it("allows the approved Claude models by profile in a real account, and not by an unlisted `eu.` profile", async () => {
    // GIVEN corrected policy 5, which lists `us.` profiles only
    // WHEN Haiku 4.5 is invoked through `us.` and `eu.` profiles
    // THEN only the `us.` profile is allowed
    await expect(evaluate(invoke(inferenceProfileArn("us-east-1", ACCOUNT, "us", HAIKU_45), [iam]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(inferenceProfileArn("eu-west-1", ACCOUNT, "eu", HAIKU_45), [iam]))).resolves.toBe("ImplicitlyDenied");
  });
});

describe("iam-oracle: action matching is case-insensitive and honours wildcards (facts §4)", () => {
  const fm = foundationModelArn("us-east-1", NOVA_LITE);

  it("a policy naming bedrock:invokemodel grants bedrock:InvokeModel", async () => {
    // GIVEN an Allow whose action name is all lower case
    const lower = policy({ Effect: "Allow", Action: "bedrock:invokemodel", Resource: "*" });
    // WHEN InvokeModel is requested
    // THEN it is allowed
    await expect(evaluate(invoke(fm, [lower]))).resolves.toBe("Allowed");
  });

  it("a Deny naming BEDROCK:INVOKEMODEL denies bedrock:InvokeModel", async () => {
    // GIVEN an allow-all identity and an upper-case Deny
    const upperDeny = policy({ Effect: "Deny", Action: "BEDROCK:INVOKEMODEL", Resource: "*" });
    // WHEN InvokeModel is requested
    // THEN the Deny matches
    await expect(evaluate(invoke(fm, [ALLOW_INVOKE_ANY, upperDeny]))).resolves.toBe("ExplicitlyDenied");
  });

  it("bedrock:Invoke* grants InvokeModelWithResponseStream but not GetFoundationModel", async () => {
    // GIVEN an Allow on bedrock:Invoke*
    const invokeStar = policy({ Effect: "Allow", Action: "bedrock:Invoke*", Resource: "*" });
    // WHEN the streaming invoke and a Get are requested on the same model
    // THEN the wildcard covers only the invoke
    await expect(evaluate({ ...invoke(fm, [invokeStar]), action: "bedrock:InvokeModelWithResponseStream" })).resolves.toBe("Allowed");
    await expect(evaluate({ ...invoke(fm, [invokeStar]), action: "bedrock:GetFoundationModel" })).resolves.toBe("ImplicitlyDenied");
  });
});

describe("iam-oracle: corrected policies 2 and 3 behave as the facts doc says (§10)", () => {
  it("allow-then-deny IAM exempts Nova profiles and explicitly denies other models", async () => {
    // GIVEN corrected policy 2
    const iam = corrected("allowThenDenyIam");
    // WHEN a Nova profile, a Nova FM and a Claude FM are invoked
    // THEN Nova is allowed both ways and Claude is explicitly denied
    await expect(evaluate(invoke(inferenceProfileArn("eu-central-1", ACCOUNT, "eu", NOVA_PRO), [iam]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(foundationModelArn("eu-central-1", NOVA_PRO), [iam]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(foundationModelArn("eu-central-1", HAIKU_45), [iam]))).resolves.toBe("ExplicitlyDenied");
  });

  it("the DeepSeek deny-list SCP denies DeepSeek FM ARNs and leaves other models allowed", async () => {
    // GIVEN corrected policy 3 at the root
    const scps = [[corrected("denyDeepSeekScp")], [], []];
    // WHEN a DeepSeek model and Nova Lite are invoked
    // THEN only DeepSeek is denied
    await expect(evaluate(invoke(foundationModelArn("us-east-1", "deepseek.r1-v1:0"), [ALLOW_INVOKE_ANY], scps))).resolves.toBe("ExplicitlyDenied");
    await expect(evaluate(invoke(foundationModelArn("us-east-1", NOVA_LITE), [ALLOW_INVOKE_ANY], scps))).resolves.toBe("Allowed");
  });
});

describe("iam-oracle: refuses requests it cannot evaluate faithfully instead of guessing", () => {
  it("rejects the Region-less global FM ARN (so cover that form with direct pattern tests)", async () => {
    // The facts doc and issue #2 say this evaluator rejects `arn:aws:bedrock:::foundation-model/ID`.
    // Checked for @cloud-copilot/iam-simulate 0.1.173: TRUE. iam-data's foundation-model ARN template has a
    // Region placeholder, the empty Region matches no resource type of InvokeModel, and runSimulation returns
    // the error `no.resource.types`. If this test starts failing, the evaluator learned the form: switch the
    // global-CRIS tests over to it.
    // GIVEN an identity that allows every invoke on `*`
    // WHEN the Region-less FM ARN is evaluated
    // THEN the oracle throws iam-simulate's error code
    await expect(evaluate(invoke(globalFoundationModelArn(NOVA_LITE), [ALLOW_INVOKE_ANY]))).rejects.toThrow(
      "no.resource.types: iam-simulate rejected the request: no.resource.types",
    );
  });

  it("rejects names that are not IAM actions, such as bedrock:Converse", async () => {
    // GIVEN a request for an operation name that the SAR does not list as an action
    // WHEN it is evaluated
    // THEN the oracle throws instead of answering ImplicitlyDenied
    await expect(evaluate({ ...invoke(foundationModelArn("us-east-1", NOVA_LITE), [ALLOW_INVOKE_ANY]), action: "bedrock:Converse" })).rejects.toThrow(
      "invalid.action: iam-simulate rejected the request: invalid.action",
    );
  });

  it("rejects policy text that is not JSON, naming the policy", async () => {
    // GIVEN an identity policy with a curly quote, as in the article's block 1
    const curly = "{\u201cVersion\u201d:\"2012-10-17\"}";
    // WHEN it is evaluated
    // THEN the error names the policy and the code
    const error = await evaluate(invoke(foundationModelArn("us-east-1", NOVA_LITE), [curly])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OracleInputError);
    expect((error as OracleInputError).code).toBe("policy.json");
    expect((error as OracleInputError).message).toMatch(/^policy\.json: identityPolicies\[0\] is not JSON: /);
  });

  it("rejects a JSON document that is not a valid policy", async () => {
    // GIVEN an SCP statement without Effect
    const noEffect = JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "*", Resource: "*" }] });
    // WHEN it is evaluated
    // THEN the oracle throws iam-simulate's validation error code
    await expect(evaluate(invoke(foundationModelArn("us-east-1", NOVA_LITE), [ALLOW_INVOKE_ANY], [[noEffect], [], []]))).rejects.toMatchObject({
      code: "policy.errors",
    });
  });

  it("rejects a wildcard resource for an action with resource-level permissions", async () => {
    // GIVEN a request whose resource is a pattern
    // WHEN it is evaluated
    // THEN the oracle throws (it answers for one concrete ARN only)
    await expect(evaluate(invoke("arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-*", [ALLOW_INVOKE_ANY]))).rejects.toThrow(
      'resource.wildcard: resource must be one concrete ARN, got "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-*"',
    );
  });

  it("rejects an array for a single-valued context key", async () => {
    // GIVEN aws:CalledViaLast (single-valued) passed as an array
    // WHEN it is evaluated
    // THEN the oracle throws rather than keep only the first element
    await expect(evaluate(subscribe([ALLOW_SUBSCRIBE_ANY], { "aws:CalledViaLast": ["bedrock.amazonaws.com"] }))).rejects.toThrow(
      'context.value.invalid: aws:CalledViaLast is single-valued; pass a string, not ["bedrock.amazonaws.com"]',
    );
  });
});

describe("iam-oracle: context keys the SAR does not list for the action are evaluated, dropped or rejected on request", () => {
  const iam = policy({
    Effect: "Allow",
    Action: "aws-marketplace:Subscribe",
    Resource: "*",
    Condition: { "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": [HAIKU_45_PRODUCT] } },
  });
  const request = subscribe([iam], { "aws-marketplace:ProductId": HAIKU_45_PRODUCT });

  it("by default keeps aws-marketplace:ProductId on Subscribe and reports it as not in the SAR", async () => {
    // GIVEN Subscribe with a ProductId, which the SAR lists no condition keys for
    // WHEN it is evaluated with the default mode
    // THEN the key is evaluated and reported
    await expect(evaluateDetailed(request)).resolves.toEqual({
      decision: "Allowed",
      resourceType: undefined,
      contextKeysNotInSar: ["aws-marketplace:ProductId"],
    });
  });

  it("drops the key like iam-simulate does with mode drop, and throws with mode reject", async () => {
    // GIVEN the same request
    // WHEN evaluated with mode drop and mode reject
    // THEN drop evaluates it as keyless (ForAnyValue fails) and reject throws
    await expect(evaluate({ ...request, unlistedContextKeys: "drop" })).resolves.toBe("ImplicitlyDenied");
    await expect(evaluate({ ...request, unlistedContextKeys: "reject" })).rejects.toThrow(
      "context.key.not.in.sar: aws-marketplace:Subscribe does not list aws-marketplace:ProductId in the Service Authorization Reference",
    );
  });

  it("reports the SAR resource type and no unlisted keys for an ordinary invoke", async () => {
    // GIVEN an invoke with bedrock:InferenceProfileArn, which the SAR lists for InvokeModel
    // WHEN it is evaluated in detail
    // THEN nothing is reported as unlisted
    await expect(
      evaluateDetailed({
        ...invoke(foundationModelArn("us-east-1", NOVA_LITE), [ALLOW_INVOKE_ANY]),
        context: { "bedrock:InferenceProfileArn": inferenceProfileArn("us-east-1", ACCOUNT, "us", NOVA_LITE) },
      }),
    ).resolves.toEqual({ decision: "Allowed", resourceType: "foundation-model", contextKeysNotInSar: [] });
  });
});

describe("iam-oracle: known iam-simulate 0.1.173 quirks stay pinned so a change is noticed", () => {
  it("refuses request ARNs that fit no SAR template: a profile without account, an FM with one", async () => {
    // GIVEN an allow-all identity
    // WHEN a profile ARN with an empty account and an FM ARN with an account are evaluated
    // THEN both are refused, so tests must build request ARNs with the helpers
    const profileNoAccount = `arn:aws:bedrock:us-east-1::inference-profile/us.${NOVA_LITE}`;
    const fmWithAccount = `arn:aws:bedrock:us-east-1:${ACCOUNT}:foundation-model/${NOVA_LITE}`;
    await expect(evaluate(invoke(profileNoAccount, [ALLOW_INVOKE_ANY]))).rejects.toMatchObject({ code: "no.resource.types" });
    await expect(evaluate(invoke(fmWithAccount, [ALLOW_INVOKE_ANY]))).rejects.toMatchObject({ code: "no.resource.types" });
  });

  it("compares the Region segment case-insensitively but the resource part case-sensitively", async () => {
    // KNOWN DIVERGENCE from IAM, which compares ARNs as written: do not generate policies whose only
    // difference from the request is the letter case of partition, service, Region or account.
    // GIVEN policies that differ from the request only in letter case
    const upperRegion = policy({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: `arn:aws:bedrock:US-EAST-1::foundation-model/${NOVA_LITE}` });
    const upperModel = policy({ Effect: "Allow", Action: "bedrock:InvokeModel", Resource: "arn:aws:bedrock:us-east-1::foundation-model/Amazon.nova-lite-v1:0" });
    // WHEN the lower-case FM ARN is invoked
    // THEN the upper-case Region matches and the upper-case model ID does not
    const fm = foundationModelArn("us-east-1", NOVA_LITE);
    await expect(evaluate(invoke(fm, [upperRegion]))).resolves.toBe("Allowed");
    await expect(evaluate(invoke(fm, [upperModel]))).resolves.toBe("ImplicitlyDenied");
  });
});
