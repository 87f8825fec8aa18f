// Builds the renderer once if dist/ is missing, so e2e tests also run on their own (npx vitest --project e2e).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildAll, RENDERER_DIST } from '../../scripts/build';

export async function ensureRendererBuilt(): Promise<void> {
  if (!existsSync(path.join(RENDERER_DIST, 'index.html')) || !existsSync(path.join(RENDERER_DIST, 'app.js'))) {
    await buildAll({ mode: 'production', targets: ['renderer'] });
  }
}
