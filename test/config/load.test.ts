import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, isModelgateError } from "../../core/errors";
import { approvedSet, checkConfigText, loadConfig, parseConfig } from "../../config";
import { MINIMAL_YAML } from "./minimal";

const EXAMPLE = join(__dirname, "../../examples/organization/modelgate.yaml");

/** Parse and return the thrown ConfigError (fails the test if nothing is thrown). */
function problemsOf(text: string): readonly string[] {
  try {
    parseConfig(text, "t.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("CONFIG_INVALID");
    return (error as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig: the bundled example resolves to the documented organization", () => {
  it("has a root, three OUs and an account target, four accounts and the printed expansion", () => {
    // GIVEN the annotated example WHEN it is loaded
    const resolved = loadConfig(EXAMPLE);
    // THEN every declaring level is a target, in root → OUs → accounts order
    expect(resolved.targets.map((t) => `${t.kind}:${t.id}`)).toEqual([
      "root:r-a1b2",
      "ou:ou-a1b2-wk7q3m9d",
      "ou:ou-a1b2-pr4d8x2n",
      "ou:ou-a1b2-sb5j6t1c",
      "account:510987654321",
    ]);
    expect(resolved.accounts.map((a) => a.name)).toEqual(["ml-dev", "ml-prod", "research-sandbox", "data-science"]);
    // AND the pattern is expanded at both places it appears, not rendered literally
    expect(resolved.expansions.map((e) => [e.yamlPath, e.pattern, e.literal])).toEqual([
      ["targets.root.models[0]", "amazon.nova-*", false],
      ["targets.ous[2].models[0]", "amazon.nova-*", false],
    ]);
    expect(resolved.expansions[0]!.models).toContain("amazon.nova-2-lite-v1:0");
    expect(resolved.targets[0]!.approved.literalPatterns).toEqual([]);
  });

  it("gives each account the intersection of its chain", () => {
    // GIVEN the example WHEN loaded
    const resolved = loadConfig(EXAMPLE);
    const prod = resolved.accounts.find((a) => a.name === "ml-prod")!;
    const ds = resolved.accounts.find((a) => a.name === "data-science")!;
    // THEN ml-prod sits under Workloads → Production and gets Production's narrower set
    expect(prod.chain).toEqual(["r-a1b2", "ou-a1b2-wk7q3m9d", "ou-a1b2-pr4d8x2n"]);
    expect(prod.effective.models).toEqual(["amazon.nova-2-lite-v1:0", "amazon.nova-lite-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0"]);
    expect(prod.effective.geographies).toEqual(["us", "eu"]);
    expect(prod.effective.regions).toEqual(["eu-central-1", "us-east-1"]);
    // AND data-science is itself a target below Workloads
    expect(ds.chain).toEqual(["r-a1b2", "ou-a1b2-wk7q3m9d", "510987654321"]);
    expect(ds.effective.models).toEqual(["anthropic.claude-sonnet-4-5-20250929-v1:0", "cohere.embed-v4:0"]);
    expect(ds.effective.geographies).toEqual(["us", "global"]);
  });

  it("returns a frozen value", () => {
    // GIVEN a loaded config WHEN someone tries to change it THEN it throws (strict mode)
    const resolved = loadConfig(EXAMPLE);
    expect(() => (resolved.targets as unknown[]).push(1)).toThrow(TypeError);
    expect(Object.isFrozen(resolved.accounts[0]!.effective.models)).toBe(true);
  });
});

describe("approvedSet: the union of approved models and their known product IDs", () => {
  it("lists the example's Marketplace product IDs and nothing unapproved", () => {
    // GIVEN the example WHEN the approved set is taken
    const set = approvedSet(loadConfig(EXAMPLE));
    // THEN product IDs are those of Sonnet 4.5, Haiku 4.5 and Cohere Embed v4 (facts doc §7), sorted
    expect(set.productIds).toEqual(["prod-ft3cj5gst3spo", "prod-mxcfnwvpd6kb4", "prod-xdkflymybwmvi"]);
    expect(set.models).toContain("mistral.mistral-large-3-675b-instruct");
    expect(set.models).not.toContain("anthropic.claude-opus-4-5-20251101-v1:0");
  });

  it("counts a literal wildcard's current catalog matches", () => {
    // GIVEN a root that approves a literal wildcard
    const text = MINIMAL_YAML.replace("      - amazon.nova-lite-v1:0\n      - anthropic", '      - amazon.nova-lite-v1:0\n      - {pattern: "cohere.embed-*", literal: true}\n      - anthropic');
    // WHEN resolved THEN the literal pattern is kept as-is, and the set contains what it matches today
    const resolved = parseConfig(text, "t.yaml");
    expect(resolved.targets[0]!.approved.literalPatterns).toEqual(["cohere.embed-*"]);
    expect(approvedSet(resolved).productIds).toEqual([
      "38e55671-c3fe-4a44-9783-3584906e7cad",
      "b7568428-a1ab-46d8-bab3-37def50f6f6a",
      "prod-ft3cj5gst3spo",
      "prod-xdkflymybwmvi",
    ]);
  });
});

describe("parseConfig: every problem names the file, the YAML path, the bad value and the rule", () => {
  it("reports YAML syntax errors with line:col", () => {
    // GIVEN a flow sequence on line 3 that is never closed (the parser notices at the end of input, line 4)
    const problems = problemsOf("version: 1\norganization:\n  rootId: [r-a1b2\n");
    // THEN the problem points at the line and column
    expect(problems[0]).toMatch(/^t\.yaml:4:1: YAML syntax error: /);
  });

  it("rejects an account ID that is not 12 digits", () => {
    const problems = problemsOf(MINIMAL_YAML.replace('- id: "123456789012"', '- id: "12345"'));
    expect(problems).toEqual(['t.yaml:18:9: accounts[0].id: must be a 12-digit AWS account ID in quotes (got "12345")']);
  });

  it("suggests catalog IDs for an unknown model", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      - amazon.nova-lite-v1:0\n      - anthropic", "      - amazon.nova-lite-v1:1\n      - anthropic"));
    expect(problems).toEqual([
      't.yaml:8:9: targets.root.models[0]: unknown model ID (not in catalog snapshot 2026-08-21; add it under catalog.overrides); did you mean amazon.nova-lite-v1:0, amazon.nova-2-lite-v1:0, amazon.nova-reel-v1:1? (got "amazon.nova-lite-v1:1")',
      // and the OU, which approves the model the root no longer does, is reported too
      't.yaml:15:16: targets.ous[0].models[0]: not approved by the parent (targets.root): amazon.nova-lite-v1:0; a level can only narrow its parent, so this would have no effect (got "amazon.nova-lite-v1:0")',
    ]);
  });

  it("rejects a pattern that matches nothing", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      - anthropic.claude-haiku-4-5-20251001-v1:0\n", "      - anthropic.claude-haiku-4-5-20251001-v1:0\n      - acme.*\n"));
    expect(problems).toEqual(['t.yaml:10:9: targets.root.models[2]: the pattern matches no model in the catalog (got "acme.*")']);
  });

  it("rejects a model an OU approves but its parent does not", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("models: [amazon.nova-lite-v1:0]", "models: [amazon.nova-lite-v1:0, amazon.nova-pro-v1:0]"));
    expect(problems).toEqual([
      't.yaml:15:39: targets.ous[0].models[1]: not approved by the parent (targets.root): amazon.nova-pro-v1:0; a level can only narrow its parent, so this would have no effect (got "amazon.nova-pro-v1:0")',
    ]);
  });

  it("rejects a geography an OU allows but its parent does not", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      geographies: [us]\n", "      geographies: [us, apac]\n"));
    expect(problems).toEqual([
      't.yaml:16:25: targets.ous[0].geographies[1]: not allowed by the parent (targets.root, which allows [us, eu]); a level can only narrow its parent, so this would have no effect (got "apac")',
    ]);
  });

  it("rejects lifting a surface denial the parent makes", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      geographies: [us]\n", "      geographies: [us]\n      deny: {apiKeys: false}\n"));
    expect(problems).toEqual([
      "t.yaml:17:23: targets.ous[0].deny.apiKeys: the parent (targets.root) denies this surface; a level can only narrow its parent, so false would have no effect (got false)",
    ]);
  });

  it("rejects an unknown OU parent", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      parent: root\n", "      parent: ou-a1b2-zzzzzzzz\n"));
    expect(problems).toEqual([
      't.yaml:14:15: targets.ous[0].parent: must be "root" or the ID of an OU listed under targets.ous (got "ou-a1b2-zzzzzzzz")',
    ]);
  });

  it("rejects OU parents that form a cycle", () => {
    const text = MINIMAL_YAML.replace(
      "      parent: root\n      models: [amazon.nova-lite-v1:0]\n      geographies: [us]\n",
      "      parent: ou-a1b2-bbbbbbbb\n    - id: ou-a1b2-bbbbbbbb\n      name: Loop\n      parent: ou-a1b2-aaaaaaaa\n",
    );
    expect(problemsOf(text)).toEqual([
      't.yaml:14:15: targets.ous[0].parent: OU parents form a cycle: ou-a1b2-aaaaaaaa → ou-a1b2-bbbbbbbb → ou-a1b2-aaaaaaaa (got "ou-a1b2-bbbbbbbb")',
    ]);
  });

  it("rejects a profile-only model when none of its geographies is approved", () => {
    const text = MINIMAL_YAML.replace("geographies: [us, eu]", "geographies: [apac]").replace("      geographies: [us]\n", "");
    expect(problemsOf(text)).toEqual([
      't.yaml:8:7: targets.root.models: anthropic.claude-haiku-4-5-20251001-v1:0 is callable only through inference profiles (au, eu, global, jp, us) and none of those geographies is approved here; approve one or remove the model (got ["apac"])',
    ]);
  });

  it("rejects literal: true on an exact ID", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      - amazon.nova-lite-v1:0\n      - anthropic", "      - amazon.nova-lite-v1:0\n      - {pattern: amazon.nova-pro-v1:0, literal: true}\n      - anthropic"));
    expect(problems).toEqual([
      't.yaml:9:19: targets.root.models[1].pattern: literal: true needs a wildcard pattern (* or ?); write an exact ID as a plain string (got "amazon.nova-pro-v1:0")',
    ]);
  });

  it("rejects a literal wildcard on an OU whose parent expanded it", () => {
    const text = MINIMAL_YAML.replace("      - amazon.nova-lite-v1:0\n      - anthropic", "      - amazon.nova-*\n      - anthropic").replace(
      "models: [amazon.nova-lite-v1:0]",
      'models: [{pattern: "amazon.nova-*", literal: true}]',
    );
    expect(problemsOf(text)).toEqual([
      't.yaml:15:26: targets.ous[0].models[0].pattern: a literal wildcard must also be approved literally by the parent (targets.root); a level can only narrow its parent (got "amazon.nova-*")',
    ]);
  });

  it("rejects an unknown key", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("  rootId: r-a1b2\n", "  rootId: r-a1b2\n  rootID: r-a1b2\n"));
    expect(problems).toEqual(['t.yaml:5:11: organization.rootID: unknown key; did you mean rootId? (got "rootID")']);
  });

  it("rejects the provider resource for the Anthropic form, which the pinned provider lacks", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("  rootId: r-a1b2\n", "  rootId: r-a1b2\n  anthropicUseCaseForm: terraform-resource\n"));
    expect(problems).toEqual([
      't.yaml:5:25: organization.anthropicUseCaseForm: must be documented-step: the pinned AWS provider (6.25.0) has no aws_bedrock_use_case_for_model_access (got "terraform-resource")',
    ]);
  });

  it("rejects an account with no approved models above it", () => {
    const text = MINIMAL_YAML.replace(/targets:\n[\s\S]*?accounts:/, "accounts:").replace("ou: ou-a1b2-aaaaaaaa", "ou: root");
    expect(problemsOf(text)).toEqual([
      't.yaml:6:5: accounts[0]: no level from the root down to this account approves any model; declare models on targets.root, its OU, or the account\'s allowList (got "apps")',
    ]);
  });

  it("rejects duplicate account IDs", () => {
    const second = MINIMAL_YAML.slice(MINIMAL_YAML.indexOf('  - id: "123456789012"')).replace("name: apps", "name: apps2");
    expect(problemsOf(MINIMAL_YAML + second)).toEqual(['t.yaml:25:9: accounts[1].id: duplicate account ID (got "123456789012")']);
  });

  it("rejects an invoke policy with no recipient", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("      attachToRoles: [Builder]\n", "      attachToRoles: []\n"));
    expect(problems).toEqual(["t.yaml:24:7: accounts[0].invokePolicy: must name at least one role or group in attachToRoles/attachToGroups, or a createRole"]);
  });

  it("rejects designated-subscriber mode without a role name", () => {
    const problems = problemsOf(MINIMAL_YAML.replace("  rootId: r-a1b2\n", "  rootId: r-a1b2\n  marketplace: {mode: designated-subscriber}\n"));
    expect(problems).toEqual(["t.yaml:5:16: organization.marketplace.subscriberRoleName: expected a string, got nothing (the key is missing)"]);
  });

  it("reports a missing file with its own code", () => {
    // GIVEN a path that does not exist WHEN loaded THEN CONFIG_UNREADABLE names it
    const path = join(mkdtempSync(join(tmpdir(), "mg-")), "absent.yaml");
    expect(() => loadConfig(path)).toThrow(`${path}: file not found`);
    try {
      loadConfig(path);
    } catch (error) {
      expect(isModelgateError(error) && error.code).toBe("CONFIG_UNREADABLE");
    }
  });

  it("reads a file through loadConfig with the same rules", () => {
    // GIVEN the minimal config on disk WHEN loaded THEN the source is the path
    const path = join(mkdtempSync(join(tmpdir(), "mg-")), "modelgate.yaml");
    writeFileSync(path, MINIMAL_YAML);
    expect(loadConfig(path).source).toBe(path);
  });
});

