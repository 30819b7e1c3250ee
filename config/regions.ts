/**
 * AWS Region names modelgate knows (list as of 2026-08), checked in modelgate.yaml (account `region`, allow-list
 * `regions`, S3 backend `region`). A well-formed name outside this list is a warning with the closest names, not an
 * error: a misspelt Region in an allow-list silently denies every call from it, but a Region AWS launches after this
 * list was written must not stop anyone. Add a Region here when AWS launches one.
 */
export const AWS_REGIONS: readonly string[] = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "cn-north-1",
  "cn-northwest-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-gov-east-1",
  "us-gov-west-1",
  "us-west-1",
  "us-west-2",
];

/** Edit distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to `max` of the `candidates` nearest to `value`, all at the same (smallest) distance, within a third of its length. */
export function closest(value: string, candidates: readonly string[], max = 3): string[] {
  const scored = candidates
    .map((c) => ({ c, d: editDistance(value.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(value.length / 3)));
  const best = Math.min(...scored.map((x) => x.d));
  return scored
    .filter((x) => x.d === best)
    .map((x) => x.c)
    .sort()
    .slice(0, max);
}

/** The warning for a well-formed Region name not in the list; undefined when it is known. */
export function unknownRegion(value: string): string | undefined {
  if (AWS_REGIONS.includes(value)) return undefined;
  const near = closest(value, AWS_REGIONS);
  return (
    `not in modelgate's list of AWS Regions (config/regions.ts)${near.length > 0 ? `: did you mean ${near.join(", ")}?` : "."} ` +
    `A misspelt Region denies every call from the Region meant; if AWS launched this one after the list was written, it works as written`
  );
}
