// Three kinds of tests, run in this order by scripts/test.ts: unit (pure Node, fake electron), integration
// (real processes and servers on loopback), e2e (real Chromium through the harness; real Electron where a binary exists).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit files run in one shared worker (isolate: false): a fresh worker per file cost ~1 s of start-up and
// imports each, most of the unit project's time. A file that mocks modules, spies on globals or changes
// process state would leak into the files after it, so such files keep a fresh worker each in 'unit-isolated'.
// The split is by content, so a new test that starts mocking moves over by itself. Run both: --project 'unit*'.
const NEEDS_ISOLATION = /\bvi\.(mock|doMock|hoisted|stubGlobal|stubEnv|useFakeTimers|resetModules|spyOn)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/;
const unitDir = fileURLToPath(new URL('./test/unit', import.meta.url));
const isolatedUnitFiles = readdirSync(unitDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts') && NEEDS_ISOLATION.test(readFileSync(path.join(unitDir, file), 'utf8')))
  .map((file) => `test/unit/${file.split(path.sep).join('/')}`);

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: isolatedUnitFiles, environment: 'node', isolate: false } },
      { test: { name: 'unit-isolated', include: isolatedUnitFiles, environment: 'node' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
