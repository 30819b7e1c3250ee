/**
 * The hosts the server may talk to. Every outbound URL (the plan, each redirect, the callback) is checked here
 * first, so a request cannot make the server reach anything else (SSRF through the request body or a Location).
 */

export interface AllowListOptions {
  /** Allow plain http (tests, a TLS-terminating proxy on loopback). Default false: https only. */
  readonly insecureHttp?: boolean;
}

/** HCP Terraform: the API host and the archivist host that the plan JSON redirects to. */
export const DEFAULT_TFC_HOSTS: readonly string[] = ["app.terraform.io", "archivist.terraform.io"];

export class HostAllowList {
  private readonly entries: readonly HostEntry[];
  private readonly insecureHttp: boolean;

  /**
   * `hosts` are `host` (the scheme's default port) or `host:port`, compared case-insensitively with the URL's
   * host name and effective port.
   */
  constructor(hosts: readonly string[], options: AllowListOptions = {}) {
    const parsed = hosts.map((h) => parseHostEntry(h));
    const bad = hosts.filter((_, i) => parsed[i] === undefined);
    if (bad.length > 0) throw new TypeError(`not a host or host:port: ${bad.map((b) => JSON.stringify(b)).join(", ")}`);
    if (parsed.length === 0) throw new TypeError("the host allow-list is empty");
    this.entries = parsed as HostEntry[];
    this.insecureHttp = options.insecureHttp === true;
  }

  /** The allowed hosts as given (normalised), sorted: for logs. */
  list(): string[] {
    return [...new Set(this.entries.map((e) => (e.port === undefined ? e.hostname : `${e.hostname}:${e.port}`)))].sort();
  }

  /**
   * Parse `raw` (relative to `base`, for a Location header) and return it when allowed; otherwise the reason it
   * is refused. Credentials in the URL and schemes other than https (http with insecureHttp) are refused.
   */
  check(raw: string, base?: URL): { ok: true; url: URL } | { ok: false; reason: string } {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      return { ok: false, reason: "not a URL" };
    }
    const schemes = this.insecureHttp ? ["https:", "http:"] : ["https:"];
    if (!schemes.includes(url.protocol)) return { ok: false, reason: `scheme ${url.protocol.replace(/:$/, "")} is not allowed` };
    if (url.username !== "" || url.password !== "") return { ok: false, reason: "credentials in the URL are not allowed" };
    const hostname = url.hostname.toLowerCase();
    const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    const defaultPort = url.protocol === "https:" ? 443 : 80;
    const allowed = this.entries.some((e) => e.hostname === hostname && (e.port ?? defaultPort) === port);
    if (!allowed) return { ok: false, reason: `host ${url.host} is not in the allow-list` };
    return { ok: true, url };
  }
}

interface HostEntry {
  readonly hostname: string;
  readonly port?: number;
}

function parseHostEntry(entry: string): HostEntry | undefined {
  const trimmed = entry.trim().toLowerCase();
  if (trimmed === "" || /[/?#@\s]/.test(trimmed)) return undefined;
  const match = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(trimmed);
  if (!match) return undefined;
  let hostname: string;
  try {
    hostname = new URL(`https://${match[1]}`).hostname;
  } catch {
    return undefined;
  }
  if (match[2] === undefined) return { hostname };
  const port = Number(match[2]);
  return port >= 1 && port <= 65535 ? { hostname, port } : undefined;
}
