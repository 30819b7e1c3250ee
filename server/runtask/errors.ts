import { ModelgateError, type ModelgateErrorOptions } from "../../core/errors";

/**
 * A run task that could not be completed: the plan could not be fetched, a URL was refused, the callback failed.
 * `reason` is safe to show in HCP's run UI and in logs: it never contains a token, a key or a signed URL's query.
 */
export class RunTaskError extends ModelgateError {
  constructor(code: string, message: string, options?: ModelgateErrorOptions) {
    super(code, "internal", message, options);
    this.name = "RunTaskError";
  }
}

/** A URL without its query and fragment (signed archivist URLs carry credentials there), for messages and logs. */
export function redactUrl(url: URL | string): string {
  try {
    const u = new URL(String(url));
    return `${u.protocol}//${u.host}${u.pathname}${u.search !== "" ? "?…" : ""}`;
  } catch {
    return "(not a URL)";
  }
}
