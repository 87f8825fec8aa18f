// `npm run preview`: the built renderer in Chromium with window.airlock bound to the real services
// (the test harness). Headed when a display exists, else headless; always writes a screenshot and prints
// its path. The local sandbox (a separate process) is started and offered as the default environment.
// Options: --headless, --section <workspaces|endpoints|audit|settings>, --theme <light|dark|high-contrast>, --no-sandbox.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchHarness } from '../test/harness/harness';
import { buildAll, ROOT } from './build';
import { startSandboxProcess, type SandboxProcess } from './sandbox-process';

const { values } = parseArgs({
  options: {
    headless: { type: 'boolean', default: false },
    section: { type: 'string', default: 'workspaces' },
    theme: { type: 'string', default: 'light' },
    sandbox: { type: 'boolean', default: true },
  },
  allowNegative: true,
});
const sections = ['workspaces', 'endpoints', 'audit', 'settings'];
if (!sections.includes(values.section)) throw new Error(`--section must be one of ${sections.join(', ')}`);
const headless = values.headless || !process.env['DISPLAY'];

await buildAll({ mode: 'production', targets: ['renderer'] });
const sandbox: SandboxProcess | null = values.sandbox ? await startSandboxProcess() : null;
const harness = await launchHarness({
  ...(sandbox ? { environmentFile: sandbox.environmentPath } : {}),
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

const shutdown = async () => {
  await harness.close().catch(() => undefined);
  await sandbox?.stop();
};
if (headless) {
  await shutdown();
} else {
  console.log(`Close the Chromium window or press Ctrl-C to stop${sandbox ? ' (the sandbox stops with it)' : ''}.`);
  const exit = () => void shutdown().then(() => process.exit(0));
  process.on('SIGINT', exit);
  process.on('SIGTERM', exit);
  harness.browser.on('disconnected', exit);
  harness.page.on('close', exit);
}
