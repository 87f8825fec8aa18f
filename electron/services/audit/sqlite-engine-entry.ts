// Where better-sqlite3 is, for a helper thread's require: the bundle's own require in Electron (main.cjs is
// CommonJS), else resolved from the working folder (tsx, vitest, the CLI under Node).
import { createRequire } from 'node:module';
import path from 'node:path';

export function sqliteEngineEntry(): string {
  return typeof require === 'function' ? require.resolve('better-sqlite3') : createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
}