describe("parseConfig: config errors a user can act on (issue #8, item 5)", () => {
  it("GIVEN more alias expansions than the YAML limit THEN one problem with the line of the first alias, not a crash", () => {
    const aliases = Array.from({ length: 101 }, () => "      - *nova").join("\n");
    const text = MINIMAL_YAML.replace("      - amazon.nova-lite-v1:0\n      - anthropic", "      - &nova amazon.nova-lite-v1:0\n" + aliases + "\n      - anthropic");
    expect(problemsOf(text)).toEqual([
      "t.yaml:9:9: YAML aliases: 101 alias use(s) (first *nova) expand to more than 100 nodes, the limit that guards against alias bombs; write the repeated values out",
    ]);
  });

  it("GIVEN an unquoted account ID THEN it says to quote it, showing the digits as written", () => {
    expect(problemsOf(MINIMAL_YAML.replace('managementAccountId: "111122223333"', "managementAccountId: 011122223333"))).toEqual([
      't.yaml:3:24: organization.managementAccountId: an account ID must be a string: quote it ("011122223333"); as a YAML number it loses leading zeros',
    ]);
  });

  it("GIVEN models written as a string THEN the type is said in words", () => {
    expect(problemsOf(MINIMAL_YAML.replace("models: [amazon.nova-lite-v1:0]", "models: amazon.nova-lite-v1:0"))).toEqual([
      't.yaml:15:15: targets.ous[0].models: expected a list of model IDs, got a string (got "amazon.nova-lite-v1:0")',
    ]);
  });

  it("GIVEN an assumeRoleArn in another account THEN it is an error", () => {
    expect(problemsOf(MINIMAL_YAML.replace("arn:aws:iam::123456789012:role/Deployer", "arn:aws:iam::210987654321:role/Deployer"))).toEqual([
      't.yaml:22:20: accounts[0].assumeRoleArn: names account 210987654321, not this account (123456789012); the stack would manage another account\'s IAM (got "arn:aws:iam::210987654321:role/Deployer")',
    ]);
  });

  it("GIVEN a malformed Region THEN it is an error, with did you mean when one is close", () => {
    expect(problemsOf(MINIMAL_YAML.replace("region: us-east-1", "region: US-East-1"))).toEqual([
      't.yaml:21:13: accounts[0].region: must be a Region name such as us-east-1; did you mean us-east-1? (got "US-East-1")',
    ]);
    expect(problemsOf(MINIMAL_YAML.replace("region: us-east-1", "region: mars-1"))).toEqual(['t.yaml:21:13: accounts[0].region: must be a Region name such as us-east-1 (got "mars-1")']);
  });
});

