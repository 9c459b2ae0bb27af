/**
 * After a recompute writes a new snapshot, the published site must be rebuilt: POST to the
 * configured deploy hook (a Cloudflare Pages deploy hook URL, or any build trigger). A failing
 * hook is logged, never fatal: the snapshot is written either way, and the next new snapshot
 * triggers the hook again.
 */
export interface NewSnapshot {
  snapshot_id: string;
  as_of: string;
}

export async function callDeployHook(url: string | undefined, snapshot: NewSnapshot, fetcher: typeof fetch = fetch): Promise<boolean> {
  if (!url) return false;
  try {
    const response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'snapshot.created', ...snapshot }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) console.error('deploy hook answered', response.status);
    return response.ok;
  } catch (error) {
    console.error('deploy hook failed', error);
    return false;
  }
}
