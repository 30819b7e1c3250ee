import Module, { createRequire } from "node:module";
import * as path from "node:path";
import type * as Sdk from "@open-policy-agent/opa-wasm";

/**
 * The OPA wasm SDK (@open-policy-agent/opa-wasm), loaded on first use, without loading the `yaml` package it
 * requires at start for its yaml.* builtins: the gate's policy is built without them (rego/capabilities.json), and
 * loading `yaml` was ~5 ms of a check's module loading (bench/gate/startup.js). Before the SDK is loaded, the
 * module cache gets, under the path the SDK's `require("yaml")` resolves to, a module whose every property loads the
 * real package on first read: should a policy ever call a yaml builtin, it gets the real package. Where `require`
 * has no module cache of its own (a test runner's module registry), the SDK loads `yaml` as it always did.
 */
export function opaSdk(): typeof Sdk {
  if (sdk === undefined) {
    deferYaml();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    sdk = require("@open-policy-agent/opa-wasm") as typeof Sdk;
  }
  return sdk;
}
let sdk: typeof Sdk | undefined;

/** Where the SDK's yaml builtins resolve `yaml`; undefined when that cannot be found (the SDK then loads it itself). */
export function sdkYamlPath(): string | undefined {
  try {
    const builtins = path.join(path.dirname(require.resolve("@open-policy-agent/opa-wasm")), "builtins", "yaml.js");
    return createRequire(builtins).resolve("yaml");
  } catch {
    return undefined;
  }
}

function deferYaml(): void {
  const file = sdkYamlPath();
  const cache = require.cache as Record<string, NodeJS.Module | undefined>;
  if (file === undefined || cache[file] !== undefined) return;
  let real: Record<string | symbol, unknown> | undefined;
  const load = (): Record<string | symbol, unknown> => {
    if (real === undefined) {
      if (cache[file] === deferred) delete cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(file) as Record<string | symbol, unknown>;
    }
    return real;
  };
  const deferred = new Module(file);
  deferred.filename = file;
  deferred.loaded = true;
  deferred.exports = new Proxy(
    {},
    {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const d = Reflect.getOwnPropertyDescriptor(load(), key);
        return d === undefined ? undefined : { ...d, configurable: true };
      },
    },
  );
  cache[file] = deferred;
}
