/**
 * RFC 9457 problem details: the one error type of the Worker, turned into one response shape
 * by `app.onError`.
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly slug: string;
  readonly extra: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    title: string,
    detail: string,
    slug: string,
    extra: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = status;
    this.title = title;
    this.slug = slug;
    this.extra = extra;
    this.headers = headers;
  }
}

/** A 400 naming the query parameter that is missing or wrong (`parameter` in the body). */
export function badParameter(name: string, message: string): ProblemError {
  return new ProblemError(400, 'Bad request', `query parameter ${name} ${message}`, 'bad-request', { parameter: name });
}

/** The problem+json response for an error. */
export function problemResponse(error: ProblemError, instance?: string): Response {
  const body = {
    type: `/v1/problems/${error.slug}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: { ...error.headers, 'content-type': 'application/problem+json' },
  });
}
