// The 10k-row bench's baseline: a plain static HTML table of the same rows (no framework, no virtualization),
// in its own page of the same Chromium, same viewport, scrolled by the same probe. A click on #go puts all
// rows in at once (innerHTML of the whole table), so "navigation to first rows" is measured the same way.
import type { Browser, Page } from 'playwright-core';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function tableHtml(caption: string, headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const head = `<tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const body = rows.map((cells, i) => `<tr data-row="${i}">${cells.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${escape(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

export async function openStaticTablePage(browser: Browser, viewport: { width: number; height: number }): Promise<{ page: Page; load: (html: string) => Promise<void>; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.setContent(
    '<!doctype html><html><head><style>body{margin:0;font:14px system-ui}#scroller{height:100vh;overflow:auto}table{border-collapse:collapse;width:100%}td,th{padding:6px 8px;border-bottom:1px solid #ddd;text-align:start;white-space:nowrap}</style></head><body><button id="go">Show</button><div id="scroller"></div></body></html>',
  );
  return {
    page,
    // The rows wait in a page variable; #go empties the scroller and puts them in. innerHTML is the point of this
    // baseline: the cheapest way a browser shows a whole table, in a throwaway page of the bench (never Airlock's
    // renderer, whose CSP has no such sink), from tableHtml's markup in which every header and cell is escaped.
    load: async (html) => {
      await page.evaluate((h) => {
        const w = window as unknown as { __rows: string; __wired?: boolean };
        w.__rows = h;
        const scroller = document.querySelector('#scroller')!;
        scroller.replaceChildren();
        if (!w.__wired) {
          document.querySelector('#go')!.addEventListener('click', () => (scroller.innerHTML = w.__rows));
          w.__wired = true;
        }
      }, html);
    },
    close: () => context.close(),
  };
}
