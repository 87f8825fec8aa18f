// The Audit screen over a 1M-record trail: audit.list is replaced (behind the same guard) by a keyset pager over
// 1,000,000 synthetic records, and every request is kept. Scrolling down asks for older pages one at a time
// (before = the last row), the screen never holds more than 1,000 rows nor renders more than a screenful, the
// rows stay contiguous; scrolling back up asks for newer pages (after); Oldest jumps to the start with after 0.
// Never a request for everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditList, AuditListRequest, AuditRecordView } from '../../../shared/contract/schemas/audit';
import { ensureRendererBuilt } from '../../harness/ensure-built';
import { harnessAirlock, launchHarness, type Harness } from '../../harness/harness';

const N = 1_000_000;
const requests: AuditListRequest[] = [];

const record = (seq: number): AuditRecordView => ({
  seq,
  time: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
  kind: 'decision',
  correlationId: `c${seq}`,
  action: 'workspace.list',
  resource: 'workspace:*',
  accountId: null,
  username: 'pat@contoso.test',
  tenantId: null,
  environmentId: 'Sandbox',
  decision: 'allow',
  rule: 'browse',
});

/** Newest first, like the trail: before → older than it, after → newer than it, neither → the newest. */
async function page(input: AuditListRequest): Promise<AuditList> {
  requests.push(input);
  const limit = input.limit ?? 200;
  let high: number;
  let low: number;
  if (input.before !== undefined) [high, low] = [input.before - 1, Math.max(1, input.before - limit)];
  else if (input.after !== undefined) [high, low] = [Math.min(N, input.after + limit), input.after + 1];
  else [high, low] = [N, N - limit + 1];
  const records = high >= low ? Array.from({ length: high - low + 1 }, (_, i) => record(high - i)) : [];
  return { records, hasOlder: low > 1, hasNewer: high < N };
}

let h: Harness;
/** The oldest row held after scrolling down (the window then holds lowest … lowest + 999). */
let lowest = 0;
const list = () => h.page.getByRole('listbox', { name: 'Audit records' });
const seqs = () => list().getByRole('option').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-audit-seq'))));
const loaded = async () => Number(/([\d,]+) records loaded/.exec((await h.page.getByRole('status').filter({ hasText: 'records loaded' }).textContent()) ?? '')?.[1]?.replaceAll(',', ''));

async function scrollTo(where: 'bottom' | 'top') {
  const before = requests.length;
  await list().evaluate((el, w) => {
    el.scrollTop = w === 'bottom' ? el.scrollHeight : 0;
  }, where);
  await expect.poll(() => requests.length, { timeout: 10_000 }).toBeGreaterThan(before);
  await settled();
}

/** Not busy, and no page asked for since the last look: a page that lands while the list is still at an edge may
 * ask for the next one, so one idle moment is not enough. */
async function settled() {
  let seen = -1;
  await expect
    .poll(async () => {
      const idle = (await list().getAttribute('aria-busy')) === 'false' && requests.length === seen;
      seen = requests.length;
      return idle;
    })
    .toBe(true);
}

beforeAll(async () => {
  await ensureRendererBuilt();
  h = await launchHarness({ airlock: harnessAirlock(undefined, [], {}, { audit: { list: page } }) });
  await h.page.getByRole('tab', { name: 'Audit' }).click();
  await list().waitFor({ timeout: 30_000 });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Audit list over 1M records (harness, replaced audit.list)', () => {
  it('opens on the newest page and renders only a screenful of it', async () => {
    expect(requests).toEqual([{ filter: {}, limit: 200 }]);
    const shown = await seqs();
    expect(shown[0]).toBe(N);
    expect(shown.length).toBeLessThan(60);
  });

  it('scrolling down asks for older pages one at a time, keeps at most 1,000 rows, contiguous', async () => {
    for (let i = 0; i < 8; i++) await scrollTo('bottom');
    const befores = requests.slice(1).map((r) => r.before);
    expect(befores.every((b) => b !== undefined)).toBe(true);
    expect(befores).toEqual([...befores].sort((a, b) => b! - a!)); // always further down
    expect(requests.every((r) => (r.limit ?? 0) <= 500)).toBe(true);
    expect(await loaded()).toBe(1000);
    const shown = await seqs();
    expect(shown.length).toBeLessThan(60);
    expect(shown.every((s, i) => i === 0 || shown[i - 1]! - s === 1)).toBe(true);
    lowest = befores.at(-1)! - 200; // the oldest row held: the last page's
    expect(Math.min(...shown)).toBeGreaterThanOrEqual(lowest);
    expect(Math.max(...shown)).toBeLessThanOrEqual(lowest + 999); // what is on screen is what is held
    expect(befores.at(-1)!).toBeLessThan(N - 1000); // further than one window: rows were dropped above
  });

  it('scrolling back up asks for the newer pages it dropped (after)', async () => {
    const count = requests.length;
    await scrollTo('top');
    // The window may have taken one more older page after the last test looked (the list was still at the bottom
    // when a page landed), so the rows held are read from the request log itself: the last older page asked for
    // before the first newer one.
    const firstAfter = requests.findIndex((r, i) => i >= count && r.after !== undefined);
    expect(firstAfter).toBeGreaterThanOrEqual(count);
    const lastBefore = requests.slice(0, firstAfter).findLast((r) => r.before !== undefined)!.before!;
    lowest = lastBefore - 200;
    const afters = requests.slice(firstAfter).map((r) => r.after);
    expect(afters.every((a) => a !== undefined)).toBe(true);
    expect(afters[0]).toBe(lowest + 999); // the page just above the first of the 1,000 rows held
    expect(afters).toEqual([...afters].sort((a, b) => a! - b!)); // always further up
    expect(await loaded()).toBe(1000);
    const shown = await seqs();
    expect(shown.every((s, i) => i === 0 || shown[i - 1]! - s === 1)).toBe(true);
  });

  it('Oldest jumps to the first records of the trail and shows the very first at the bottom', async () => {
    const count = requests.length;
    await h.page.getByRole('button', { name: 'Oldest' }).click();
    await expect.poll(async () => (await seqs()).at(-1), { timeout: 10_000 }).toBe(1);
    expect(requests.slice(count)).toContainEqual({ filter: {}, after: 0, limit: 200 });
  });

  it('the keyboard moves the selection through the list, and the detail pane follows', async () => {
    await h.page.getByRole('button', { name: 'Newest' }).click();
    await expect.poll(async () => (await seqs()).at(0), { timeout: 10_000 }).toBe(N);
    await list().focus();
    await h.page.keyboard.press('ArrowDown');
    await expect.poll(() => list().getAttribute('aria-activedescendant')).toBe(`audit-row-${N}`);
    await h.page.keyboard.press('PageDown');
    const after = Number((await list().getAttribute('aria-activedescendant'))!.replace('audit-row-', ''));
    expect(after).toBeLessThan(N - 5); // a screenful further down
    expect(await h.page.locator('[data-audit-detail] [data-detail="seq"]').textContent()).toBe(String(after));
    expect(await list().locator(`#audit-row-${after}`).getAttribute('aria-selected')).toBe('true'); // scrolled into the DOM
    await h.page.keyboard.press('Home');
    await expect.poll(() => list().getAttribute('aria-activedescendant')).toBe(`audit-row-${N}`);
  });
});
