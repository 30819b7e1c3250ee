export * from "./finding";
export * from "./input";
export * from "./load-policy";
export * from "./evaluate";
export * from "./piece-cache";
export * from "./suppressions";
export * from "./rules";
