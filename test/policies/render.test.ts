import fc from "fast-check";
import { GEOGRAPHIES, loadCatalog, wildcardToRegExp, type Geography } from "../../catalog";
import type { ApprovedModels, MarketplaceMode } from "../../config";
import { canonicalJson } from "../../core/canonical-json";
import {
  PolicyStatement,
  foundationModelArn,
  inferenceProfileArn,
  renderAccountPolicies,
  renderAllowListScps,
  renderTrustPolicy,
  MANAGED_POLICY_MAX_CHARS,
  SCP_MAX_CHARS,
  type PolicyDocument,
} from "../../policies";

const catalog = loadCatalog();
const SUBSCRIBE: MarketplaceMode = { mode: "subscribe-on-first-call" };
const DESIGNATED: MarketplaceMode = { mode: "designated-subscriber", subscriberRoleName: "MarketplaceAdmin" };
const NO_SURFACES = { bedrockMantle: false, claudePlatform: false, apiKeys: false };
const ALL_SURFACES = { bedrockMantle: true, claudePlatform: true, apiKeys: true };

function approved(models: string[], geographies: Geography[], extra: Partial<ApprovedModels> = {}): ApprovedModels {
  return { models, literalPatterns: [], geographies, regions: null, deny: NO_SURFACES, ...extra };
}

