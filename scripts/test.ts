// `npm test`: typecheck, lint, build, then every vitest project (unit, integration, e2e). Each check step
// counts as one test; vitest's own counts come from its JSON report. Ends with one line: N passed, N failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildAll, ROOT } from './build';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}

const tally: Tally = { passed: 0, failed: 0, skipped: 0 };
const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);

function step(name: string, ok: boolean): void {
  if (ok) tally.passed++;
  else tally.failed++;
  console.log(`\n[${ok ? 'ok' : 'FAILED'}] ${name}\n`);
}

function run(name: string, command: string, args: string[]): boolean {
  console.log(`\n── ${name}: ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env['CI'] ? { ...process.env, NO_COLOR: '1' } : process.env });
  return result.status === 0;
}

step('typecheck', run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
step('lint', run('lint', bin('eslint'), ['--max-warnings', '0', '.']));

console.log('\n── build: production bundles into dist/');
const built = await buildAll({ mode: 'production' }).then(
  () => true,
  (error: unknown) => (console.error(error), false),
);
step('build', built);

const report = path.join(ROOT, 'test-results', 'vitest.json');
mkdirSync(path.dirname(report), { recursive: true });
rmSync(report, { force: true });
const vitestOk = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; success: boolean };
  tally.passed += json.numPassedTests;
  tally.failed += json.numFailedTests;
  tally.skipped += json.numPendingTests + json.numTodoTests;
  // A crashed file or unhandled error fails the run even when no single test failed.
  if (!vitestOk && json.numFailedTests === 0) tally.failed++;
} else {
  tally.failed++;
}

console.log(`\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
process.exit(tally.failed === 0 ? 0 : 1);
