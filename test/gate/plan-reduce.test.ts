import fs from "node:fs";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as fc from "fast-check";
import { MAX_JSON_DEPTH, parseInputBytes, readInput, type GateInput } from "../../gate/input";
import { reducePlanBytes, scannerBuffer } from "../../gate/plan-reduce";
import { loadSelection, selectPieces, type Selection } from "../../gate/select";
import { PlanInputError } from "../../core/errors";
import { REPO, requireRealWasm, tempDir, writeTemp } from "./wasm-helper";

/**
 * gate/plan-reduce.ts reads a plan without parsing what gate/select.ts drops. The reduced plan must select to the
 * very same pieces as the whole plan, for every plan the repository holds and for generated ones, and any input it
 * cannot read with certainty must end exactly as the full reading ends (same pieces or same error).
 */

requireRealWasm();
const selection = loadSelection(path.join(REPO, "rego", "dist", "selection.json")) as Selection;
const REDUCE = { reduceTo: selection.types, reduceFromBytes: 0 };

type Outcome = { pieces: string; reduced: boolean } | { error: string };

function outcome(bytes: Uint8Array, reduce: boolean): Outcome {
  let inputs: GateInput[];
  try {
    inputs = parseInputBytes(bytes, "plan.json", reduce ? REDUCE : {});
  } catch (error) {
    if (error instanceof PlanInputError) return { error: `${error.code}: ${error.message}` };
    throw error;
  }
  const doc = (inputs[0] as GateInput).document;
  return { pieces: JSON.stringify(selectPieces(doc, selection) ?? null), reduced: !("planned_values" in doc.plan) && "planned_values" in JSON.parse(Buffer.from(bytes).toString("utf8").replace(/^\uFEFF/, "")) };
}

/** The pieces of the full reading of `bytes`, as JSON. */
function outcomePieces(bytes: Uint8Array): string {
  const full = outcome(bytes, false);
  if ("error" in full) throw new Error(full.error);
  return full.pieces;
}

function expectSame(bytes: Uint8Array): Outcome {
  const full = outcome(bytes, false);
  const reduced = outcome(bytes, true);
  if ("error" in full) expect(reduced).toEqual(full);
  else {
    expect("pieces" in reduced).toBe(true);
    expect((reduced as { pieces: string }).pieces).toBe(full.pieces);
  }
  return reduced;
}

function planFiles(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.endsWith(".cdktf") && e.name !== "node_modules") walk(p);
      } else if (e.name.endsWith(".json") && !e.name.startsWith("expected") && !e.name.startsWith("modelgate")) out.push(p);
    }
  };
  walk(path.join(REPO, "test", "fixtures"));
  walk(path.join(REPO, "test", "adversarial", "cases"));
  return out.filter((f) => {
    try {
      const v = JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
      return typeof v === "object" && v !== null && "format_version" in v && Array.isArray(v.resource_changes) && v.resource_changes.length > 0;
    } catch {
      return false;
    }
  });
}

describe("plan-reduce: the reduced plan selects to the same pieces as the whole plan", () => {
  const plans = planFiles();

  it("GIVEN the repository's plans THEN there are enough of them to mean something", () => {
    expect(plans.length).toBeGreaterThan(100);
  });

  it("GIVEN every fixture and adversarial plan THEN the same pieces, and the reduction is taken for nearly all", () => {
    let reduced = 0;
    let withPlannedValues = 0;
    for (const f of plans) {
      const bytes = readFileSync(f);
      const r = expectSame(bytes);
      if ("reduced" in r && r.reduced) reduced++;
      if ("planned_values" in (JSON.parse(bytes.toString("utf8")) as object)) withPlannedValues++;
    }
    // the reduction gives up only on inputs it cannot read with certainty (escapes of surrogates, duplicate keys, …)
    expect(reduced).toBeGreaterThan(withPlannedValues * 0.9);
  });

  it("GIVEN a generated realistic plan (~1 MB, 99 % unrelated resources) THEN the same pieces, reduced", () => {
    const file = path.join(REPO, "bench", "out", "runtask", "realistic-1mb.json");
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      bytes = Buffer.from(JSON.stringify(realisticPlan(400)));
    }
    const r = expectSame(bytes);
    expect("reduced" in r && r.reduced).toBe(true);
  });

  it("GIVEN a plan built here with unrelated, declared and policy-like resources in modules and prior state THEN the same pieces, reduced", () => {
    const r = expectSame(Buffer.from(JSON.stringify(realisticPlan(300))));
    expect("reduced" in r && r.reduced).toBe(true);
  });
});