describe("arn: foundation-model and inference-profile ARNs have the segments IAM can match", () => {
  it("renders a foundation-model ARN with a * Region and an empty account", () => {
    // GIVEN a model WHEN its ARN is built THEN it is the documented form
    expect(foundationModelArn("amazon.nova-lite-v1:0")).toBe("arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0");
  });

  it("covers the Region-less global form through the * Region (checked here because the IAM simulator rejects that form)", () => {
    // GIVEN the ARN pattern WHEN matched against the Regional and the Region-less ARN THEN both match, a profile does not
    const re = wildcardToRegExp(foundationModelArn("anthropic.claude-sonnet-4-5-20250929-v1:0"));
    expect(re.test("arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe(true);
    expect(re.test("arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe(true);
    expect(re.test("arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe(false);
  });

  it("never renders an empty account segment in a profile ARN", () => {
    // GIVEN the default and a literal account WHEN built THEN the account is * or the ID
    expect(inferenceProfileArn("us", "amazon.nova-lite-v1:0")).toBe("arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-lite-v1:0");
    expect(inferenceProfileArn("eu", "amazon.nova-lite-v1:0", "123456789012", "eu-west-1")).toBe(
      "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0",
    );
    // AND an empty account is refused with the rule
    expect(() => inferenceProfileArn("us", "amazon.nova-lite-v1:0", "")).toThrow('inference-profile ARN account must be a 12-digit account ID or "*" (got "")');
  });
});

describe("PolicyStatement: checks its input on arrival and renders sorted, de-duplicated lists", () => {
  it("sorts and de-duplicates actions, resources and condition values", () => {
    // GIVEN unsorted lists with duplicates WHEN a statement is built THEN they are sorted and unique
    const s = new PolicyStatement({
      sid: "AllowX",
      effect: "Allow",
      actions: ["s3:b", "s3:a", "s3:b"],
      resources: ["arn:b", "arn:a", "arn:a"],
      conditions: { StringEquals: { "aws:k": ["z", "y", "z"] } },
    });
    expect(canonicalJson(s.toJSON())).toBe('{"Action":["s3:a","s3:b"],"Condition":{"StringEquals":{"aws:k":["y","z"]}},"Effect":"Allow","Resource":["arn:a","arn:b"],"Sid":"AllowX"}');
  });

  it("rejects a Sid that is not alphanumeric PascalCase", () => {
    expect(() => new PolicyStatement({ sid: "allow-x", effect: "Allow", actions: ["s3:a"], resources: ["*"] })).toThrow(
      'statement "allow-x": Sid must be alphanumeric PascalCase (got "allow-x")',
    );
  });

  it("rejects both Resource and NotResource", () => {
    expect(() => new PolicyStatement({ sid: "X", effect: "Deny", actions: ["s3:a"], resources: ["*"], notResources: ["*"] })).toThrow(
      'statement "X": exactly one of Resource and NotResource must be given (got {"resources":["*"],"notResources":["*"]})',
    );
  });
});

describe("renderAllowListScps: a Deny + NotResource allow-list of exactly the approved ARNs", () => {
  it("renders one model in one geography (golden)", () => {
    // GIVEN Nova Lite approved for us profiles only, no surface denials
    const result = renderAllowListScps(catalog, { name: "root", approved: approved(["amazon.nova-lite-v1:0"], ["us"]), marketplace: SUBSCRIBE });
    // THEN the FM ARN (any Region) and the us profile (any account) are exempt, nothing else
    expect(result.strategy).toBe("exact");
    expect(result.documents.map((d) => d.json)).toEqual([
      '{"Statement":[{"Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Effect":"Deny","NotResource":["arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-lite-v1:0","arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0"],"Sid":"DenyInvokeExceptApprovedModels"}],"Version":"2012-10-17"}',
    ]);
  });

  it("adds the mantle, Claude Platform, API-key and designated-subscriber statements (golden)", () => {
    // GIVEN a mantle-capable model with no profiles, every surface denied, designated-subscriber mode
    const result = renderAllowListScps(catalog, {
      name: "root",
      approved: approved(["mistral.mistral-large-3-675b-instruct"], [], { deny: ALL_SURFACES }),
      marketplace: DESIGNATED,
    });
    // THEN mantle is denied except that model, and only on the two actions that carry bedrock-mantle:Model
    expect(result.documents.map((d) => d.json)).toEqual([
      '{"Statement":[' +
        '{"Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Effect":"Deny","NotResource":["arn:aws:bedrock:*::foundation-model/mistral.mistral-large-3-675b-instruct"],"Sid":"DenyInvokeExceptApprovedModels"},' +
        '{"Action":["bedrock-mantle:CreateFineTuningJob","bedrock-mantle:CreateInference"],"Condition":{"StringNotLike":{"bedrock-mantle:Model":["mistral.mistral-large-3-675b-instruct"]}},"Effect":"Deny","Resource":["*"],"Sid":"DenyMantleInferenceExceptApprovedModels"},' +
        '{"Action":["aws-external-anthropic:*"],"Effect":"Deny","Resource":["*"],"Sid":"DenyClaudePlatformOnAws"},' +
        '{"Action":["bedrock-mantle:CallWithBearerToken","bedrock:CallWithBearerToken"],"Effect":"Deny","Resource":["*"],"Sid":"DenyBedrockApiKeyCalls"},' +
        '{"Action":["iam:CreateServiceSpecificCredential"],"Condition":{"StringEquals":{"iam:ServiceSpecificCredentialServiceName":["bedrock.amazonaws.com"]}},"Effect":"Deny","Resource":["*"],"Sid":"DenyBedrockApiKeyCreation"},' +
        '{"Action":["aws-marketplace:Subscribe","aws-marketplace:Unsubscribe","bedrock:CreateFoundationModelAgreement"],"Condition":{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/MarketplaceAdmin"]}},"Effect":"Deny","Resource":["*"],"Sid":"DenyMarketplaceSubscriptionExceptSubscriber"}' +
        '],"Version":"2012-10-17"}',
    ]);
  });

  it("denies mantle inference outright when no approved model runs on mantle", () => {
    // GIVEN only a non-mantle model WHEN rendered with mantle denied THEN the mantle statement has no condition
    const [doc] = renderAllowListScps(catalog, { name: "root", approved: approved(["amazon.nova-lite-v1:0"], [], { deny: { ...NO_SURFACES, bedrockMantle: true } }), marketplace: SUBSCRIBE }).documents;
    expect(doc!.statements.map((s) => [s.sid, s.conditions])).toEqual([
      ["DenyInvokeExceptApprovedModels", null],
      ["DenyMantleInference", null],
    ]);
  });

  it("renders a literal wildcard only when asked", () => {
    // GIVEN a literal pattern and the us geography WHEN rendered THEN the wildcard appears as given
    const [doc] = renderAllowListScps(catalog, { name: "root", approved: approved([], ["us"], { literalPatterns: ["amazon.nova-*"] }), marketplace: SUBSCRIBE }).documents;
    expect(doc!.statements[0]!.notResources).toEqual(["arn:aws:bedrock:*:*:inference-profile/us.amazon.nova-*", "arn:aws:bedrock:*::foundation-model/amazon.nova-*"]);
  });
});

/** Does a set of Deny + NotResource SCPs let a request on this ARN through? (IAM wildcard semantics.) */
function allowedBy(docs: readonly PolicyDocument[], arn: string): boolean {
  return docs.every((d) =>
    d.statements.every((s) => {
      if (s.effect !== "Deny" || !s.actions.includes("bedrock:InvokeModel")) return true;
      if (s.resources) return !s.resources.some((r) => wildcardToRegExp(r).test(arn));
      return s.notResources!.some((r) => wildcardToRegExp(r).test(arn));
    }),
  );
}

/** Synthetic catalog models with long IDs, to push the allow-list past 5,120 characters. */
function bigCatalog(count: number) {
  const overrides = Array.from({ length: count }, (_, i) => ({
    id: `example.very-long-model-name-for-size-testing-${String(i).padStart(3, "0")}-v1:0`,
    provider: "example",
    lifecycle: "ACTIVE" as const,
    hasFoundationModelArn: true,
    onDemand: true,
    profilePrefixes: ["us" as const, "eu" as const],
    mantle: [],
    marketplace: false,
    productId: null,
    requiresUseCaseForm: false,
    evidence: "U" as const,
  }));
  return { catalog: loadCatalog({ overrides }), ids: overrides.map((o) => o.id) };
}

describe("renderAllowListScps: an allow-list that does not fit is compacted, split soundly, or refused", () => {
  it("compacts to inference-profile/*.ID when every geography is approved", () => {
    // GIVEN 20 long-named models in us+eu, every geography approved: exact is ~316 chars per model (over 5,120),
    // compact ~208 (fits)
    const { catalog: big, ids } = bigCatalog(20);
    const result = renderAllowListScps(big, { name: "root", approved: approved(ids, [...GEOGRAPHIES]), marketplace: SUBSCRIBE });
    // THEN the compact strategy is used and fits
    expect(result.strategy).toBe("compact");
    expect(result.documents).toHaveLength(1);
    expect(result.documents[0]!.length).toBeLessThanOrEqual(SCP_MAX_CHARS);
    expect(result.documents[0]!.statements[0]!.notResources).toContain(`arn:aws:bedrock:*:*:inference-profile/*.${ids[0]}`);
  });

  it("splits by resource type into two SCPs whose intersection is exactly the allow-list", () => {
    // GIVEN 40 models, every geography approved: too big even compacted
    const { catalog: big, ids } = bigCatalog(40);
    const chosen = ids.slice(0, 39);
    const result = renderAllowListScps(big, { name: "root", approved: approved(chosen, [...GEOGRAPHIES]), marketplace: SUBSCRIBE });
    // THEN two SCPs, each within the limit
    expect(result.strategy).toBe("split");
    expect(result.documents.map((d) => d.statements[0]!.sid)).toEqual(["DenyInvokeExceptApprovedFoundationModels", "DenyInvokeExceptApprovedInferenceProfiles"]);
    for (const d of result.documents) expect(d.length).toBeLessThanOrEqual(SCP_MAX_CHARS);
    // AND together they allow approved FMs and profiles and deny the unapproved model, an unapproved geography and other resource types
    const unapproved = ids[39]!;
    expect(allowedBy(result.documents, `arn:aws:bedrock:us-east-1::foundation-model/${chosen[5]}`)).toBe(true);
    expect(allowedBy(result.documents, `arn:aws:bedrock:::foundation-model/${chosen[5]}`)).toBe(true);
    expect(allowedBy(result.documents, `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${chosen[5]}`)).toBe(true);
    expect(allowedBy(result.documents, `arn:aws:bedrock:us-east-1::foundation-model/${unapproved}`)).toBe(false);
    expect(allowedBy(result.documents, `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${unapproved}`)).toBe(false);
    expect(allowedBy(result.documents, "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc")).toBe(false);
    expect(allowedBy(result.documents, "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc")).toBe(false);
  });

  it("does not compact when a geography is not approved: *.ID would admit a profile published there later", () => {
    // GIVEN the 20 models of the compact case in us+eu only WHEN rendered THEN exact profile ARNs, split to fit
    const { catalog: big, ids } = bigCatalog(20);
    const result = renderAllowListScps(big, { name: "root", approved: approved(ids, ["us", "eu"]), marketplace: SUBSCRIBE });
    const exempt = result.documents.flatMap((d) => d.statements.flatMap((s) => s.notResources ?? []));
    expect(exempt.some((arn) => arn.includes("inference-profile/*."))).toBe(false);
    expect(exempt).toContain(`arn:aws:bedrock:*:*:inference-profile/eu.${ids[0]}`);
  });

  it("refuses, saying by how much, when even the split does not fit", () => {
    // GIVEN 120 long-named models WHEN rendered
    const { catalog: big, ids } = bigCatalog(120);
    const result = renderAllowListScps(big, { name: "root", approved: approved(ids, ["us", "eu"]), marketplace: SUBSCRIBE });
    // THEN no documents, and each oversized SCP is named with its size and excess
    expect(result.documents).toEqual([]);
    expect(result.problems.at(-1)).toBe(
      "root: the allow-list does not fit in 5120-character SCPs even compacted and split by resource type; approve fewer models, or every geography (each model's profiles are then one inference-profile/*.ID ARN; with some geographies left out, each approved one is listed)",
    );
    for (const p of result.problems.slice(0, -1)) {
      const m = /^root SCP (\d): SCP is (\d+) characters, (\d+) over the limit of 5120$/.exec(p);
      expect(m).not.toBeNull();
      expect(Number(m![2]) - 5120).toBe(Number(m![3]));
    }
    expect(result.problems.length).toBeGreaterThan(1);
  });

  it("refuses when the target would carry more than 5 SCPs", () => {
    // GIVEN 4 SCPs already attached besides FullAWSAccess
    const result = renderAllowListScps(catalog, { name: "root", approved: approved(["amazon.nova-lite-v1:0"], []), marketplace: SUBSCRIBE, otherScps: 4 });
    // THEN the count is the problem
    expect(result.problems).toEqual([
      "root: 6 SCPs would be attached (1 from modelgate + FullAWSAccess + 4 other), over the limit of 5",
      "root: the allow-list does not fit in 5120-character SCPs even compacted and split by resource type; approve fewer models, or every geography (each model's profiles are then one inference-profile/*.ID ARN; with some geographies left out, each approved one is listed)",
    ]);
  });
});

describe("renderAccountPolicies: Allow invoke on exactly the approved ARNs with the literal account", () => {
  it("renders a Marketplace model with just-in-time Subscribe (golden)", () => {
    // GIVEN Haiku 4.5 (profile-only, product prod-xdkflymybwmvi) approved for us profiles
    const result = renderAccountPolicies(catalog, { accountId: "123456789012", name: "acct", approved: approved(["anthropic.claude-haiku-4-5-20251001-v1:0"], ["us"]), marketplace: SUBSCRIBE });
    // THEN the profile carries the account, the FM has a * Region, Subscribe is scoped by product and by Bedrock as caller
    expect(result.invoke.map((d) => d.json)).toEqual([
      '{"Statement":[' +
        '{"Action":["bedrock:InvokeModel","bedrock:InvokeModelWithResponseStream"],"Effect":"Allow","Resource":["arn:aws:bedrock:*:123456789012:inference-profile/us.anthropic.claude-haiku-4-5-20251001-v1:0","arn:aws:bedrock:*::foundation-model/anthropic.claude-haiku-4-5-20251001-v1:0"],"Sid":"AllowInvokeApprovedModels"},' +
        '{"Action":["aws-marketplace:Subscribe"],"Condition":{"ForAnyValue:StringEquals":{"aws-marketplace:ProductId":["prod-xdkflymybwmvi"]},"StringEquals":{"aws:CalledViaLast":["bedrock.amazonaws.com"]}},"Effect":"Allow","Resource":["*"],"Sid":"AllowSubscribeApprovedProductsViaBedrock"},' +
        '{"Action":["aws-marketplace:Unsubscribe","aws-marketplace:ViewSubscriptions"],"Condition":{"StringEquals":{"aws:CalledViaLast":["bedrock.amazonaws.com"]}},"Effect":"Allow","Resource":["*"],"Sid":"AllowManageSubscriptionsViaBedrock"}' +
        '],"Version":"2012-10-17"}',
    ]);
    expect(result.subscriber).toBeNull();
    expect(result.warnings).toEqual([]);
  });

  it("moves Marketplace permissions to a separate subscriber policy in designated-subscriber mode (golden)", () => {
    // GIVEN the same model in designated-subscriber mode
    const result = renderAccountPolicies(catalog, { accountId: "123456789012", name: "acct", approved: approved(["anthropic.claude-haiku-4-5-20251001-v1:0"], ["us"]), marketplace: DESIGNATED });
    // THEN builders get only invoke, the subscriber policy gets Subscribe + agreements
    expect(result.invoke[0]!.statements.map((s) => s.sid)).toEqual(["AllowInvokeApprovedModels"]);
    expect(result.subscriber!.json).toBe(
      '{"Statement":[' +
        '{"Action":["aws-marketplace:Subscribe"],"Condition":{"ForAnyValue:StringEquals":{"aws-marketplace:ProductId":["prod-xdkflymybwmvi"]},"StringEquals":{"aws:CalledViaLast":["bedrock.amazonaws.com"]}},"Effect":"Allow","Resource":["*"],"Sid":"AllowSubscribeApprovedProductsViaBedrock"},' +
        '{"Action":["aws-marketplace:Unsubscribe","aws-marketplace:ViewSubscriptions"],"Condition":{"StringEquals":{"aws:CalledViaLast":["bedrock.amazonaws.com"]}},"Effect":"Allow","Resource":["*"],"Sid":"AllowManageSubscriptionsViaBedrock"},' +
        '{"Action":["bedrock:CreateFoundationModelAgreement","bedrock:ListFoundationModelAgreementOffers"],"Effect":"Allow","Resource":["*"],"Sid":"AllowModelAgreements"}' +
        '],"Version":"2012-10-17"}',
    );
  });

  it("grants no unscoped Subscribe for a Marketplace model without a known product ID, and says so", () => {
    // GIVEN Opus 4.6, Marketplace-backed with no product ID in the catalog
    const result = renderAccountPolicies(catalog, { accountId: "123456789012", name: "acct", approved: approved(["anthropic.claude-opus-4-6-v1"], []), marketplace: SUBSCRIBE });
    // THEN only invoke is granted, and the warning names the model and the way out
    expect(result.invoke[0]!.statements.map((s) => s.sid)).toEqual(["AllowInvokeApprovedModels"]);
    expect(result.warnings).toEqual([
      "acct: anthropic.claude-opus-4-6-v1 is Marketplace-backed but the catalog has no product ID for it, so no Subscribe is granted; pre-subscribe the account (CreateFoundationModelAgreement) or add productId under catalog.overrides",
    ]);
  });

  it("splits an oversized invoke policy into managed policies whose union is the full grant", () => {
    // GIVEN many long models, two geographies, three Regions
    const { catalog: big, ids } = bigCatalog(30);
    const a = approved(ids, ["us", "eu"], { regions: ["eu-west-1", "us-east-1", "us-west-2"] });
    const result = renderAccountPolicies(big, { accountId: "123456789012", name: "acct", approved: a, marketplace: SUBSCRIBE });
    // THEN several policies, each within 6,144 non-whitespace characters
    expect(result.invoke.length).toBeGreaterThan(1);
    for (const d of result.invoke) expect(d.nonWhitespaceLength).toBeLessThanOrEqual(MANAGED_POLICY_MAX_CHARS);
    expect(result.invoke.map((d) => d.statements[0]!.sid)).toEqual(result.invoke.map((_, i) => `AllowInvokeApprovedModelsPart${i + 1}`));
    // AND together they grant 30 FMs + 30 × 2 geographies × 3 Regions profiles, each once
    const all = result.invoke.flatMap((d) => [...d.statements[0]!.resources!]);
    expect(all).toHaveLength(30 + 30 * 2 * 3);
    expect(new Set(all).size).toBe(all.length);
  });

  it("refuses an invoke policy that needs more managed policies than a role or group may have", () => {
    // GIVEN 150 long-named models, two geographies and three Regions: far more than 10 managed policies' worth
    const { catalog: big, ids } = bigCatalog(150);
    const a = approved(ids, ["us", "eu"], { regions: ["eu-west-1", "us-east-1", "us-west-2"] });
    // WHEN rendered
    const result = renderAccountPolicies(big, { accountId: "123456789012", name: "acct", approved: a, marketplace: SUBSCRIBE });
    // THEN nothing is rendered and the problem names the count and the quota
    expect(result.invoke).toEqual([]);
    expect(result.problems).toHaveLength(1);
    const match = /^acct: the invoke policy needs (\d+) managed policies on each role or group that receives it, over the default quota of 10; approve fewer models, geographies or Regions for this account$/.exec(
      result.problems[0]!,
    );
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(10);
  });

  it("keeps each model's foundation-model ARN in the same policy as its profile ARNs", () => {
    // GIVEN an invoke policy too large for one managed policy
    const { catalog: big, ids } = bigCatalog(30);
    const a = approved(ids, ["us", "eu"], { regions: ["eu-west-1", "us-east-1", "us-west-2"] });
    // WHEN it is split
    const result = renderAccountPolicies(big, { accountId: "123456789012", name: "acct", approved: a, marketplace: SUBSCRIBE });
    expect(result.invoke.length).toBeGreaterThan(1);
    // THEN every profile ARN's model has its foundation-model ARN in that same policy, since each managed policy
    // must work on its own (and the gate judges each on its own)
    const orphans = result.invoke.flatMap((d, i) => {
      const resources = [...d.statements[0]!.resources!];
      return resources
        .filter((arn) => arn.includes(":inference-profile/"))
        .map((arn) => arn.replace(/^.*:inference-profile\/[a-z]+\./, ""))
        .filter((id) => !resources.includes(`arn:aws:bedrock:*::foundation-model/${id}`))
        .map((id) => `part ${i + 1}: ${id}`);
    });
    expect(orphans).toEqual([]);
  });
});

describe("renderTrustPolicy: canonical trust policy of a created role", () => {
  it("separates IAM and service principals (golden)", () => {
    expect(renderTrustPolicy(["lambda.amazonaws.com", "arn:aws:iam::123456789012:role/App"])).toBe(
      '{"Statement":[{"Action":["sts:AssumeRole"],"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:role/App"],"Service":["lambda.amazonaws.com"]},"Sid":"AllowAssumeRole"}],"Version":"2012-10-17"}',
    );
  });
});

describe("rendered SCP and IAM JSON: canonical (sorted keys and lists, de-duplicated, minified) and stable", () => {
  const ids = catalog.models.filter((m) => m.hasFoundationModelArn).map((m) => m.id);
  const arbApproved = fc.record({
    models: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 12 }),
    geographies: fc.uniqueArray(fc.constantFrom(...GEOGRAPHIES), { maxLength: 8 }),
    regions: fc.option(fc.uniqueArray(fc.constantFrom("us-east-1", "eu-west-1", "ap-south-1"), { minLength: 1 }), { nil: null }),
    deny: fc.record({ bedrockMantle: fc.boolean(), claudePlatform: fc.boolean(), apiKeys: fc.boolean() }),
    designated: fc.boolean(),
  });

  function isCanonical(json: string): boolean {
    if (canonicalJson(JSON.parse(json)) !== json) return false;
    const doc = JSON.parse(json) as { Statement: Array<Record<string, unknown>> };
    const lists: unknown[] = [];
    for (const s of doc.Statement) {
      lists.push(s.Action, s.Resource, s.NotResource);
      for (const keys of Object.values((s.Condition ?? {}) as Record<string, Record<string, unknown>>)) lists.push(...Object.values(keys));
    }
    return lists
      .filter((l) => l !== undefined)
      .every((l) => Array.isArray(l) && (l as string[]).every((v, i, a) => i === 0 || a[i - 1]! < v));
  }

  it("holds for any approved set", () => {
    fc.assert(
      fc.property(arbApproved, (input) => {
        // GIVEN any approved set WHEN rendered twice
        const a: ApprovedModels = { models: input.models, literalPatterns: [], geographies: input.geographies, regions: input.regions, deny: input.deny };
        const marketplace = input.designated ? DESIGNATED : SUBSCRIBE;
        const render = () => [
          ...renderAllowListScps(catalog, { name: "t", approved: a, marketplace }).documents.map((d) => d.json),
          ...renderAccountPolicies(catalog, { accountId: "123456789012", name: "a", approved: a, marketplace }).invoke.map((d) => d.json),
        ];
        const first = render();
        // THEN every document is canonical and the second render is byte-identical
        expect(first.every(isCanonical)).toBe(true);
        expect(render()).toEqual(first);
      }),
      { numRuns: 150 },
    );
  });
});
