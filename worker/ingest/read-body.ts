/** Reads a request body with a hard size limit, so an oversized body is refused before it is held. */
import { ProblemError } from '../problem.ts';

/** api.md: bodies over 1 MiB are refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(): ProblemError {
  return new ProblemError(413, 'Payload too large', `the body must be at most ${MAX_BODY_BYTES} bytes (1 MiB); send fewer events per request`, 'payload-too-large');
}

export async function readBodyLimited(request: Request, limit = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