describe("plan-reduce: a plan read straight into a scanner's memory (scannerBuffer)", () => {
  const copyIn = (bytes: Uint8Array): Buffer => {
    const into = scannerBuffer(bytes.byteLength, MAX_JSON_DEPTH);
    into.set(bytes);
    return into;
  };

  it("GIVEN every fixture and adversarial plan THEN the same reduction as from an ordinary Buffer, and its bytes unchanged", () => {
    for (const f of planFiles()) {
      const bytes = readFileSync(f);
      const into = copyIn(bytes);
      const direct = reducePlanBytes(into, { types: selection.types, maxDepth: MAX_JSON_DEPTH });
      expect(JSON.stringify(direct)).toBe(JSON.stringify(reducePlanBytes(bytes, { types: selection.types, maxDepth: MAX_JSON_DEPTH })));
      expect(into.equals(bytes)).toBe(true);
    }
  });

  it("GIVEN a view of part of it THEN that part is reduced, and the bytes after it are not touched", () => {
    const plan = Buffer.from(JSON.stringify(realisticPlan(40)));
    const into = copyIn(Buffer.concat([plan, Buffer.from("  tail bytes that are not the plan")]));
    const before = Buffer.from(into);
    const part = reducePlanBytes(into.subarray(0, plan.byteLength), { types: selection.types, maxDepth: MAX_JSON_DEPTH });
    expect(JSON.stringify(part)).toBe(JSON.stringify(reducePlanBytes(plan, { types: selection.types, maxDepth: MAX_JSON_DEPTH })));
    expect(into.equals(before)).toBe(true);
  });

  it("GIVEN large plan files read by readInput THEN the same pieces as the full reading, and each input's JSON is its file, after other plans were read", () => {
    const dir = tempDir("modelgate-reduce-read-");
    const texts = [JSON.stringify(realisticPlan(300)), JSON.stringify(realisticPlan(301)).replace(/"r7"/g, '"r7x"'), JSON.stringify(realisticPlan(280))];
    // the files are read into a scanner's memory (readSync into scannerBuffer), not read whole by readFileSync
    const whole = jest.spyOn(fs, "readFileSync");
    const read = jest.spyOn(fs, "readSync");
    let inputs: GateInput[];
    try {
      inputs = texts.map((t, i) => {
        expect(t.length).toBeGreaterThan(64 * 1024);
        const [input] = readInput(writeTemp(dir, `plan-${i}.json`, t), { reduceTo: selection.types, readInPlace: true });
        return input as GateInput;
      });
      expect(whole.mock.calls.filter((c) => String(c[0]).startsWith(dir))).toEqual([]);
      expect(read.mock.calls.length).toBeGreaterThanOrEqual(2 * texts.length); // the bytes, then the end of the file
    } finally {
      whole.mockRestore();
      read.mockRestore();
    }
    inputs.forEach((input, i) => {
      const text = texts[i] as string;
      expect(JSON.stringify(selectPieces(input.document, selection))).toBe(outcomePieces(Buffer.from(text)));
      expect("planned_values" in input.document.plan).toBe(false); // reduced
      expect(Buffer.from(input.json as Uint8Array).toString("utf8")).toBe(`{"plan":${text}}`);
    });
  });
});