describe("checkConfigText: a Region modelgate's list does not have yet is a warning, not an error (issue #8)", () => {
  const warningOf = (region: string, hint: string, line = 21) =>
    `t.yaml:${line}:13: accounts[0].region: not in modelgate's list of AWS Regions (config/regions.ts)${hint} A misspelt Region denies every call from the Region meant; ` +
    `if AWS launched this one after the list was written, it works as written (got "${region}")`;

  it("GIVEN a well-formed name close to a known Region THEN the config resolves and the warning says did you mean", () => {
    const r = checkConfigText(MINIMAL_YAML.replace("region: us-east-1", "region: us-easts-1"), "t.yaml");
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([warningOf("us-easts-1", ": did you mean us-east-1?")]);
    expect(r.resolved?.accounts[0]?.region).toBe("us-easts-1");
  });

  it("GIVEN a new Region far from every known name THEN it is used as written, with a warning and no suggestion", () => {
    const text = MINIMAL_YAML.replace("region: us-east-1", "region: xx-newplace-9").replace("geographies: [us, eu]\n", "geographies: [us, eu]\n    regions: [us-east-1, xx-newplace-9]\n");
    const r = checkConfigText(text, "t.yaml");
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([
      `t.yaml:11:26: targets.root.regions[1]: not in modelgate's list of AWS Regions (config/regions.ts). A misspelt Region denies every call from the Region meant; ` +
        'if AWS launched this one after the list was written, it works as written (got "xx-newplace-9")',
      warningOf("xx-newplace-9", ".", 22),
    ]);
    expect(r.resolved?.accounts[0]?.effective.regions).toEqual(["us-east-1", "xx-newplace-9"]);
    // parseConfig, which synth and check use, accepts it too.
    expect(parseConfig(text, "t.yaml").warnings).toHaveLength(2);
  });
});

