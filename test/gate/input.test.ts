import * as path from "node:path";
import { isModelgateError, PlanInputError } from "../../core/errors";
import { MAX_JSON_DEPTH, containsInterpolation, parseInputBytes, readInput, readInputs, renderPolicyDocument, type GateInput } from "../../gate/input";
import { plan, tempDir, writeTemp } from "./wasm-helper";

const CORPUS = path.resolve(__dirname, "..", "fixtures", "inputs");
const good = (name: string) => path.join(CORPUS, "good", name);
const bad = (name: string) => path.join(CORPUS, "bad", name);

function inputError(fn: () => unknown): PlanInputError {
  try {
    fn();
  } catch (error) {
    expect(isModelgateError(error)).toBe(true);
    expect(error).toBeInstanceOf(PlanInputError);
    expect((error as PlanInputError).source).toBe("user");
    return error as PlanInputError;
  }
  throw new Error("expected a PlanInputError, but nothing was thrown");
}

describe("readInput: every accepted encoding yields the same plan document", () => {
  const reference = readInput(good("plan-utf8.json"))[0] as GateInput;

  it.each(["plan-utf8-bom.json", "plan-utf16le-bom.json", "plan-utf16be-bom.json"])(
    "GIVEN %s WHEN read THEN its plan equals the UTF-8 one and its raw JSON parses to the same document",
    (name) => {
      const [input] = readInput(good(name));
      expect(input?.kind).toBe("plan");
      expect(input?.document).toEqual(reference.document);
      expect(JSON.parse(Buffer.from(input?.json as Uint8Array).toString("utf8"))).toEqual(reference.document);
    },
  );

  it("GIVEN a UTF-8 plan WHEN read THEN the document is {plan} and the raw JSON wraps the file's own bytes", () => {
    expect(Object.keys(reference.document)).toEqual(["plan"]);
    expect(reference.document.plan.format_version).toBe("1.2");
    const raw = Buffer.from(reference.json as Uint8Array).toString("utf8");
    expect(raw.startsWith('{"plan":{\n  "format_version": "1.2"')).toBe(true);
    expect(raw.endsWith("}\n}")).toBe(true);
  });

  it("GIVEN Terraform Cloud's {plan, run} WHEN read THEN both pass through unchanged", () => {
    const [input] = readInput(good("tfc-input.json"));
    expect(input?.kind).toBe("tfc");
    expect(input?.document.run).toEqual({ is_destroy: false, workspace: { name: "ml-platform" } });
    expect(input?.document.plan).toEqual(reference.document.plan);
  });
});

