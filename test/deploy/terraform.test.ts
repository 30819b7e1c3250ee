import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { findTfBinary, kindOf, parseApplyStream, tail } from "../../deploy/terraform";

function binDir(...names: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "mg-tf-"));
  for (const n of names) {
    writeFileSync(path.join(dir, n), "#!/bin/sh\n");
    chmodSync(path.join(dir, n), 0o755);
  }
  return dir;
}

describe("findTfBinary: --tf-binary, else terraform on PATH, else tofu; a clear user error otherwise", () => {
  test("GIVEN terraform and tofu on PATH THEN terraform wins; GIVEN only tofu THEN tofu", () => {
    const both = binDir("terraform", "tofu");
    expect(findTfBinary(undefined, { PATH: both })).toEqual({ path: path.join(both, "terraform"), kind: "terraform" });
    const tofu = binDir("tofu");
    expect(findTfBinary(undefined, { PATH: `/nonexistent:${tofu}` })).toEqual({ path: path.join(tofu, "tofu"), kind: "tofu" });
  });

  test("GIVEN --tf-binary as a path or a name THEN it is used, and its kind follows its name", () => {
    const dir = binDir("tofu-1.12.6", "terraform");
    expect(findTfBinary(path.join(dir, "tofu-1.12.6"), { PATH: "" })).toEqual({ path: path.join(dir, "tofu-1.12.6"), kind: "tofu" });
    expect(findTfBinary("terraform", { PATH: dir }).path).toBe(path.join(dir, "terraform"));
    expect(kindOf("/usr/local/bin/terraform")).toBe("terraform");
  });

  test("GIVEN nothing usable THEN TF_BINARY_NOT_FOUND (a user error) says what to do", () => {
    expect(() => findTfBinary(undefined, { PATH: "/nonexistent" })).toThrow("neither terraform nor tofu is on PATH: install one, or name it with --tf-binary <path>");
    const dir = binDir();
    writeFileSync(path.join(dir, "terraform"), "not executable");
    expect(() => findTfBinary(path.join(dir, "terraform"), { PATH: "" })).toThrow(`--tf-binary ${path.join(dir, "terraform")}: no such executable`);
    expect(() => findTfBinary("tofu", { PATH: dir })).toThrow("--tf-binary tofu: no such executable on PATH");
  });
});

describe("parseApplyStream: per-resource outcomes and error diagnostics from `apply -json`", () => {
  test("GIVEN a stream with completions, an error and noise THEN exactly those come back, in order", () => {
    const stream = [
      '{"@level":"info","type":"version","terraform":"1.11.4"}',
      '{"type":"apply_start","hook":{"resource":{"addr":"aws_iam_policy.p"},"action":"create"}}',
      '{"type":"apply_complete","hook":{"resource":{"addr":"aws_iam_policy.p"},"action":"create"}}',
      '{"type":"apply_errored","hook":{"resource":{"addr":"aws_iam_role_policy_attachment.a"},"action":"create"}}',
      '{"type":"diagnostic","diagnostic":{"severity":"warning","summary":"ignored"}}',
      '{"type":"diagnostic","diagnostic":{"severity":"error","summary":"creating IAM Role Policy Attachment","detail":"NoSuchEntity","address":"aws_iam_role_policy_attachment.a"}}',
      "not json {",
    ].join("\n");
    expect(parseApplyStream(stream)).toEqual({
      events: [
        { address: "aws_iam_policy.p", action: "create", outcome: "complete" },
        { address: "aws_iam_role_policy_attachment.a", action: "create", outcome: "errored" },
      ],
      errors: ["aws_iam_role_policy_attachment.a: creating IAM Role Policy Attachment: NoSuchEntity"],
    });
    expect(tail("a\n\nb  \nc\n", 2)).toBe("b\nc");
  });
});