describe("checkConfigText: every stage reports, so one run lists every problem (issue #8)", () => {
  it("GIVEN a schema problem, an unknown OU parent, an unknown model ID and a pattern matching nothing THEN all four, each with line:col", () => {
    const text = MINIMAL_YAML.replace("name: apps", 'name: "apps!"')
      .replace("      - anthropic.claude-haiku-4-5-20251001-v1:0\n", "      - anthropic.claude-haiku-4-5-20251001-v1:0\n      - amazon.nova-litee-v1:0\n      - acme.*\n")
      .replace("accounts:\n", "    - id: ou-a1b2-bbbbbbbb\n      name: Data\n      parent: ou-a1b2-zzzzzzzz\naccounts:\n");
    const r = checkConfigText(text, "t.yaml");
    expect(r.resolved).toBeUndefined();
    // Stage by stage: the schema, then the OU tree, then the catalog.
    expect(r.problems).toEqual([
      't.yaml:24:11: accounts[0].name: must be letters, digits and - (it names the stack) (got "apps!")',
      't.yaml:21:15: targets.ous[1].parent: must be "root" or the ID of an OU listed under targets.ous (got "ou-a1b2-zzzzzzzz")',
      't.yaml:10:9: targets.root.models[2]: unknown model ID (not in catalog snapshot 2026-08-21; add it under catalog.overrides); did you mean amazon.nova-lite-v1:0, amazon.nova-2-lite-v1:0, amazon.nova-micro-v1:0? (got "amazon.nova-litee-v1:0")',
      't.yaml:11:9: targets.root.models[3]: the pattern matches no model in the catalog (got "acme.*")',
    ]);
  });

  it("GIVEN an OU the schema refuses THEN the account under it is not reported again as an orphan", () => {
    const r = checkConfigText(MINIMAL_YAML.replaceAll("ou-a1b2-aaaaaaaa", "ou-bad"), "t.yaml");
    expect(r.problems).toEqual(['t.yaml:12:11: targets.ous[0].id: must be an OU ID such as ou-ab12-cd34ef56 (got "ou-bad")']);
  });

  it("GIVEN a refused catalog override THEN approving its model is not reported as an unknown ID, but the OU narrowing still is", () => {
    const text = MINIMAL_YAML.replace("targets:\n", "catalog:\n  overrides:\n    - id: acme.model-1\n      provider: acme\ntargets:\n")
      .replace("      - amazon.nova-lite-v1:0\n      - anthropic", "      - amazon.nova-lite-v1:0\n      - acme.model-1\n      - anthropic")
      .replace("models: [amazon.nova-lite-v1:0]", "models: [amazon.nova-lite-v1:0, amazon.nova-pro-v1:0]");
    const r = checkConfigText(text, "t.yaml");
    expect(r.problems.filter((p) => p.includes("acme.model-1") && !p.startsWith("t.yaml:7:7: catalog.overrides[0]."))).toEqual([]);
    expect(r.problems.some((p) => p.startsWith("t.yaml:7:7: catalog.overrides[0]."))).toBe(true);
    expect(r.problems).toContain(
      "t.yaml:20:39: targets.ous[0].models[1]: not approved by the parent (targets.root): amazon.nova-pro-v1:0; a level can only narrow its parent, so this would have no effect (got \"amazon.nova-pro-v1:0\")",
    );
  });

  it("GIVEN OU parents in a cycle and an account under them THEN the cycle is reported and the check ends", () => {
    const text = MINIMAL_YAML.replace("      parent: root\n", "      parent: ou-a1b2-bbbbbbbb\n").replace(
      "accounts:\n",
      "    - id: ou-a1b2-bbbbbbbb\n      name: Data\n      parent: ou-a1b2-aaaaaaaa\naccounts:\n",
    );
    const r = checkConfigText(text, "t.yaml");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^t\.yaml:\d+:\d+: targets\.ous\[\d\]\.parent: OU parents form a cycle: /);
  });

  it("GIVEN a YAML syntax error THEN that stage alone is reported (the structure after it is unknown)", () => {
    const r = checkConfigText(MINIMAL_YAML.replace("name: apps", "name: [apps"), "t.yaml");
    expect(r.problems.length).toBeGreaterThan(0);
    for (const p of r.problems) expect(p).toMatch(/^t\.yaml:\d+:\d+: YAML syntax error: /);
  });
});

