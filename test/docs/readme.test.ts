import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "../..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

describe("README: the documentation shown to users matches the repository", () => {
  it("starts with the two commands a new user runs, and CI runs the second one", () => {
    // GIVEN the README's first code block and .ci/run
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    const commands = firstBlock.split("\n").filter(Boolean).map((l) => l.replace(/\s+#.*$/, "").trim());
    // THEN they are the main job and the full suite, and CI calls the suite
    expect(commands).toEqual(["npm ci && npm start", "npm run test:all"]);
    expect(readFileSync(join(ROOT, ".ci/run"), "utf8")).toMatch(/^npm run test:all$/m);
  });

  it("embeds the bundled example config verbatim", () => {
    const example = readFileSync(join(ROOT, "examples/organization/modelgate.yaml"), "utf8");
    expect(readme).toContain("```yaml\n" + example + "```");
  });

  it("lists exactly the rules compiled into the wasm, with their severities", () => {
    const { rules } = JSON.parse(readFileSync(join(ROOT, "rego/dist/rules.json"), "utf8")) as {
      rules: { id: string; longId: string; severity: string; title: string }[];
    };
    const rows = readme.split("\n").filter((l) => /^\| MG-\d{4} \|/.test(l));
    expect(rows).toEqual(rules.map((r) => `| ${r.id} | \`${r.longId}\` | ${r.severity.toUpperCase()} | ${r.title} |`));
  });
});
