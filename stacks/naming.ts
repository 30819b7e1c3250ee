/** "ou-a1b2-wk7q3m9d" → "OuA1b2Wk7q3m9d": a stable PascalCase fragment for construct IDs (Terraform addresses). */
export function pascalId(value: string): string {
  return value
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join("");
}
