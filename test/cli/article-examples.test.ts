import { join } from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";

/**
 * The published article's five JSON examples, as plan fixtures (test/fixtures/plans/README.md): `modelgate check`
 * must flag each original for what is actually wrong with it and pass the corrected versions from the facts doc
 * (bedrock-access-facts.md §10) at the default --fail-on medium. "Repaired" fixtures fix only the JSON syntax, to
 * show the defects hidden behind the syntax error.
 */
const PLANS = join(__dirname, "../fixtures/plans");

async function check(fixture: string): Promise<{ code: number; ruleIds: string[] }> {
  let stdout = "";
  const io: CliIo = { stdout: (s) => void (stdout += s), stderr: () => undefined, today: () => "2026-11-28" };
  const code = await main(["check", join(PLANS, fixture), "--format", "json"], io);
  const report = JSON.parse(stdout) as { findings: { ruleId: string }[] };
  return { code, ruleIds: report.findings.map((f) => f.ruleId).sort() };
}

describe("modelgate check: the article's examples fail for what is wrong with them, the corrected versions pass", () => {
  const cases: Array<[fixture: string, exit: number, ruleIds: string[]]> = [
    // 1. IAM, Nova Lite only: curly quotes, trailing comma, missing "[" …
    ["article-1-original.json", 1, ["MG-0001"]],
    // … and behind them, a profile ARN with an empty account segment, which never matches
    ["article-1-repaired.json", 1, ["MG-0005"]],
    ["article-1-corrected.json", 0, []],
    // 2. IAM allow bedrock:* then deny invoke outside amazon.nova-*: a trailing comma …
    ["article-2-original.json", 1, ["MG-0001"]],
    // … and the allow-list exempts no inference profile, so Nova CRIS and profile-only Nova models are denied:
    // one MG-0008 for the pattern, advisory (LOW) since denying too much opens no access
    ["article-2-repaired.json", 0, ["MG-0008"]],
    ["article-2-corrected.json", 0, []],
    // 3. SCP deny DeepSeek: curly quotes; behind them a deny-list, which the corrected version still is by design:
    // advisory (LOW), since it does block what it names, so only the original fails
    ["article-3-original.json", 1, ["MG-0001"]],
    ["article-3-repaired.json", 0, ["MG-0006"]],
    ["article-3-corrected.json", 0, ["MG-0006"]],
    // 4. SCP deny bedrock:* except Nova: curly quotes; behind them no profiles exempt, Deny bedrock:* with
    // NotResource (blocks guardrails, list calls …), and mantle / Claude Platform left open
    ["article-4-original.json", 1, ["MG-0001"]],
    [
      "article-4-repaired.json",
      1,
      ["MG-0008", "MG-0014", "MG-0019", "MG-0019"],
    ],
    // the corrected allow-list only leaves API keys open: advisory (LOW), below the default threshold
    ["article-4-corrected.json", 0, ["MG-0019"]],
    // 5. IAM, three Claude models + Marketplace: valid JSON, but three empty-account profile ARNs and
    // ForAllValues on ProductId in an Allow (true when the key is absent)
    ["article-5-original.json", 1, ["MG-0005", "MG-0005", "MG-0005", "MG-0015"]],
    ["article-5-corrected.json", 0, []],
  ];

  it.each(cases)("%s exits %i with %j", async (fixture, exit, ruleIds) => {
    // GIVEN the fixture plan  WHEN checked with the defaults  THEN exactly these rules fire
    const result = await check(fixture);
    expect(result).toEqual({ code: exit, ruleIds });
  });
});
