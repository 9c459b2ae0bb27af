import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileForPath, serveStatic } from '../../scripts/lib/static-server.ts';
import type { StaticServer } from '../../scripts/lib/static-server.ts';

describe('fileForPath', () => {
  it('maps a directory path to its index.html and ignores the query', () => {
    expect(fileForPath('/site', '/')).toBe('/site/index.html');
    expect(fileForPath('/site', '/teams/a/?sort=name#x')).toBe('/site/teams/a/index.html');
    expect(fileForPath('/site', '/_astro/a%20b.js')).toBe('/site/_astro/a b.js');
  });

  it('refuses paths that leave the root', () => {
    expect(fileForPath('/site', '/../etc/passwd')).toBeNull();
    expect(fileForPath('/site', '/teams/../../site2/x')).toBeNull();
    expect(fileForPath('/site', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(fileForPath('/site', '/%E0%A4%A')).toBeNull();
  });
});

describe('serveStatic', () => {
  let dir: string;
  let server: StaticServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'quotient-static-'));
    await mkdir(join(dir, 'teams', 'a'), { recursive: true });
    await mkdir(join(dir, '_astro'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>home</title>'.repeat(20));
    await writeFile(join(dir, 'teams', 'a', 'index.html'), '<!doctype html><title>team a</title>');
    await writeFile(join(dir, '_astro', 'app.1234.js'), 'console.log(1)');
    server = await serveStatic(dir);
  });

  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves pages gzipped when asked, with their type', async () => {
    const response = await fetch(server.url, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toContain('<title>home</title>'); // fetch decompresses
  });

  it('gives the raw bytes to a client that does not accept gzip', async () => {
    const { request } = await import('node:http');
    const body = await new Promise<Buffer>((resolve, reject) => {
      request(`${server.url}teams/a/`, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
      })
        .on('error', reject)
        .end();
    });
    expect(() => gunzipSync(body)).toThrow();
    expect(body.toString()).toBe('<!doctype html><title>team a</title>');
  });

  it('redirects a directory without its slash, caches hashed assets for a year and answers 404 for the rest', async () => {
    const redirect = await fetch(`${server.url}teams/a`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/teams/a/');
    const asset = await fetch(`${server.url}_astro/app.1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${server.url}nope/`)).status).toBe(404);
  });
});
