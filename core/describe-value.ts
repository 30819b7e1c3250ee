/** The value at `path` inside `input`, or undefined when the path leaves the object tree. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** " (got <JSON>)", cut to 80 characters, for error messages that name the bad value; "" when there is none. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "";
  const text = JSON.stringify(value);
  if (text === undefined) return "";
  return ` (got ${text.length > 80 ? text.slice(0, 77) + "..." : text})`;
}
