// axe-core in a harness page: serious and critical violations only (what issue 11's "Done when" counts), each with
// its rule id, help text and target selectors so a failing test says what to fix and where.
// The source is evaluated over CDP (page.evaluate) rather than added as a <script>: the app's CSP forbids inline
// scripts, and the check must not need the CSP loosened.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Harness } from '../harness/harness';

type Page = Harness['page'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
  /** The first node's HTML and axe's summary of why it fails (e.g. the contrast ratio and colours). */
  first: string;
}

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'];
let source: string | null = null;

/**
 * Serious/critical axe findings on the page as it is now. Fluent's focus-trap sentinels
 * (<i data-tabster-dummy aria-hidden tabindex=0>) are left out: they are Fluent's, and tabster moves focus on as
 * soon as one receives it.
 */
export async function axeSerious(page: Page): Promise<AxeFinding[]> {
  source ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  // Let opening dialogs and theme transitions finish first: half-faded text is not what the user reads. Endless
  // animations (spinners) are left running.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  return page.evaluate(async (tags) => {
    type Result = { violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }> }> };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: object) => Promise<Result> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')), first: `${v.nodes[0]?.html ?? ''} — ${v.nodes[0]?.failureSummary ?? ''}` }));
  }, TAGS);
}
