// Deterministic generator of hostile IPC payloads: wrong types, huge strings, prototype-pollution keys,
// deep nesting, cycles, typed arrays, Maps and Sets. Seeded so a failure can be replayed.

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const PLANTED = 'PLANTED-FUZZ-MARKER';

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

export function hostilePayload(random: () => number, i: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const size = Math.floor(random() * 64);
  switch (i % 16) {
    case 0:
      return pick([0, -0, 1, -1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e308, 5e-324]);
    case 1:
      return pick([true, false, null, '', ' ', '\0', '\u202e', '💥', `${PLANTED}`]);
    case 2:
      return `${PLANTED}${'x'.repeat(random() < 0.1 ? 2_000_000 : Math.floor(random() * 100_000))}`;
    case 3:
      return JSON.parse(`{"__proto__": {"polluted": "${PLANTED}", "isAdmin": true}}`);
    case 4:
      return { constructor: { prototype: { polluted: PLANTED } }, prototype: { polluted: PLANTED } };
    case 5:
      // Up to 1,500 levels: deeper than that, V8's structured clone overflows in the sender, so it never reaches main.
      return nest(100 + Math.floor(random() * 1400), PLANTED, random() < 0.5);
    case 6: {
      const cyclic: Record<string, unknown> = { name: PLANTED };
      cyclic['self'] = cyclic;
      return cyclic;
    }
    case 7:
      return Array.from({ length: size * 100 }, (_, k) => (k % 2 ? PLANTED : k));
    case 8:
      return new Map<unknown, unknown>([[PLANTED, { __proto__: null }], ['__proto__', 1]]);
    case 9:
      return new Set([PLANTED, 1, {}]);
    case 10:
      return new Uint8Array(size * 1024).fill(0x41);
    case 11:
      return { [PLANTED]: PLANTED, toString: PLANTED, valueOf: 1, then: PLANTED };
    case 12:
      return new Date(random() < 0.5 ? NaN : random() * 1e13);
    case 13:
      return Object.fromEntries(Array.from({ length: size * 50 }, (_, k) => [`k${k}${PLANTED}`, k]));
    case 14:
      return 2n ** BigInt(size * 8);
    default:
      return [undefined, null, { workspaceId: '../../../etc/passwd' }, /x+/g, new Error(PLANTED)];
  }
}

/** Channel names a hostile page might try. */
export function hostileChannel(random: () => number, i: number): unknown {
  const names = ['__proto__', 'constructor', 'toString', 'app', 'app.', 'app.info.', 'app..info', 'APP.INFO', 'app.info\0', 'vault.export', 'auth.tokens', ''];
  if (i % 3 === 0) return names[i % names.length];
  if (i % 3 === 1) return Array.from({ length: 1 + Math.floor(random() * 300) }, () => String.fromCharCode(32 + Math.floor(random() * 90))).join('');
  return [42, null, {}, ['app.info'], true][i % 5];
}
