import fc from "fast-check";
import { MANAGED_POLICY_NAME_PATTERN } from "../../catalog/managed-policies";
import { awsManagedPolicyNames } from "../../gate/managed-names";

/** What lib.access.identity's aws_managed_name(arn) returns (rego/lib/access/identity/identity.rego), or undefined. */
function regoAwsManagedName(arn: string): string | undefined {
  if (!arn.startsWith("arn:")) return undefined;
  const segs = arn.split(":");
  if (segs.length !== 6 || segs[2] !== "iam" || segs[4] !== "aws" || !(segs[5] as string).startsWith("policy/")) return undefined;
  return arn.slice(arn.indexOf(":policy/") + 8);
}

const text = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), "utf8");

describe("awsManagedPolicyNames: every AWS-managed policy a piece can name", () => {
  it("finds the names of AWS-managed ARNs in any partition, Region segment and path, in values and keys", () => {
    // GIVEN a piece with AWS-managed ARNs as values, in a list and as an object key, and a customer-managed ARN
    const piece = {
      plan: {
        resource_changes: [
          { change: { after: { policy_arn: "arn:aws:iam::aws:policy/AmazonBedrockFullAccess" } } },
          { change: { after: { managed_policy_arns: ["arn:aws-cn:iam::aws:policy/service-role/AWSConfigRole", "arn:aws:iam::123456789012:policy/mine"] } } },
          { change: { after: { odd: { "arn:aws:iam:us-east-1:aws:policy/AdministratorAccess": true } } } },
        ],
      },
    };
    // THEN each AWS-managed name is found, the customer-managed one is not
    expect(awsManagedPolicyNames([text(piece)])).toEqual(["AdministratorAccess", "AmazonBedrockFullAccess", "service-role/AWSConfigRole"]);
  });

  it("GIVEN several texts THEN the names of all of them, sorted and distinct", () => {
    const a = text({ x: "arn:aws:iam::aws:policy/B", y: "arn:aws:iam::aws:policy/A" });
    const b = text(["arn:aws:iam::aws:policy/A"]);
    expect(awsManagedPolicyNames([a, b])).toEqual(["A", "B"]);
    expect(awsManagedPolicyNames([])).toEqual([]);
  });

  it("GIVEN any ARN the Rego resolves to a snapshot-shaped name, anywhere in a document THEN that name is found", () => {
    const segment = fc.stringMatching(/^[a-z0-9:-]{0,12}$/);
    const word = fc.stringMatching(/^[\w+=,.@-]{1,12}$/);
    const name = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
    const arn = fc.tuple(segment, segment, name).map(([partition, region, n]) => `arn:${partition}:iam:${region}:aws:policy/${n}`);
    const filler = fc.jsonValue({ maxDepth: 2 });
    fc.assert(
      fc.property(arn, filler, fc.boolean(), (a, other, asKey) => {
        const expected = regoAwsManagedName(a);
        // only names the snapshot could hold matter (MANAGED_POLICY_NAME_PATTERN); others find nothing in it
        fc.pre(expected !== undefined && MANAGED_POLICY_NAME_PATTERN.test(expected));
        const doc = asKey ? { before: other, [a]: other } : { before: other, arn: a, after: [other, a] };
        expect(awsManagedPolicyNames([text(doc)])).toContain(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
