// Three kinds of tests, run in this order by scripts/test.ts: unit (pure Node, fake electron), integration
// (real processes and servers on loopback), e2e (real Chromium through the harness; real Electron where a binary exists).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit and integration files run in shared workers (isolate: false): a fresh worker per file cost ~1.4 s of
// start-up and imports each (134 s of the integration project's 326 s). A file that mocks modules, spies on
// globals or changes process state would leak into the files after it, so such files keep a fresh worker each
// in '<project>-isolated'. The split is by content, so a new test that starts mocking moves over by itself.
const NEEDS_ISOLATION = /\bvi\.(mock|doMock|hoisted|stubGlobal|stubEnv|useFakeTimers|resetModules|spyOn)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/;

function filesNeedingIsolation(dir: string): string[] {
  const absolute = fileURLToPath(new URL(`./${dir}`, import.meta.url));
  return readdirSync(absolute, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && NEEDS_ISOLATION.test(readFileSync(path.join(absolute, file), 'utf8')))
    .map((file) => `${dir}/${file.split(path.sep).join('/')}`);
}

const isolatedUnitFiles = filesNeedingIsolation('test/unit');
const isolatedIntegrationFiles = filesNeedingIsolation('test/integration');

export default defineConfig({
  test: {
    // vitest's default is one worker per core less one: a single worker on CI's 2 cores, so 98 integration files
    // ran one after another while they mostly wait on child processes and sockets. Three workers keep both cores busy.
    maxWorkers: 3,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: isolatedUnitFiles, environment: 'node', isolate: false } },
      { test: { name: 'unit-isolated', include: isolatedUnitFiles, environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: isolatedIntegrationFiles,
          environment: 'node',
          isolate: false,
          testTimeout: 60_000,
        },
      },
      { test: { name: 'integration-isolated', include: isolatedIntegrationFiles, environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Chromium frames and preview processes measured on a machine the other projects keep busy go flaky:
          // e2e runs after them, alone.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
