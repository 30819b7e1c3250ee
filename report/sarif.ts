import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Severity } from "../core/severity";
import { distinctFindingKeys, findingKey, type Finding } from "../gate/finding";
import { approvedSetNotice, rulesOf, type GateReport } from "./reporter";

const TOOL_NAME = "modelgate";
const INFORMATION_URI = "https://github.com/modelgate/modelgate";

/** SARIF has three levels; critical and high block, medium warns, low notes. */
export function sarifLevel(severity: Severity): Result.level {
  if (severity === "critical" || severity === "high") return "error";
  if (severity === "medium") return "warning";
  return "note";
}

/** GitHub code scanning reads this property to rank alerts (0.1–10). */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.5", high: "8.0", medium: "5.5", low: "2.0" };

/** Input paths become relative URIs with forward slashes, as code scanning expects. */
export function toUri(file: string): string {
  return file
    .replace(/\\/g, "/")
    .replace(/^\.\//, "")
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
}

function ruleDescriptor(f: Finding): ReportingDescriptor {
  return {
    id: f.ruleId,
    name: f.longId,
    shortDescription: { text: f.title },
    help: { text: f.remediation, markdown: f.remediation },
    defaultConfiguration: { level: sarifLevel(f.severity) },
    properties: { "security-severity": SECURITY_SEVERITY[f.severity], tags: ["security", "terraform", "bedrock"] },
  };
}

/** SARIF 2.1.0 with one run: rules from finding metadata, one result per unsuppressed and suppressed finding. */
export function renderSarif(report: GateReport): string {
  const rules = rulesOf([...report.findings, ...report.suppressed.map((s) => s.finding)]);
  const ruleIndex = new Map(rules.map((r, i) => [r.ruleId, i] as const));
  const keys = distinctFindingKeys([...report.findings, ...report.suppressed.map((s) => s.finding)]);
  const result = (f: Finding, suppression?: { reason: string; owner: string; expires: string }): Result => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId) as number,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: toUri(f.file) } },
        logicalLocations: [
          {
            name: f.address.split(".").pop() ?? f.address,
            fullyQualifiedName: f.address,
            kind: "resource",
          },
        ],
      },
    ],
    partialFingerprints: { findingKey: keys.get(f) ?? findingKey(f) },
    properties: {
      severity: f.severity,
      resourceType: f.resourceType,
      ...(f.stack !== undefined ? { stack: f.stack } : {}),
      ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
    },
    ...(suppression
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: `${suppression.reason} (owner ${suppression.owner}, expires ${suppression.expires})`,
            },
          ],
        }
      : {}),
  });
  const notice = approvedSetNotice(report);
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            informationUri: INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        ...(notice !== undefined
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolConfigurationNotifications: [{ level: "warning" as const, message: { text: notice } }],
                },
              ],
            }
          : {}),
        results: [...report.findings.map((f) => result(f)), ...report.suppressed.map((s) => result(s.finding, s.suppression))],
        properties: {
          catalogSnapshotDate: report.catalogSnapshotDate,
          threshold: report.threshold,
          ...(notice !== undefined ? { approvedSet: "none", rulesNotEvaluated: [...(report.rulesNotEvaluated ?? [])] } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
