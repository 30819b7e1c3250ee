import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { STARTER_CONFIG } from "../../cli/commands/init";
import { CONFIG_SCHEMA_FILE, configJsonSchema } from "../../config/json-schema";
import { MINIMAL_YAML } from "./minimal";

const REPO = path.resolve(__dirname, "..", "..");
const committed = JSON.parse(readFileSync(path.join(REPO, CONFIG_SCHEMA_FILE), "utf8")) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(committed);

describe("schema/modelgate.schema.json: generated from the zod schema, and it accepts what the loader accepts", () => {
  it("GIVEN the committed file THEN it equals what config/schema.ts generates (regenerate: node tools/build-config-schema.js)", () => {
    expect(committed).toEqual(configJsonSchema());
  });

  it.each([
    ["the bundled example", readFileSync(path.join(REPO, "examples", "organization", "modelgate.yaml"), "utf8")],
    ["the init starter", STARTER_CONFIG],
    ["the minimal test config", MINIMAL_YAML],
  ])("GIVEN %s THEN it validates", (_name, text) => {
    expect(validate(parse(text))).toBe(true);
  });

  it("GIVEN a wrong version, an unknown key, an unquoted account ID and a malformed Region THEN the schema rejects each", () => {
    const bad = parse(MINIMAL_YAML.replace("version: 1", "version: 2").replace("rootId: r-a1b2", "rootId: r-a1b2\n  rootID: r-a1b2").replace('managementAccountId: "111122223333"', "managementAccountId: 111122223333").replace("region: us-east-1", "region: US-East-1"));
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(paths).toEqual(expect.arrayContaining(["/version const", "/organization additionalProperties", "/organization/managementAccountId type", "/accounts/0/region pattern"]));
  });

  it("GIVEN a well-formed Region that is not in modelgate's list THEN the schema accepts it, as the loader does (a warning there)", () => {
    expect(validate(parse(MINIMAL_YAML.replace("region: us-east-1", "region: xx-newplace-9")))).toBe(true);
  });

  it("GIVEN the example THEN its first line points editors at the schema", () => {
    const first = readFileSync(path.join(REPO, "examples", "organization", "modelgate.yaml"), "utf8").split("\n")[0];
    expect(first).toBe(`# yaml-language-server: $schema=../../${CONFIG_SCHEMA_FILE}`);
  });
});