describe("readInput: where a large plan file is read", () => {
  const dir = tempDir("modelgate-reduce-where-");
  const text = JSON.stringify(realisticPlan(300));

  it("GIVEN no readInPlace (several plans in one run) THEN the file is read whole into a Buffer, with the same pieces", () => {
    const whole = jest.spyOn(fs, "readFileSync");
    try {
      const file = writeTemp(dir, "plan-whole.json", text);
      const [input] = readInput(file, { reduceTo: selection.types });
      expect(whole.mock.calls.filter((c) => c[0] === file)).toHaveLength(1);
      expect(JSON.stringify(selectPieces((input as GateInput).document, selection))).toBe(outcomePieces(Buffer.from(text)));
    } finally {
      whole.mockRestore();
    }
  });

  it("GIVEN the scanner's module cannot be read THEN an internal error, not a complaint about the user's plan", () => {
    const file = writeTemp(dir, "plan-noscanner.json", text);
    jest.isolateModules(() => {
      // a fresh plan-reduce, whose scanner module is not compiled yet, and a read of it that fails
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const isolated = require("../../gate/input") as typeof import("../../gate/input");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const errors = require("../../core/errors") as typeof import("../../core/errors");
      const original = fs.readFileSync;
      const broken = jest.spyOn(fs, "readFileSync").mockImplementation(((f: fs.PathOrFileDescriptor, o?: unknown) => {
        if (/json-scan(-scalar)?\.wasm$/.test(String(f))) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${String(f)}'`), { code: "ENOENT" });
        return (original as (f: fs.PathOrFileDescriptor, o?: unknown) => unknown)(f, o);
      }) as typeof fs.readFileSync);
      try {
        let thrown: unknown;
        try {
          isolated.readInput(file, { reduceTo: selection.types, readInPlace: true });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(Error);
        expect(thrown).not.toBeInstanceOf(errors.PlanInputError);
        expect(String(thrown)).toMatch(/json-scan/);
      } finally {
        broken.mockRestore();
      }
    });
  });
});

describe("plan-reduce: what it keeps of resources no rule declares", () => {
  const base = realisticPlan(20);
  const withChange = (rc: object): Buffer =>
    Buffer.from(JSON.stringify({ ...base, resource_changes: [...(base.resource_changes as object[]), rc] }));

  it.each([
    ["a policy-like string in after", { policy_text: '{"Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}' }],
    ["only the word Effect", { doc: '{"Effect":"Allow"}' }],
    ["a policy written with escapes in the plan's own JSON", { doc: "\u0022Statement\u0022" }],
  ])("GIVEN an undeclared resource with %s THEN it is kept as select.ts keeps it", (_name, after) => {
    const rc = { address: "vendor_thing.x", mode: "managed", type: "vendor_thing", name: "x", provider_name: "registry.terraform.io/vendor/vendor", change: { actions: ["create"], before: null, after, after_unknown: {} } };
    expectSame(withChange(rc));
  });

  it("GIVEN a declared type spelled with an escape THEN the entry is kept (its type is unknown to the scan)", () => {
    const rc = { address: "aws_iam_policy.esc", mode: "managed", type: "aws_iam_policy", name: "esc", provider_name: "registry.terraform.io/hashicorp/aws", change: { actions: ["create"], before: null, after: { name: "esc", policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":"*"}]}' }, after_unknown: {} } };
    const text = JSON.stringify({ ...base, resource_changes: [...(base.resource_changes as object[]), rc] }).replace('"type":"aws_iam_policy","name":"esc"', '"type":"aws_iam\\u005fpolicy","name":"esc"');
    const r = expectSame(Buffer.from(text));
    expect((r as { pieces: string }).pieces).toContain("aws_iam_policy.esc");
  });
});

describe("plan-reduce: declared types are compared as the plan's UTF-8 bytes", () => {
  it("GIVEN declared types with characters beyond ASCII and beyond Latin-1 THEN their changes are kept whole, others cut", () => {
    const base = realisticPlan(20);
    const types = new Set([...selection.types, "custom_é_thing", "custom_ŧ_thing"]);
    const rc = (type: string) => ({ address: `${type}.x`, mode: "managed", type, name: "x", change: { actions: ["create"], before: null, after: { marker: type }, after_unknown: {} } });
    const plan = { ...base, resource_changes: [...(base.resource_changes as object[]), rc("custom_é_thing"), rc("custom_ŧ_thing"), rc("custom_e_thing")] };
    const reduced = reducePlanBytes(Buffer.from(JSON.stringify(plan), "utf8"), { types, maxDepth: MAX_JSON_DEPTH })?.value as { resource_changes: Array<{ type: string; change: { after?: unknown } }> };
    expect(reduced).toBeDefined();
    const after = (type: string) => reduced.resource_changes.find((c) => c.type === type)?.change.after;
    expect([after("custom_é_thing"), after("custom_ŧ_thing"), after("custom_e_thing")]).toEqual([{ marker: "custom_é_thing" }, { marker: "custom_ŧ_thing" }, undefined]);
  });
});

describe("plan-reduce: inputs it cannot read with certainty end as the full reading ends", () => {
  const good = JSON.stringify(realisticPlan(30));
  const cases: Array<[string, string]> = [
    ["truncated", good.slice(0, good.length - 7)],
    ["trailing garbage", `${good} x`],
    ["a raw control character in an unrelated string", good.replace('"aws_s3_bucket"', '"aws_s3\u0001bucket"')],
    ["an invalid escape", good.replace('"aws_s3_bucket"', '"aws_s3\\qbucket"')],
    ["a lone surrogate escape in an unrelated resource", good.replace('"aws_s3_bucket"', '"aws_s3\\ud800bucket"')],
    ["a paired surrogate escape", good.replace('"aws_s3_bucket"', '"aws_s3\\ud83d\\ude00bucket"')],
    ["a lone surrogate escape inside text a string holds (embedded JSON)", good.replace('"aws_s3_bucket"', '"aws_s3\\\\ud800bucket"')],
    ["a number with a leading zero", good.replace('"format_version":"1.2"', '"format_version":"1.2","n":012')],
    ["a bare word", good.replace('"format_version":"1.2"', '"format_version":"1.2","n":nul')],
    ["nesting past the limit in an unrelated attribute", good.replace('"format_version":"1.2"', `"format_version":"1.2","deep":${"[".repeat(MAX_JSON_DEPTH + 3)}${"]".repeat(MAX_JSON_DEPTH + 3)}`)],
    ["duplicate top-level keys (the last wins)", good.replace('"format_version":"1.2"', '"format_version":"0.1","format_version":"1.2"')],
    ["duplicate resource_changes", good.replace('"format_version":"1.2"', '"format_version":"1.2","resource_changes":[]')],
    ["an escaped top-level key", good.replace('"resource_changes"', '"resource\\u005fchanges"')],
    ["an entry that is not an object", good.replace('"resource_changes":[', '"resource_changes":[1,')],
    ["errored", good.replace('"format_version":"1.2"', '"format_version":"1.2","errored":true')],
    ["an unsupported format", good.replace('"format_version":"1.2"', '"format_version":"2.0"')],
    ["a UTF-8 BOM", `\uFEFF${good}`],
    ["whitespace everywhere", JSON.stringify(JSON.parse(good), null, 2)],
    ["no resource changes", JSON.stringify({ ...JSON.parse(good), resource_changes: [] })],
  ];
  it.each(cases)("GIVEN %s THEN the same outcome as the full reading", (_name, text) => {
    expectSame(Buffer.from(text, "utf8"));
  });

  it("GIVEN invalid UTF-8 THEN the full reading's encoding error", () => {
    const bytes = Buffer.concat([Buffer.from(good.slice(0, 100)), Buffer.from([0xc3, 0x28]), Buffer.from(good.slice(100))]);
    expect(outcome(bytes, true)).toEqual(outcome(bytes, false));
  });

  it("GIVEN random single-byte corruptions of a plan THEN the reduced and full readings agree on every one", () => {
    const bytes = Buffer.from(good, "utf8");
    const chars = [..."{}[]\":,\\ 0123456789-+.eEtrufalsn\u0001\n"].map((c) => c.charCodeAt(0));
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.constantFrom(...chars), fc.boolean(), (at, c, insert) => {
        const mutated = insert ? Buffer.concat([bytes.subarray(0, at), Buffer.from([c]), bytes.subarray(at)]) : Buffer.from(bytes);
        if (!insert) mutated[at] = c;
        expectSame(mutated);
      }),
      { numRuns: 400 },
    );
  });

  it("GIVEN random JSON values in unrelated attributes and as the type of an entry THEN the same pieces", () => {
    const base = realisticPlan(10);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 2 }), (extra, type) => {
        const rcs = base.resource_changes as Array<Record<string, unknown>>;
        const plan = { ...base, extra, resource_changes: [...rcs, { ...(rcs[1] as object), address: "x.y", type, change: { actions: ["update"], before: extra, after: extra } }] };
        expectSame(Buffer.from(JSON.stringify(plan)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("reducePlanBytes: gives up rather than guess", () => {
  const opts = { types: selection.types, maxDepth: MAX_JSON_DEPTH };
  it.each([
    ["not an object", "[1,2]"],
    ["no format_version", '{"resource_changes":[{"type":"aws_iam_policy"}]}'],
    ["no resource changes", '{"format_version":"1.2","resource_changes":[]}'],
    ["duplicate keys in prior_state", '{"format_version":"1.2","resource_changes":[{}],"prior_state":{"values":{},"values":{}}}'],
  ])("GIVEN %s THEN undefined", (_name, text) => {
    expect(reducePlanBytes(Buffer.from(text), opts)).toBeUndefined();
  });

  it("GIVEN child modules in the prior state THEN undeclared resources are cut at every level and declared ones kept", () => {
    const res = (type: string, name: string) => ({ address: `${type}.${name}`, mode: "managed", type, name, values: { id: name } });
    const plan = {
      format_version: "1.2",
      resource_changes: [{ address: "a.b", type: "aws_s3_bucket", change: { actions: ["no-op"] } }],
      prior_state: {
        values: {
          root_module: {
            resources: [res("aws_s3_bucket", "one"), res("aws_iam_policy", "p")],
            child_modules: [{ address: "module.m", resources: [res("aws_instance", "i"), res("aws_iam_role", "r")], child_modules: [{ address: "module.m.module.n", resources: [res("aws_organizations_policy", "s"), res("aws_sqs_queue", "q")] }] }],
          },
        },
      },
      planned_values: { root_module: {} },
    };
    const reduced = reducePlanBytes(Buffer.from(JSON.stringify(plan)), opts)?.value as typeof plan;
    expect(reduced).toBeDefined();
    expect("planned_values" in reduced).toBe(false);
    const root = reduced.prior_state.values.root_module;
    expect(root.resources.map((r) => r.name)).toEqual(["p"]);
    expect(root.child_modules[0]?.resources.map((r) => r.name)).toEqual(["r"]);
    expect(root.child_modules[0]?.child_modules[0]?.resources.map((r) => r.name)).toEqual(["s"]);
  });
});

/**
 * A plan like a large workspace's: mostly unrelated resources, some identity and organization resources, modules,
 * a prior state with child modules and a configuration, and planned_values.
 */
function realisticPlan(n: number): Record<string, unknown> {
  const rcs: object[] = [];
  const prior: object[] = [];
  const child: object[] = [];
  const config: object[] = [];
  for (let i = 0; i < n; i++) {
    const kind = i % 10;
    const inModule = i % 7 === 0;
    const module = inModule ? `module.team[${i % 3}]` : undefined;
    let type: string;
    let after: Record<string, unknown>;
    if (kind === 0) {
      type = "aws_iam_policy";
      after = { name: `p${i}`, policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: i % 20 === 0 ? "bedrock:*" : "s3:GetObject", Resource: "*" }] }) };
    } else if (kind === 1) {
      type = "aws_iam_role_policy_attachment";
      after = { role: `r${i}`, policy_arn: `arn:aws:iam::111122223333:policy/p${i - 1}` };
    } else if (kind === 2 && i % 4 === 0) {
      type = "aws_organizations_policy";
      after = { name: `scp${i}`, type: "SERVICE_CONTROL_POLICY", content: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "bedrock:*", NotResource: ["arn:aws:bedrock:*::foundation-model/amazon.nova-pro-v1:0"] }] }) };
    } else {
      type = ["aws_s3_bucket", "aws_instance", "aws_lambda_function", "aws_security_group", "aws_sqs_queue"][i % 5] as string;
      after = { name: `r${i}`, tags: { team: "x", n: String(i) }, nested: { list: [1, 2.5, -3e2, true, null, "s"] } };
    }
    const local = `${type}.r${i}`;
    const address = module ? `${module}.${local}` : local;
    const actions = i % 3 === 0 ? ["create"] : ["no-op"];
    rcs.push({ address, ...(module ? { module_address: module } : {}), mode: "managed", type, name: `r${i}`, provider_name: "registry.terraform.io/hashicorp/aws", change: { actions, before: actions[0] === "create" ? null : after, after, after_unknown: {} } });
    const state = { address, mode: "managed", type, name: `r${i}`, provider_name: "registry.terraform.io/hashicorp/aws", values: { ...after, id: `id-${i}` } };
    if (actions[0] !== "create") (inModule ? child : prior).push(state);
    config.push({ address: local, mode: "managed", type, name: `r${i}`, provider_config_key: "aws", expressions: { name: { constant_value: `r${i}` } } });
  }
  // a resource the prior state holds that no change shows (a targeted plan): declared, so a ghost
  prior.push({ address: "aws_iam_role_policy_attachment.ghost", mode: "managed", type: "aws_iam_role_policy_attachment", name: "ghost", values: { role: "r1", policy_arn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" } });
  return {
    format_version: "1.2",
    terraform_version: "1.14.0",
    planned_values: { root_module: { resources: rcs.map((rc) => ({ ...(rc as object), values: {} })) } },
    resource_changes: rcs,
    prior_state: { format_version: "1.0", values: { root_module: { resources: prior, child_modules: [{ address: "module.team[0]", resources: child }] } } },
    configuration: { provider_config: { aws: { name: "aws", full_name: "registry.terraform.io/hashicorp/aws" } }, root_module: { resources: config } },
    relevant_attributes: [{ resource: "aws_s3_bucket.r2", attribute: ["id"] }],
    timestamp: "2026-11-29T00:00:00Z",
    applyable: true,
    complete: true,
    errored: false,
  };
}
