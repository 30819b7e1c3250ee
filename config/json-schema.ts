import { z } from "zod";
import { configFileSchema } from "./schema";

/** Where the published schema lives in the repository and in the package. */
export const CONFIG_SCHEMA_FILE = "schema/modelgate.schema.json";

/**
 * The JSON Schema of modelgate.yaml, generated from the zod schema the loader uses (input side: keys with defaults
 * are optional). Editors use it through `# yaml-language-server: $schema=...`; the loader stays the authority
 * (catalog IDs, Region list, narrowing and account checks are not expressible here).
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configFileSchema, { io: "input", target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: "https://github.com/modelgate/modelgate/schema/modelgate.schema.json",
    title: "modelgate.yaml",
    description: "Which Amazon Bedrock models each part of an AWS organization may use. Generated from config/schema.ts by tools/build-config-schema.js.",
    ...rest,
  };
}
