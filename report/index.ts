import { renderJson } from "./json";
import { renderJunit } from "./junit";
import { renderMarkdown } from "./markdown";
import type { Format, Reporter } from "./reporter";
import { renderSarif } from "./sarif";
import { renderText } from "./text";

export * from "./reporter";
export { renderJson, renderJunit, renderMarkdown, renderSarif, renderText };

export const REPORTERS: Readonly<Record<Format, Reporter>> = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
};