describe("readInput: the bad-input corpus is refused with exit-2 errors that name the file", () => {
  it("GIVEN a truncated plan THEN INPUT_NOT_JSON", () => {
    const e = inputError(() => readInput(bad("truncated.json")));
    expect(e.code).toBe("INPUT_NOT_JSON");
    expect(e.message).toMatch(new RegExp(`^${escape(bad("truncated.json"))}: not valid JSON \\(truncated or corrupted\\?\\): `));
  });

  it("GIVEN UTF-16 without a byte-order mark THEN INPUT_ENCODING naming the NUL byte", () => {
    const e = inputError(() => readInput(bad("utf16le-no-bom.json")));
    expect(e.code).toBe("INPUT_ENCODING");
    expect(e.message).toBe(
      `${bad("utf16le-no-bom.json")}: contains a NUL byte at offset 1; UTF-16 without a byte-order mark is not supported; ` +
        "save the plan as UTF-8 (or UTF-16 with a byte-order mark), e.g. terraform show -json tfplan > plan.json",
    );
  });

  it("GIVEN Latin-1 bytes THEN INPUT_ENCODING: not valid UTF-8", () => {
    const e = inputError(() => readInput(bad("latin1.json")));
    expect(e.code).toBe("INPUT_ENCODING");
    expect(e.message).toBe(
      `${bad("latin1.json")}: is not valid UTF-8; save the plan as UTF-8 (or UTF-16 with a byte-order mark), e.g. terraform show -json tfplan > plan.json`,
    );
  });

  it("GIVEN a UTF-32 byte-order mark THEN INPUT_ENCODING rather than a misread UTF-16 file", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("{\0\0\0}\0\0\0")]);
    const e = inputError(() => parseInputBytes(bytes, "utf32.json"));
    expect(e.message).toBe(
      "utf32.json: starts with a UTF-32 byte-order mark; UTF-32 is not supported; save the plan as UTF-8 (or UTF-16 with a byte-order mark), e.g. terraform show -json tfplan > plan.json",
    );
  });

  it("GIVEN UTF-16 with a BOM but a lone surrogate THEN INPUT_ENCODING: not valid UTF-16LE", () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x00, 0xd8, 0x7d, 0x00]);
    expect(inputError(() => parseInputBytes(bytes, "x.json")).message).toMatch(/^x\.json: is not valid UTF-16LE; /);
  });

  it.each([
    ["top-level-array.json", "an array"],
    ["top-level-string.json", "a string"],
  ])("GIVEN %s THEN INPUT_NOT_OBJECT saying what it got", (name, got) => {
    const e = inputError(() => readInput(bad(name)));
    expect(e.code).toBe("INPUT_NOT_OBJECT");
    expect(e.message).toBe(`${bad(name)}: expected a JSON object (a Terraform plan), got ${got}`);
  });

  it("GIVEN JSON null or a number THEN INPUT_NOT_OBJECT", () => {
    expect(inputError(() => parseInputBytes(Buffer.from("null"), "n.json")).message).toBe("n.json: expected a JSON object (a Terraform plan), got null");
    expect(inputError(() => parseInputBytes(Buffer.from("42"), "n.json")).message).toBe("n.json: expected a JSON object (a Terraform plan), got a number");
  });

  it("GIVEN an empty file THEN INPUT_EMPTY", () => {
    const e = inputError(() => readInput(bad("empty.json")));
    expect([e.code, e.message]).toEqual(["INPUT_EMPTY", `${bad("empty.json")}: the file is empty`]);
  });

  it("GIVEN format_version 2.0 THEN PLAN_FORMAT_UNSUPPORTED naming the version", () => {
    const e = inputError(() => readInput(bad("format-version-2.json")));
    expect(e.code).toBe("PLAN_FORMAT_UNSUPPORTED");
    expect(e.message).toBe(
      `${bad("format-version-2.json")}: plan format_version "2.0" is not supported; modelgate reads format 1.x (terraform show -json from Terraform 1.1 or later, or OpenTofu)`,
    );
  });

  it("GIVEN a format_version that is not a string THEN PLAN_FORMAT_UNSUPPORTED", () => {
    const e = inputError(() => parseInputBytes(Buffer.from('{"format_version": 1}'), "p.json"));
    expect(e.message).toBe('p.json: format_version is a number; expected "1.x" from "terraform show -json"');
  });

  it("GIVEN resource_changes of the wrong shape THEN PLAN_SHAPE_INVALID listing every problem", () => {
    const e = inputError(() => readInput(bad("wrong-shape.json")));
    expect(e.code).toBe("PLAN_SHAPE_INVALID");
    expect(e.problems).toEqual([
      "resource_changes[0].change.actions is a string, expected a non-empty array of strings",
      "resource_changes[1] is a string, expected an object",
    ]);
    expect(e.message).toBe(
      `${bad("wrong-shape.json")}: not a valid Terraform plan (2 problems): resource_changes[0].change.actions is a string, expected a non-empty array of strings`,
    );
  });

  it("GIVEN a JSON object that is no kind of plan THEN INPUT_UNRECOGNIZED listing what is accepted", () => {
    const e = inputError(() => readInput(bad("not-a-plan.json")));
    expect(e.message).toBe(
      `${bad("not-a-plan.json")}: not a Terraform plan; expected the output of "terraform show -json tfplan" (with format_version), ` +
        `Terraform Cloud's OPA input {"plan", "run"}, a cdk.tf.json, or a cdktf.out directory`,
    );
  });

  it("GIVEN the event stream of `terraform plan -json` THEN PLAN_JSON_UI_STREAM telling how to produce a plan", () => {
    const e = inputError(() => readInput(bad("plan-json-stream.jsonl")));
    expect(e.code).toBe("PLAN_JSON_UI_STREAM");
    expect(e.message).toBe(
      `${bad("plan-json-stream.jsonl")}: this is the event stream of "terraform plan -json", not a plan; ` +
        "save the plan and convert it instead: terraform plan -out=tfplan && terraform show -json tfplan > plan.json",
    );
  });

  it("GIVEN a single UI event line THEN also PLAN_JSON_UI_STREAM", () => {
    const line = '{"@level":"info","@message":"Terraform 1.14.0","type":"version"}';
    expect(inputError(() => parseInputBytes(Buffer.from(line), "one.json")).code).toBe("PLAN_JSON_UI_STREAM");
  });

  it("GIVEN {plan} whose plan has no format_version and no run THEN PLAN_SHAPE_INVALID", () => {
    const e = inputError(() => parseInputBytes(Buffer.from('{"plan": {"resource_changes": []}}'), "t.json"));
    expect(e.message).toBe(
      't.json: "plan" is an object without a format_version; expected Terraform Cloud\'s OPA input {"plan": <terraform show -json output>, "run": …}',
    );
  });

  it("GIVEN Terraform Cloud input whose plan is format 2 THEN PLAN_FORMAT_UNSUPPORTED", () => {
    const e = inputError(() => parseInputBytes(Buffer.from('{"plan": {"format_version": "2.1"}, "run": {}}'), "t.json"));
    expect(e.code).toBe("PLAN_FORMAT_UNSUPPORTED");
  });

  it("GIVEN a path that does not exist THEN INPUT_NOT_FOUND", () => {
    const missing = path.join(CORPUS, "nope.json");
    expect(inputError(() => readInput(missing)).message).toBe(`${missing}: cannot read input (no such file or directory)`);
  });

  it("GIVEN a directory without manifest.json THEN INPUT_NOT_FOUND explaining what to pass", () => {
    const dir = path.join(CORPUS, "bad");
    expect(inputError(() => readInput(dir)).message).toBe(
      `${dir}: a directory without manifest.json; pass a cdktf.out directory, a cdk.tf.json, or a plan JSON file (no such file or directory)`,
    );
  });
});

