/** SHA-256 of a text, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Characters encoded per write of a streamed digest: large enough that writes are few, small enough to hold. */
const CHUNK_CHARS = 1 << 20;

/**
 * SHA-256 of texts joined by a separator, fed one text at a time, without ever building the
 * joined text: a snapshot's content is hundreds of MB at a million sales, more than a Worker may
 * hold (128 MB). Streams it through Workers' `crypto.DigestStream` in chunks of about a million
 * characters.
 */
export class JoinedSha256 {
  private readonly writer: WritableStreamDefaultWriter<ArrayBufferView>;
  private readonly digest: Promise<ArrayBuffer>;
  private readonly encoder = new TextEncoder();
  private chunk: string[] = [];
  private chars = 0;
  private first = true;
  private readonly separator: string;

  constructor(separator: string) {
    this.separator = separator;
    // Workers' own streaming digest (the global `crypto` is typed from Node's here, which lacks it).
    const { DigestStream } = crypto as unknown as { DigestStream: new (algorithm: string) => WritableStream<ArrayBufferView> & { digest: Promise<ArrayBuffer> } };
    const stream = new DigestStream('SHA-256');
    this.writer = stream.getWriter();
    this.digest = stream.digest;
  }

  async add(text: string): Promise<void> {
    if (!this.first) this.chunk.push(this.separator);
    this.first = false;
    this.chunk.push(text);
    this.chars += text.length + this.separator.length;
    if (this.chars >= CHUNK_CHARS) await this.flush();
  }

  /** The digest of everything added, as lowercase hex. Add nothing after. */
  async hex(): Promise<string> {
    await this.flush();
    await this.writer.close();
    return hex(await this.digest);
  }

  private async flush(): Promise<void> {
    if (this.chunk.length > 0) await this.writer.write(this.encoder.encode(this.chunk.join('')));
    this.chunk = [];
    this.chars = 0;
  }
}

/** SHA-256 of `pieces.join(separator)`, streamed ({@link JoinedSha256}). */
export async function sha256HexJoined(pieces: Iterable<string>, separator: string): Promise<string> {
  const hash = new JoinedSha256(separator);
  for (const piece of pieces) await hash.add(piece);
  return hash.hex();
}

function hex(digest: ArrayBuffer): string {
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
