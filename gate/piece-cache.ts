import { createHash } from "node:crypto";

/**
 * Findings of pieces already judged, keyed by the SHA-256 of the piece's bytes. A piece (gate/select.ts) carries
 * every resource, configuration and prior state its findings depend on, and the evaluation is deterministic, so the
 * same bytes under the same policy and data always give the same findings: a cache belongs to one policy and one
 * catalog + approved set (the server's judge holds one per worker). It pays where plans repeat: HCP runs the task
 * on every plan of a workspace, and most of a workspace's resources are the same from one run to the next.
 * Bounded by the approximate size of the cached findings; the least recently used entries go first.
 */
export class PieceCache {
  private readonly entries = new Map<string, { readonly raw: readonly unknown[]; readonly bytes: number }>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  static key(piece: Uint8Array): string {
    return createHash("sha256").update(piece).digest("base64");
  }

  get(key: string): readonly unknown[] | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.raw;
  }

  set(key: string, raw: readonly unknown[]): void {
    const bytes = key.length + JSON.stringify(raw).length;
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { raw, bytes });
    this.bytes += bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get sizeBytes(): number {
    return this.bytes;
  }
}
