/**
 * A tiny static file server for a built site (browser tests, Lighthouse): what a static host
 * such as Cloudflare Pages does for `dist/`, no more. `/dir/` serves `dir/index.html`, text is
 * gzipped when the client accepts it (hosts compress, and Lighthouse weighs what is transferred),
 * hashed assets under `/_astro/` are cached for a year, pages are revalidated.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.json', '.csv', '.svg', '.txt', '.xml']);

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:41234/`. */
  url: string;
  close(): Promise<void>;
}

/** The file a URL path maps to inside `root`, or null when it would leave `root`. */
export function fileForPath(root: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '/');
  } catch {
    return null;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/**
 * Serve `root` on `host` (a free port unless `port` is given) until `close()`.
 *
 * @example
 * const server = await serveStatic('dist');
 * await fetch(server.url); // dist/index.html
 * await server.close();
 */
export async function serveStatic(root: string, options: { host?: string; port?: number } = {}): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const gzipped = new Map<string, Buffer>();
  const server: Server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let file = fileForPath(root, request.url ?? '/');
    if (file === null) {
      response.writeHead(400).end('bad path');
      return;
    }
    try {
      // `/dir` without the slash: redirect like static hosts do.
      if ((await stat(file)).isDirectory()) {
        response.writeHead(301, { location: `${request.url?.split('?')[0]}/` }).end();
        return;
      }
    } catch {
      file = null;
    }
    if (file === null) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const ext = extname(file).toLowerCase();
    let body: Buffer = await readFile(file);
    const headers: Record<string, string> = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': (request.url ?? '').startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    };
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      let zipped = gzipped.get(file);
      if (!zipped) {
        zipped = gzipSync(body, { level: 9 });
        gzipped.set(file, zipped);
      }
      body = zipped;
      headers['content-encoding'] = 'gzip';
      headers.vary = 'accept-encoding';
    }
    headers['content-length'] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
