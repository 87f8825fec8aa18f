// The Audit screen's filter form → the audit.list filter: blanks are no filter, text is trimmed, the local
// date-time inputs become UTC instants, an unfinished date is no filter (never a refused request).
import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, filterOf, isFiltered } from '../../../../renderer/features/audit/audit-filter';

describe('audit filter form', () => {
  it('blank fields are no filter at all', () => {
    expect(filterOf(EMPTY_FORM)).toEqual({});
    expect(isFiltered(filterOf({ ...EMPTY_FORM, action: '   ' }))).toBe(false);
  });

  it('keeps trimmed text, the outcome, and turns local date-times into UTC instants', () => {
    const f = filterOf({ from: '2026-12-03T08:00', to: '2026-12-03T18:30', action: ' workspace.* ', outcome: 'deny', account: 'bob@contoso.test', resource: 'workspace:*' });
    expect(f).toEqual({
      from: new Date('2026-12-03T08:00').toISOString(),
      to: new Date('2026-12-03T18:30').toISOString(),
      action: 'workspace.*',
      outcome: 'deny',
      account: 'bob@contoso.test',
      resource: 'workspace:*',
    });
    expect(isFiltered(f)).toBe(true);
  });

  it('an unfinished or impossible date is left out', () => {
    expect(filterOf({ ...EMPTY_FORM, from: '2026-13-45T99:99' })).toEqual({});
  });
});