describe("parseConfig: catalog.overrides problems carry line:col too", () => {
  it("GIVEN an override adding a model without its fields THEN one problem per missing field at the override's line", () => {
    const text = MINIMAL_YAML.replace("targets:\n", "catalog:\n  overrides:\n    - id: acme.model-1\n      provider: acme\ntargets:\n");
    const problems = problemsOf(text);
    expect(problems.length).toBeGreaterThan(1);
    for (const p of problems) expect(p).toMatch(/^t\.yaml:7:7: catalog\.overrides\[0\]\.\w+: .*\(acme\.model-1 is not in the bundled catalog, so its override needs every field\)/);
    expect(problems).toContain(
      "t.yaml:7:7: catalog.overrides[0].lifecycle: Invalid option: expected one of \"ACTIVE\"|\"LEGACY\"|\"END_OF_LIFE\" (acme.model-1 is not in the bundled catalog, so its override needs every field)",
    );
  });

  it("GIVEN an override of a bundled model with a bad field THEN the problem points at that field", () => {
    const text = MINIMAL_YAML.replace("targets:\n", "catalog:\n  overrides:\n    - id: amazon.nova-lite-v1:0\n      lifecycle: RETIRED\ntargets:\n");
    expect(problemsOf(text)).toEqual([
      't.yaml:8:18: catalog.overrides[0].lifecycle: Invalid option: expected one of "ACTIVE"|"LEGACY"|"END_OF_LIFE" (got "RETIRED")',
    ]);
  });
});
