/**
 * A snapshot's content hash, over its pieces in hash order (snapshot-parts.ts). Ungrouped texts
 * enter the hash joined by newlines; the texts of a group (a KPI block's text; an appraisal
 * period's head and rows) enter as one text, the hex SHA-256 of the group's own texts joined by
 * newlines. So a recompute that takes a period over from an earlier snapshot needs only that
 * period's stored digest, not its texts (at a million sales, the statements come to about
 * 150 MB), and one that names a KPI block stored before can compare digests.
 *
 * Pure: the SHA-256 comes from the caller (Workers' streaming digest in the recompute,
 * node:crypto in offline tools).
 */
import type { ContentPiece } from './snapshot-parts.ts';

/** A SHA-256 of texts joined by newlines, fed one text at a time. */
export interface JoinedTextHash {
  add(text: string): void | Promise<void>;
  /** Lowercase hex; nothing is added after. */
  hex(): string | Promise<string>;
}

export class SnapshotDigest {
  readonly #newHash: () => JoinedTextHash;
  readonly #main: JoinedTextHash;
  #open: { group: string; hash: JoinedTextHash } | null = null;
  #closed: { group: string; hex: string } | null = null;

  constructor(newHash: () => JoinedTextHash) {
    this.#newHash = newHash;
    this.#main = newHash();
  }

  /** Takes the next piece (a piece with neither text nor digest is not content: it only closes a group). */
  async add(piece: ContentPiece): Promise<void> {
    if (piece.group !== undefined && piece.text !== undefined) {
      if (this.#open?.group !== piece.group) {
        await this.#close();
        this.#open = { group: piece.group, hash: this.#newHash() };
      }
      await this.#open.hash.add(piece.text);
      return;
    }
    await this.#close();
    if (piece.digest !== undefined) {
      if (piece.group === undefined) throw new Error('SnapshotDigest: a digest stands for a group and must name it');
      await this.#main.add(piece.digest);
      this.#closed = { group: piece.group, hex: piece.digest };
    } else if (piece.text !== undefined) await this.#main.add(piece.text);
  }

  /** The digest of `group` if it is the last group closed (null otherwise). */
  lastGroupDigest(group: string): string | null {
    return this.#closed?.group === group ? this.#closed.hex : null;
  }

  /** The content hash, as lowercase hex. Add nothing after. */
  async hex(): Promise<string> {
    await this.#close();
    return this.#main.hex();
  }

  async #close(): Promise<void> {
    if (this.#open === null) return;
    const { group, hash } = this.#open;
    this.#open = null;
    const hex = await hash.hex();
    await this.#main.add(hex);
    this.#closed = { group, hex };
  }
}
