export * from "./organization-stack";
export * from "./account-stack";
export * from "./backend";
export * from "./app";
export * from "./synth";