describe("readInput: huge and deeply nested inputs end in clean results or clean errors", () => {
  it(`GIVEN JSON nested ${MAX_JSON_DEPTH + 1000} levels deep THEN INPUT_TOO_DEEP, not a stack overflow`, () => {
    const depth = MAX_JSON_DEPTH + 1000;
    const text = `{"format_version":"1.2","resource_changes":[],"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const e = inputError(() => parseInputBytes(Buffer.from(text), "deep.json"));
    expect([e.code, e.message]).toEqual(["INPUT_TOO_DEEP", `deep.json: JSON nests deeper than ${MAX_JSON_DEPTH} levels`]);
  });

  it("GIVEN a million levels of nesting THEN still INPUT_TOO_DEEP", () => {
    const depth = 1_000_000;
    const text = `{"format_version":"1.2","resource_changes":[],"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(inputError(() => parseInputBytes(Buffer.from(text), "deep.json")).code).toBe("INPUT_TOO_DEEP");
  });

  it("GIVEN nesting just within the limit THEN the plan is accepted", () => {
    const depth = MAX_JSON_DEPTH - 5;
    const text = `{"format_version":"1.2","resource_changes":[],"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    expect(parseInputBytes(Buffer.from(text), "ok.json")[0]?.kind).toBe("plan");
  });

  it("GIVEN a ~60 MB plan THEN it is read with every resource change", () => {
    const rc = (i: number) => ({
      address: `aws_iam_policy.p${i}`,
      mode: "managed",
      type: "aws_iam_policy",
      name: `p${i}`,
      change: { actions: ["create"], before: null, after: { policy: "x".repeat(6000) }, after_unknown: {} },
    });
    const text = JSON.stringify(plan(Array.from({ length: 10_000 }, (_, i) => rc(i))));
    expect(text.length).toBeGreaterThan(60_000_000);
    const [input] = parseInputBytes(Buffer.from(text), "huge.json");
    expect((input?.document.plan.resource_changes as unknown[]).length).toBe(10_000);
  });

  it("GIVEN a huge file truncated in the middle THEN INPUT_NOT_JSON", () => {
    const text = JSON.stringify(plan(Array.from({ length: 2000 }, (_, i) => ({ address: `a.b${i}`, type: "a", change: { actions: ["create"] } }))));
    expect(inputError(() => parseInputBytes(Buffer.from(text.slice(0, text.length - 10)), "cut.json")).code).toBe("INPUT_NOT_JSON");
  });
});

describe("readInput: CDKTF synth output becomes the plan shape of docs/ARCHITECTURE.md", () => {
  const dir = path.join(CORPUS, "good", "cdktf.out");
  const inputs = readInput(dir);
  const byStack = new Map(inputs.map((i) => [i.stack, i] as const));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- resource changes are free-form plan JSON
  const changes = (stack: string) => byStack.get(stack)?.document.plan.resource_changes as Array<Record<string, any>>;

  it("GIVEN a cdktf.out directory THEN one input per stack, sorted by stack name, named after its cdk.tf.json", () => {
    expect(inputs.map((i) => [i.stack, i.kind, i.file])).toEqual([
      ["acct", "cdktf", path.join(dir, "stacks/acct/cdk.tf.json")],
      ["org", "cdktf", path.join(dir, "stacks/org/cdk.tf.json")],
    ]);
    // AND each carries its document as JSON bytes, so the size limit and wasm memory sizing apply as to plans
    expect(inputs.every((i) => i.json !== undefined && Buffer.from(i.json).toString("utf8") === JSON.stringify(i.document))).toBe(true);
  });

  it("GIVEN a literal policy THEN it is in after, with create actions, null before and the hashicorp provider", () => {
    const scp = changes("org").find((c) => c.address === "aws_organizations_policy.DenyUnapprovedModels");
    expect(scp).toEqual({
      address: "aws_organizations_policy.DenyUnapprovedModels",
      mode: "managed",
      type: "aws_organizations_policy",
      name: "DenyUnapprovedModels",
      provider_name: "registry.terraform.io/hashicorp/aws",
      change: {
        actions: ["create"],
        before: null,
        after: {
          content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"bedrock:*","Resource":"*"}]}',
          name: "bedrock-allowlist",
          type: "SERVICE_CONTROL_POLICY",
        },
        after_unknown: {},
        before_sensitive: false,
        after_sensitive: {},
      },
    });
  });

  it("GIVEN an interpolated attribute THEN it is dropped from after and true in after_unknown", () => {
    const computed = changes("acct").find((c) => c.address === "aws_iam_policy.Computed");
    expect(computed?.change.after).toEqual({ name: "computed" });
    expect(computed?.change.after_unknown).toEqual({ policy: true });
    const attach = changes("org").find((c) => c.type === "aws_organizations_policy_attachment");
    expect(attach?.change.after).toEqual({ target_id: "r-abcd" });
    expect(attach?.change.after_unknown).toEqual({ policy_id: true });
  });

  it("GIVEN an escaped $${aws:username} THEN the policy is literal and unescaped, and meta-arguments are not attributes", () => {
    const invoke = changes("acct").find((c) => c.address === "aws_iam_policy.Team_Invoke_5e6f7a8b");
    expect(invoke?.change.after_unknown).toEqual({});
    expect(Object.keys(invoke?.change.after)).toEqual(["name", "policy"]);
    expect(JSON.parse(invoke?.change.after.policy).Statement[0].Resource).toBe("arn:aws:s3:::b/${aws:username}/*");
  });

  it("GIVEN a data source with an interpolated argument THEN mode data, actions read, address data.<type>.<id>, and its policy JSON unknown", () => {
    const doc = changes("acct").find((c) => c.mode === "data");
    expect(doc?.address).toBe("data.aws_iam_policy_document.Doc");
    expect(doc?.change.actions).toEqual(["read"]);
    expect(doc?.change.after_unknown).toEqual({ statement: true, json: true, minified_json: true });
  });

  it("GIVEN the // metadata blocks THEN addresses map to construct paths", () => {
    expect([...(byStack.get("acct")?.constructPaths ?? [])]).toEqual([
      ["aws_iam_policy.Computed", "acct/Computed"],
      ["aws_iam_policy.Team_Invoke_5e6f7a8b", "acct/Team/Invoke"],
      ["data.aws_iam_policy_document.Doc", "acct/Doc"],
    ]);
  });

  it("GIVEN one cdk.tf.json THEN its stack name comes from its own metadata", () => {
    const [input] = readInput(path.join(dir, "stacks/org/cdk.tf.json"));
    expect([input?.kind, input?.stack]).toEqual(["cdktf", "org"]);
    expect(changes("org")).toEqual(input?.document.plan.resource_changes);
  });

  it("GIVEN manifest.json itself THEN it reads the whole directory", () => {
    expect(readInput(path.join(dir, "manifest.json")).map((i) => i.stack)).toEqual(["acct", "org"]);
  });

  it("GIVEN a manifest whose stack path leaves the directory THEN SYNTH_MANIFEST_INVALID", () => {
    const tmp = tempDir();
    writeTemp(tmp, "manifest.json", JSON.stringify({ stacks: { x: { synthesizedStackPath: "../../etc/passwd" } } }));
    expect(inputError(() => readInput(tmp)).message).toBe(
      `${path.join(tmp, "manifest.json")}: stacks.x.synthesizedStackPath "../../etc/passwd" points outside the directory`,
    );
  });

  it("GIVEN a key repeated within one object of a stack THEN SYNTH_KEY_REPEATED (Terraform reads every occurrence, JSON.parse the last)", () => {
    const doc = (statements: string) => `{"data":{"aws_iam_policy_document":{"d":{${statements}}}},"resource":{"aws_iam_role_policy":{"p":{"role":"r","policy":"\${data.aws_iam_policy_document.d.json}"}}}}`;
    const allow = '{"actions":["bedrock:InvokeModel"],"resources":["*"]}';
    const s3 = '{"actions":["s3:GetObject"],"resources":["*"]}';
    for (const [text, key, where] of [
      [doc(`"statement":[${allow}],"statement":[${s3}]`), "statement", "data.aws_iam_policy_document.d"],
      [doc(`"statement":[${allow}], "st\\u0061tement" : [${s3}]`), "statement", "data.aws_iam_policy_document.d"],
      [`{"resource":{"aws_iam_role_policy":{"p":{"role":"r","policy":"x"}}},"resource":{"aws_s3_bucket":{"b":{}}}}`, "resource", "the top-level object"],
      [`{"resource":{"aws_iam_role":{"r":{"inline_policy":[{"name":"a","name":"b"}]}}}}`, "name", "resource.aws_iam_role.r.inline_policy[]"],
    ] as const) {
      const e = inputError(() => parseInputBytes(Buffer.from(text), "s.json"));
      expect([e.code, e.message]).toEqual([
        "SYNTH_KEY_REPEATED",
        `s.json: the key "${key}" appears twice in ${where === "the top-level object" ? where : `"${where}"`}; Terraform reads every occurrence of a repeated key, JSON.parse only the last, so the gate cannot judge this stack`,
      ]);
    }
    // the same key in sibling objects, in nested objects, or as a string value is no repeat
    const fine = doc(`"statement":[{"sid":"a","effect":"Allow","actions":["s3:*"],"resources":["*"],"condition":[{"test":"t","variable":"statement","values":["\\":\\"statement\\":"]}]},{"sid":"b","effect":"Allow","actions":["s3:*"],"resources":["*"]}]`);
    expect(() => parseInputBytes(Buffer.from(fine), "s.json")).not.toThrow();
  });

  it("GIVEN a repeated key in a stack of a cdktf.out THEN SYNTH_KEY_REPEATED names that stack's file", () => {
    const tmp = tempDir();
    writeTemp(tmp, "manifest.json", JSON.stringify({ stacks: { a: { name: "a", synthesizedStackPath: "a.cdk.tf.json" } } }));
    writeTemp(tmp, "a.cdk.tf.json", '{"resource":{"aws_s3_bucket":{"b":{}}},"resource":{"aws_s3_bucket":{"c":{}}}}');
    const e = inputError(() => readInput(tmp));
    expect([e.code, e.message.startsWith(`${path.join(tmp, "a.cdk.tf.json")}: the key "resource" appears twice`)]).toEqual(["SYNTH_KEY_REPEATED", true]);
  });

  it("GIVEN a resource block that is not an object THEN SYNTH_SHAPE_INVALID", () => {
    const e = inputError(() => parseInputBytes(Buffer.from('{"resource": {"aws_iam_policy": {"X": "oops"}}}'), "s.json"));
    expect([e.code, e.message]).toEqual(["SYNTH_SHAPE_INVALID", "s.json: not a valid cdk.tf.json: aws_iam_policy.X is a string, expected an object"]);
  });

  const synthChange = (stack: object): Record<string, unknown> | undefined => {
    const [input] = parseInputBytes(Buffer.from(JSON.stringify(stack)), "s.json");
    return (input?.document.plan.resource_changes as Array<Record<string, unknown>> | undefined)?.[0];
  };

  it("GIVEN a dynamic block THEN the blocks it names are unknown until apply, and no attribute is called dynamic", () => {
    const rc = synthChange({
      resource: { aws_iam_role: { r: { name: "r", dynamic: { inline_policy: { for_each: "${var.p}", content: { name: "x", policy: "${inline_policy.value}" } } } } } },
    });
    expect(rc?.change).toMatchObject({ after: { name: "r" }, after_unknown: { inline_policy: true } });
    expect(Object.keys((rc?.change as { after: object }).after)).toEqual(["name"]);
  });

  it("GIVEN an inline_policy block written as one object (Terraform JSON's single-block form) THEN it is read as a list of one", () => {
    const block = { name: "x", policy: '{"Statement":[]}' };
    expect(synthChange({ resource: { aws_iam_role: { r: { name: "r", inline_policy: block } } } })?.change).toMatchObject({
      after: { inline_policy: [block] },
    });
    // an object-typed attribute keeps its shape
    expect(synthChange({ resource: { aws_iam_role: { r: { name: "r", tags: { a: "b" } } } } })?.change).toMatchObject({ after: { tags: { a: "b" } } });
  });

  it("GIVEN a policy document data source with literal arguments THEN its JSON is known, and so is a policy that names it whole", () => {
    const stack = {
      data: {
        aws_iam_policy_document: {
          s3: { statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], condition: [{ test: "StringEquals", variable: "aws:RequestedRegion", values: ["us-east-1"] }] }] },
          late: { statement: [{ actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.b.arn}/*"] }] },
          merged: { source_policy_documents: ["{}"], statement: [{ actions: ["s3:GetObject"], resources: ["*"] }] },
        },
      },
      resource: {
        aws_iam_policy: {
          p: { name: "p", policy: "${data.aws_iam_policy_document.s3.json}" },
          q: { name: "q", policy: "${data.aws_iam_policy_document.late.json}" },
          r: { name: "r", policy: "prefix ${data.aws_iam_policy_document.s3.json}" },
        },
      },
    };
    const [input] = parseInputBytes(Buffer.from(JSON.stringify(stack)), "s.json");
    const byAddress = new Map((input?.document.plan.resource_changes as Array<{ address: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }>).map((rc) => [rc.address, rc.change]));
    const json = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1"]}}}]}';
    expect(byAddress.get("data.aws_iam_policy_document.s3")?.after.json).toBe(json);
    expect(byAddress.get("aws_iam_policy.p")?.after.policy).toBe(json);
    // interpolated arguments, source documents, or a reference inside a larger template stay unknown (fail closed)
    expect(byAddress.get("data.aws_iam_policy_document.late")?.after_unknown.json).toBe(true);
    expect(byAddress.get("data.aws_iam_policy_document.merged")?.after_unknown.json).toBe(true);
    expect(byAddress.get("aws_iam_policy.q")?.after_unknown.policy).toBe(true);
    expect(byAddress.get("aws_iam_policy.r")?.after_unknown.policy).toBe(true);
  });

  it("GIVEN principals and not_ blocks THEN the rendered document says what the provider's does", () => {
    expect(
      JSON.parse(
        renderPolicyDocument({
          version: "2012-10-17",
          statement: { sid: "Deny", effect: "Deny", not_actions: ["bedrock:InvokeModel"], not_resources: ["arn:x"], principals: [{ type: "*", identifiers: ["*"] }] },
        }) as string,
      ),
    ).toEqual({ Version: "2012-10-17", Statement: [{ Sid: "Deny", Effect: "Deny", NotAction: ["bedrock:InvokeModel"], NotResource: ["arn:x"], Principal: "*" }] });
    expect(renderPolicyDocument({ statement: [{ effect: "allow" }] })).toBeUndefined(); // the provider refuses it: no guess
    expect(renderPolicyDocument({ override_json: "{}" })).toBeUndefined();
  });

  it('GIVEN "&{" in a policy document THEN the provider\'s "${" where it writes policy variables, and nowhere else', () => {
    const rendered = renderPolicyDocument({
      statement: [
        {
          sid: "a&{b}",
          actions: ["s3:&{x}"],
          resources: ["arn:aws:s3:::&{aws:username}/*"],
          not_resources: ["arn:aws:bedrock:&{aws:RequestedRegion}::foundation-model/*"],
          principals: [{ type: "AWS", identifiers: ["arn:aws:iam::&{aws:PrincipalAccount}:root"] }],
          condition: [{ test: "StringNotEquals", variable: "aws:&{k}", values: ["&{aws:RequestedRegion}", "a&{b}&{c}"] }],
        },
      ],
    });
    expect(JSON.parse(rendered as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "a&{b}",
          Effect: "Allow",
          Action: ["s3:&{x}"],
          Resource: ["arn:aws:s3:::${aws:username}/*"],
          NotResource: ["arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*"],
          Principal: { AWS: ["arn:aws:iam::${aws:PrincipalAccount}:root"] },
          Condition: { StringNotEquals: { "aws:&{k}": ["${aws:RequestedRegion}", "a${b}${c}"] } },
        },
      ],
    });
    // Version 2008-10-17 has no policy variables: the provider fails, so the document stays unknown (fail closed)
    expect(renderPolicyDocument({ version: "2008-10-17", statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::&{aws:username}"] }] })).toBeUndefined();
    expect(renderPolicyDocument({ version: "2008-10-17", statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b"] }] })).toBeDefined();
  });

  it('GIVEN "$${" and "%%{" in a literal policy document of synth output THEN Terraform\'s literal "${" and "%{" reach the rendered JSON', () => {
    const stack = {
      data: { aws_iam_policy_document: { d: { statement: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::$${aws:username}/%%{x}"] }] } } },
      resource: { aws_iam_policy: { p: { name: "p", policy: "${data.aws_iam_policy_document.d.json}" } } },
    };
    const [input] = parseInputBytes(Buffer.from(JSON.stringify(stack)), "s.json");
    const p = (input?.document.plan.resource_changes as Array<{ address: string; change: { after: Record<string, unknown> } }>).find((rc) => rc.address === "aws_iam_policy.p");
    expect(JSON.parse(p?.change.after.policy as string).Statement[0].Resource).toEqual(["arn:aws:s3:::${aws:username}/%{x}"]);
  });

  it("GIVEN a module call THEN SYNTH_MODULE_UNJUDGED names it: the resources it creates are not in the stack", () => {
    const e = inputError(() => parseInputBytes(Buffer.from(JSON.stringify({ module: { admin: { source: "./modules/admin" }, other: { source: "x" } }, resource: {} })), "s.json"));
    expect([e.code, e.message]).toEqual([
      "SYNTH_MODULE_UNJUDGED",
      's.json: calls module "admin" (./modules/admin) and 1 more, whose resources synth output does not show, so the gate cannot judge them; gate the plan instead: terraform plan -out=tfplan && terraform show -json tfplan | modelgate check -',
    ]);
  });

  it("GIVEN several paths THEN readInputs keeps their order", () => {
    expect(readInputs([good("plan-utf8.json"), dir]).map((i) => i.kind)).toEqual(["plan", "cdktf", "cdktf"]);
  });
});

describe("containsInterpolation: Terraform template sequences, with $${ and %%{ as escapes", () => {
  it.each([
    ["${var.x}", true],
    ["arn:${data.aws_partition.p.partition}:bedrock", true],
    ["%{ if true }x%{ endif }", true],
    ["$${aws:username}", false],
    ["%%{literal}", false],
    ["$$${var.x}", false],
    ["cost: $5 {ok}", false],
    ["", false],
  ])("GIVEN %j THEN %s", (text, expected) => {
    expect(containsInterpolation(text)).toBe(expected);
  });

  it("GIVEN an interpolation nested in a list or used as a map key THEN true", () => {
    expect(containsInterpolation({ tags: [{ a: "${x}" }] })).toBe(true);
    expect(containsInterpolation({ "${k}": "v" })).toBe(true);
    expect(containsInterpolation({ a: [1, true, null, "x"] })).toBe(false);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("parseInputBytes: inputs that look like plans but hold nothing to judge are refused, never passed", () => {
  const refuse = (value: unknown) => inputError(() => parseInputBytes(Buffer.from(JSON.stringify(value)), "in.json"));

  it("GIVEN a state (terraform show -json without a plan file) THEN PLAN_IS_STATE says what to run", () => {
    const state = { format_version: "1.0", terraform_version: "1.14.0", values: { root_module: { resources: [] } } };
    const e = refuse(state);
    expect(e.code).toBe("PLAN_IS_STATE");
    expect(e.message).toBe(
      "in.json: this is a Terraform state, not a plan (terraform show -json without a plan file); run: terraform plan -out=tfplan && terraform show -json tfplan",
    );
  });

  it("GIVEN format_version alone, at the top or inside a Terraform Cloud input THEN PLAN_SHAPE_INVALID", () => {
    expect(refuse({ format_version: "1.2" }).message).toBe(
      "in.json: the JSON has format_version but no plan content (no resource_changes, planned_values, configuration or prior_state); expected the output of terraform show -json tfplan",
    );
    expect(refuse({ plan: { format_version: "1.2" }, run: {} }).message).toBe(
      "in.json: plan has format_version but no plan content (no resource_changes, planned_values, configuration or prior_state); expected the output of terraform show -json tfplan",
    );
  });

  it("GIVEN resource_changes null, an unknown action, or an errored plan THEN each is refused", () => {
    expect(refuse({ format_version: "1.2", resource_changes: null }).problems).toEqual(["resource_changes is null, expected an array"]);
    const rc = { address: "aws_iam_policy.p", type: "aws_iam_policy", change: { actions: ["creat"], after: {}, after_unknown: {} } };
    expect(refuse({ format_version: "1.2", resource_changes: [rc] }).problems).toEqual([
      'resource_changes[0].change.actions has "creat"; expected no-op, create, read, update, delete, forget',
    ]);
    const errored = refuse({ format_version: "1.2", resource_changes: [], errored: true });
    expect(errored.code).toBe("PLAN_ERRORED");
  });
});

describe("parseInputBytes: a lone UTF-16 surrogate is a clear input error (exit 2), never an internal error", () => {
  const policyWith = (sid: string) =>
    plan([
      {
        address: "aws_iam_policy.x",
        mode: "managed",
        type: "aws_iam_policy",
        name: "x",
        provider_name: "registry.terraform.io/hashicorp/aws",
        change: { actions: ["create"], before: null, after: { policy: `{"Version":"2012-10-17","Statement":[{"Sid":"${sid}","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}` }, after_unknown: {} },
      },
    ]);

  it.each([
    ["an unpaired high surrogate in the plan's own JSON", "\ud800"],
    ["an unpaired low surrogate in the plan's own JSON", "\udc00"],
    ["an unpaired \\u escape inside the policy text", "\\ud800"],
    ["a low escape before its high one", "\\udc00\\ud800"],
    // an escaped backslash, then the text ud800: no high surrogate, so the low escape after it is unpaired
    ["a low escape after an escaped backslash and the text ud800", "\\\\ud800\\udc00"],
    ["a high escape after an escaped backslash", "\\\\\\ud800"],
  ])("GIVEN %s THEN INPUT_LONE_SURROGATE naming the attribute", (_name, sid) => {
    // GIVEN the plan as bytes WHEN parsed THEN a user error (exit 2) that names where the string is
    let caught: unknown;
    try {
      parseInputBytes(Buffer.from(JSON.stringify(policyWith(sid))), "plan.json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PlanInputError);
    expect((caught as PlanInputError).code).toBe("INPUT_LONE_SURROGATE");
    expect((caught as PlanInputError).message).toContain("plan.json: resource_changes[0].change.after.policy holds a lone UTF-16 surrogate");
  });

  it("GIVEN a paired surrogate (an emoji), as a character or as escapes THEN the plan is read", () => {
    // also after an escaped backslash, and the escaped backslash before text that only reads like an escape
    for (const sid of ["\ud83d\ude00", "\\ud83d\\ude00", "\\\\\\ud83d\\ude00", "\\\\ud800", "\\\\udc00"]) {
      expect(() => parseInputBytes(Buffer.from(JSON.stringify(policyWith(sid))), "plan.json")).not.toThrow();
    }
  });
});
