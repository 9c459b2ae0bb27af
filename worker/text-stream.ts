/**
 * A response body streamed from text pieces as they are produced, so a large document never
 * sits whole in the Worker's memory (128 MB).
 */
export function textStream(pieces: AsyncIterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await pieces.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (error) {
        // Headers are gone already: fail the transfer so the client sees an error, not a short document.
        console.error('streamed response failed:', error);
        controller.error(error);
      }
    },
    async cancel() {
      await pieces.return?.();
    },
  });
}
