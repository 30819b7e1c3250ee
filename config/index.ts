export * from "./types";
export * from "./load";
export * from "./approved-set";
export { configFileSchema } from "./schema";
export * from "./discover";
export * from "./json-schema";
export * from "./gate-data";
