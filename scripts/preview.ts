// `npm run preview`: the built renderer in Chromium with window.airlock bound to the real services
// (the test harness). Headed when a display exists, else headless; always writes a screenshot and prints
// its path. Options: --headless, --section <workspaces|endpoints|audit|settings>, --theme <light|dark|high-contrast>.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchHarness } from '../test/harness/harness';
import { buildAll, ROOT } from './build';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    section: { type: 'string', default: 'workspaces' },
    theme: { type: 'string', default: 'light' },
  },
});
const sections = ['workspaces', 'endpoints', 'audit', 'settings'];
if (!sections.includes(values.section)) throw new Error(`--section must be one of ${sections.join(', ')}`);
const headless = values.headless || !process.env['DISPLAY'];

await buildAll({ mode: 'production', targets: ['renderer'] });
const harness = await launchHarness({
  headless,
  colorScheme: values.theme === 'dark' ? 'dark' : 'light',
  forcedColors: values.theme === 'high-contrast' ? 'active' : 'none',
});
await harness.page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
await harness.page.locator(`[data-section="${values.section}"]`).click();
await harness.page.locator('[data-status="health"]').filter({ hasNotText: 'Checking' }).waitFor();

const shotDir = path.join(ROOT, 'test-results', 'preview');
await mkdir(shotDir, { recursive: true });
const shot = path.join(shotDir, `airlock-${values.section}-${values.theme}.png`);
await harness.page.screenshot({ path: shot });
console.log(`Airlock preview (${headless ? 'headless' : 'window'}): screenshot at ${path.relative(process.cwd(), shot)}`);

if (headless) {
  await harness.close();
} else {
  console.log('Close the Chromium window or press Ctrl-C to stop.');
  process.on('SIGINT', () => void harness.close().then(() => process.exit(0)));
  harness.browser.on('disconnected', () => process.exit(0));
  harness.page.on('close', () => void harness.close().then(() => process.exit(0)));
}
