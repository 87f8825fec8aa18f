// `airlock audit verify` as text: the findings, then the stretches that cannot be verified — the first few in
// words and how many more (without a keychain each run starts one, so they add up fast).
import { describe, expect, it } from 'vitest';
import { formatVerify } from '../../../../electron/cli/format-audit';
import type { VerifyReportView } from '../../../../shared/contract/schemas/audit';

const report = (stretches: number): VerifyReportView => ({
  result: stretches ? 'unverifiable' : 'intact',
  checked: 40,
  total: 40,
  first: null,
  findings: [],
  unverifiable: Array.from({ length: stretches }, (_, i) => ({ fromSeq: i * 4 + 1, toSeq: i * 4 + 4, words: `Records ${i * 4 + 1}–${i * 4 + 4} cannot be verified: their keys were kept in memory.` })),
  words: stretches ? 'Some records cannot be verified.' : 'The trail is intact.',
});

describe('formatVerify', () => {
  it('lists up to five stretches, then says how many more and where the last ends', () => {
    const text = formatVerify(report(9));
    expect(text.split('\n').filter((l) => l.startsWith('  - Records'))).toHaveLength(5);
    expect(text).toContain('  - …and 4 more stretches that cannot be verified, the last ending at record 36 (--json lists each).');
  });
  it('lists a few stretches whole', () => {
    const text = formatVerify(report(2));
    expect(text.split('\n').filter((l) => l.startsWith('  - Records'))).toHaveLength(2);
    expect(text).not.toContain('more stretch');
  });
});
