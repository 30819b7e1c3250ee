export * from "./finding";
export * from "./input";
export * from "./load-policy";
export * from "./evaluate";
export * from "./suppressions";
export * from "./rules";
