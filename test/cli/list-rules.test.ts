import { readdirSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../cli";
import type { CliIo } from "../../cli/io";

function io(): { io: CliIo; out: () => string } {
  let stdout = "";
  return { io: { stdout: (s) => void (stdout += s), stderr: () => undefined }, out: () => stdout };
}

/** Every rule directory under rego/rules: the source of truth the wasm's rules.json must match. */
function ruleDirectories(): string[] {
  const root = join(__dirname, "../../rego/rules");
  return readdirSync(root).flatMap((service) => readdirSync(join(root, service)).map((slug) => `rules.${service}.${slug}`)).sort();
}

describe("modelgate list-rules: lists exactly the rules compiled into the wasm, from their METADATA", () => {
  it("lists one rule per rego/rules directory, with unique ids, as JSON", async () => {
    // GIVEN the committed wasm and its rules.json  WHEN listed as JSON
    const { io: cli, out } = io();
    const code = await main(["list-rules", "--format", "json"], cli);
    // THEN every rule package appears once, ids are unique and ordered, and METADATA fields survived
    expect(code).toBe(0);
    const { rules } = JSON.parse(out()) as { rules: { id: string; package: string; severity: string; remediation: string }[] };
    expect(rules.map((r) => r.package).sort()).toEqual(ruleDirectories());
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(rules.map((r) => r.id)).toEqual([...rules.map((r) => r.id)].sort());
    for (const r of rules) {
      expect(["low", "medium", "high", "critical"]).toContain(r.severity);
      expect(r.remediation.length).toBeGreaterThan(10);
    }
  });

  it("prints an aligned text line per rule", async () => {
    const { io: cli, out } = io();
    expect(await main(["list-rules"], cli)).toBe(0);
    expect(out()).toContain("MG-0001  CRITICAL  policy_json_invalid ");
    expect(out()).toMatch(/MG-0006 {2}LOW {7}scp_model_denylist +SCP denies specific models instead of allow-listing\n/);
    expect(out().trimEnd().split("\n").at(-1)).toBe(`${ruleDirectories().length} rules; details: modelgate list-rules --format json, or docs/rules.md`);
  });
});
