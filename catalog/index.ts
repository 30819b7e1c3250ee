export * from "./schema";
export * from "./load";
export * from "./to-rego-data";
export * from "./managed-policies";
