/**
 * `modelgate deploy` end to end: real terraform, the stand-in hashicorp/aws provider, moto as AWS. Every test
 * starts from an empty emulator seeded with the example organization, deploys from a fresh working directory, and
 * reads the result back through the AWS API.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { DeployResult } from "../../deploy/run";
import { EXAMPLE_CONFIG, Moto, deployEnv, dump, installTools, modelgate, seedOrganization, type Seeded, type Tools } from "./support/emulator";
import { renderedFrom } from "./support/rendered";

let tools: Tools;
let moto: Moto;
const dirs: string[] = [];

beforeAll(async () => {
  tools = installTools();
  moto = await Moto.start(tools);
}, 600_000);

afterAll(async () => {
  await moto?.stop();
  if (process.env.MODELGATE_E2E_KEEP !== "1") for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface World {
  readonly dir: string;
  readonly seeded: Seeded;
  readonly env: NodeJS.ProcessEnv;
  deploy(...args: string[]): ReturnType<typeof modelgate>;
  summary(): DeployResult;
}

/** An empty emulator seeded with the example organization, and a fresh working directory holding its config. */
async function world(configText?: (text: string) => string): Promise<World> {
  await moto.reset();
  const dir = mkdtempSync(path.join(tmpdir(), "modelgate-e2e-"));
  dirs.push(dir);
  const seeded = seedOrganization(moto, EXAMPLE_CONFIG, path.join(dir, "modelgate.yaml"));
  if (configText) writeFileSync(seeded.config, configText(readFileSync(seeded.config, "utf8")));
  const env = deployEnv(moto, tools);
  return {
    dir,
    seeded,
    env,
    deploy: (...args) => modelgate(["deploy", "--config", "modelgate.yaml", "--tf-binary", tools.tfBinary, ...args], { cwd: dir, env }),
    summary: () => JSON.parse(readFileSync(path.join(dir, "cdktf.out", "deploy", "summary.json"), "utf8")) as DeployResult,
  };
}

const statuses = (r: DeployResult) => Object.fromEntries(r.stacks.map((s) => [s.stack, s.status]));
const STACKS = ["organization", "account-ml-dev", "account-ml-prod", "account-research-sandbox", "account-data-science"];

describe("modelgate deploy: the example organization reaches AWS exactly as rendered, through the gate", () => {
  test("GIVEN the seeded example WHEN deployed THEN every SCP, attachment and IAM policy equals the rendering, and a second deploy changes nothing", async () => {
    const w = await world();
    const first = await w.deploy("--auto-approve");
    expect({ code: first.code, stderr: first.code === 0 ? "" : first.stderr }).toEqual({ code: 0, stderr: "" });
    expect(statuses(w.summary())).toEqual(Object.fromEntries(STACKS.map((s) => [s, "applied"])));
    expect(first.stdout).toContain("modelgate deploy: 5 applied, 0 unchanged, 0 planned (dry run), 0 blocked, 0 failed, 0 skipped");

    const rendered = renderedFrom(path.join(w.dir, "cdktf.out"));
    const aws = dump(moto, w.seeded);
    expect(aws.scps.map(({ id: _id, ...s }) => s)).toEqual(rendered.scps);
    expect(rendered.scps).toHaveLength(5);
    for (const account of w.seeded.accounts) {
      const policies = aws.accounts[account]!.policies.map((p) => ({
        name: p.name,
        description: p.description,
        document: p.document,
        roles: p.roles,
        groups: p.groups,
      }));
      expect(policies).toEqual(rendered.accounts[account]);
    }

    const second = await w.deploy("--auto-approve");
    expect(second.code).toBe(0);
    expect(statuses(w.summary())).toEqual(Object.fromEntries(STACKS.map((s) => [s, "unchanged"])));
    expect(dump(moto, w.seeded)).toEqual(aws);
  });
});
