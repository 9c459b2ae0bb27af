import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexJoined } from '../../worker/sha256.ts';

describe('sha256HexJoined', () => {
  it('is the SHA-256 of the joined text, across chunk boundaries and in any script', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const cases: string[][] = [
      [],
      [''],
      ['', ''],
      ['abc'],
      ['a', 'b', 'c'],
      ['Ünïcødé ✓', '東京', '🙂 emoji'],
      // Pieces around and over the 1M-character chunk: the join still hashes as one text.
      ['x'.repeat((1 << 20) - 1), 'y', 'z'.repeat(1 << 20), '', 'tail'],
    ];
    for (const pieces of cases) {
      expect(await sha256HexJoined(pieces, '\n'), JSON.stringify(pieces.map((p) => p.length))).toBe(await sha256Hex(pieces.join('\n')));
    }
    expect(await sha256HexJoined(['a', 'b'], '')).toBe(await sha256Hex('ab'));
    expect(await sha256HexJoined(['a', 'b'], '\n')).not.toBe(await sha256Hex('ab'));
  });
});
