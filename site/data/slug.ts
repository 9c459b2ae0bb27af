/**
 * URL path segments for team and rep ids. Pure. Ids are any non-empty strings (api.md), so an
 * id is used as it is only when it is already a safe, readable segment; otherwise it becomes a
 * readable part plus a short hash of the whole id, so two ids never share a page.
 */

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The path segment of an id.
 *
 * @example pathSegment('team_east')    // 'team_east'
 * @example pathSegment('Team East/2')  // 'team-east-2-3b8f0c1a' (readable part + FNV-1a hash)
 */
export function pathSegment(id: string): string {
  if (id.length === 0) throw new Error('invalid id: (empty)');
  if (SAFE.test(id) && id.length <= 80) return id;
  const readable = id
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `${readable || 'id'}-${fnv1a(id)}`;
}

/**
 * The path segment of every id, checked to be distinct (a build stops rather than let two
 * teams share a page).
 *
 * @example pathSegments(['a', 'b']) // Map { 'a' => 'a', 'b' => 'b' }
 */
export function pathSegments(ids: readonly string[]): Map<string, string> {
  const byId = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const id of ids) {
    const segment = pathSegment(id);
    const other = seen.get(segment);
    if (other !== undefined && other !== id) {
      throw new Error(`ids ${JSON.stringify(other)} and ${JSON.stringify(id)} share the path segment ${JSON.stringify(segment)}`);
    }
    seen.set(segment, id);
    byId.set(id, segment);
  }
  return byId;
}

/** FNV-1a 32-bit over the UTF-16 code units, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
