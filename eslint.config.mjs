// Lint and module boundaries. The boundary rules mirror docs/ARCHITECTURE.md: imports flow one way.
import tseslint from "typescript-eslint";

const cdk = ["cdktf", "cdktf/*", "constructs", "@cdktf/*"];
const barrel = { name: "@cdktf/provider-aws", message: "Import resources from @cdktf/provider-aws/lib/<resource>: the barrel costs ~5x synth time and memory." };
const opa = ["@open-policy-agent/*"];
const internal = (...dirs) => dirs.flatMap((d) => [`**/${d}`, `**/${d}/*`, `**/${d}/**`]);

function boundary(files, forbidden, extraPaths = []) {
  return {
    files,
    rules: {
      "no-restricted-imports": ["error", { paths: [barrel, ...extraPaths], patterns: [{ group: forbidden, message: "Crosses a module boundary (docs/ARCHITECTURE.md)." }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "cdktf.out/**", "coverage/**", "bench/out/**", "scanner/**", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": ["error", { paths: [barrel] }],
    },
  },
  boundary(["core/**/*.ts"], [...internal("catalog", "config", "policies", "stacks", "gate", "report", "cli", "server"), ...cdk, ...opa]),
  boundary(["catalog/**/*.ts"], [...internal("config", "policies", "stacks", "gate", "report", "cli", "server"), ...cdk, ...opa]),
  boundary(["config/**/*.ts"], [...internal("policies", "stacks", "gate", "report", "cli", "server"), ...cdk, ...opa]),
  boundary(["policies/**/*.ts"], [...internal("stacks", "gate", "report", "cli", "server"), ...cdk, ...opa, "fs", "node:fs", "fs/*", "node:fs/*"]),
  boundary(["stacks/**/*.ts"], [...internal("gate", "report", "cli", "server"), ...opa]),
  boundary(["gate/**/*.ts"], [...internal("config", "policies", "stacks", "report", "cli", "server"), ...cdk]),
  boundary(["report/**/*.ts"], [...internal("config", "policies", "stacks", "cli", "server"), ...cdk, ...opa, "fs", "node:fs", "fs/*", "node:fs/*"]),
  boundary(["deploy/**/*.ts"], [...internal("config", "policies", "stacks", "cli", "server"), ...cdk, ...opa]),
  boundary(["cli/**/*.ts", "server/**/*.ts"], [...internal("stacks"), ...cdk, ...opa]),
  // cli/ and server/ reach stacks (and so cdktf) only through the one lazy require in `modelgate synth`, so that
  // check and serve never load cdktf; cli/lazy.ts loads each command's module and the config loader on demand, so
  // that check starts fast. no-restricted-imports does not see require() or import(): forbid them elsewhere.
  {
    files: ["cli/**/*.ts", "server/**/*.ts"],
    ignores: ["cli/commands/synth.ts", "cli/lazy.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.name='require']", message: "Only cli/commands/synth.ts (stacks) and cli/lazy.ts (commands, config) load modules lazily." },
        { selector: "ImportExpression", message: "Only cli/commands/synth.ts (stacks) and cli/lazy.ts (commands, config) load modules lazily." },
      ],
    },
  },
);
