/** linkedom as patched (scripts/patches): no listener map per node, listeners still work. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const linkedomDir = dirname(require.resolve('linkedom/package.json'));

describe('linkedom, patched', () => {
  it('no longer gives every node a listener map when it is created (postinstall applied the patch)', () => {
    const source = readFileSync(join(linkedomDir, 'esm', 'interface', 'event-target.js'), 'utf8');
    const constructor = /constructor\(\) \{([^}]*)\}/.exec(source)?.[1];
    expect(constructor?.trim()).toBe('');
    expect(source).toContain('if (!wm.has(this)) wm.set(this, new Map);');
  });

  it('still adds, dispatches, bubbles and removes listeners', () => {
    const { document, Event } = parseHTML('<!doctype html><html><body><div id="outer"><span id="inner"></span></div></body></html>');
    const outer = document.getElementById('outer')!;
    const inner = document.getElementById('inner')!;
    const seen: string[] = [];
    const onInner = () => seen.push('inner');
    inner.addEventListener('ping', onInner);
    outer.addEventListener('ping', () => seen.push('outer'));
    inner.dispatchEvent(new Event('ping', { bubbles: true }));
    expect(seen).toEqual(['inner', 'outer']);
    inner.removeEventListener('ping', onInner);
    // Removing from a node that never had a listener is a no-op, as in a browser.
    outer.querySelector('span')!.parentNode!.removeEventListener('other', onInner);
    document.createElement('p').removeEventListener('ping', onInner);
    inner.dispatchEvent(new Event('ping', { bubbles: true }));
    expect(seen).toEqual(['inner', 'outer', 'outer']);
  });
});
