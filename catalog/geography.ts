/** Geographic prefixes of Bedrock system inference profiles (profile ID = PREFIX + "." + model ID). */
export const GEOGRAPHIES = ["us", "eu", "apac", "jp", "au", "ca", "in", "global"] as const;
export type Geography = (typeof GEOGRAPHIES)[number];

/**
 * A model ID as Bedrock spells it: provider prefix, a dot, then letters, digits and . - : _
 * New Anthropic IDs drop the date/version suffix, so no "-YYYYMMDD-v1:0" shape is required.
 */
export const MODEL_ID_PATTERN = /^[a-z0-9-]+\.[A-Za-z0-9._:-]+$/;
