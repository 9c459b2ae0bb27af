/** SHA-256 of a text, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Characters encoded per write of a streamed digest: large enough that writes are few, small enough to hold. */
const CHUNK_CHARS = 1 << 20;

/**
 * SHA-256 of `pieces.join(separator)` without building the joined text: a snapshot's content is
 * hundreds of MB at a million sales, more than a Worker may hold (128 MB) as one string and its
 * bytes. Streams it through `crypto.DigestStream` in chunks of about a million characters.
 */
export async function sha256HexJoined(pieces: Iterable<string>, separator: string): Promise<string> {
  // Workers' own streaming digest (the global `crypto` is typed from Node's here, which lacks it).
  const { DigestStream } = crypto as unknown as { DigestStream: new (algorithm: string) => WritableStream<ArrayBufferView> & { digest: Promise<ArrayBuffer> } };
  const stream = new DigestStream('SHA-256');
  const writer = stream.getWriter();
  const encoder = new TextEncoder();
  let chunk: string[] = [];
  let chars = 0;
  let first = true;
  const flush = async () => {
    if (chunk.length > 0) await writer.write(encoder.encode(chunk.join('')));
    chunk = [];
    chars = 0;
  };
  for (const piece of pieces) {
    if (!first) chunk.push(separator);
    first = false;
    chunk.push(piece);
    chars += piece.length + separator.length;
    if (chars >= CHUNK_CHARS) await flush();
  }
  await flush();
  await writer.close();
  return hex(await stream.digest);
}

function hex(digest: ArrayBuffer): string {
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
