// `npm start`: builds Airlock and launches it in Electron. Where no Electron binary exists (it cannot be
// downloaded on every machine), says so in one message, how to get it, and points to `npm run preview`.
// In this development run the local sandbox (a separate process) is started and offered as the default
// environment through AIRLOCK_DEV_ENVIRONMENT_FILE, which packaged builds ignore.
import { spawn } from 'node:child_process';
import { buildAll, ROOT } from './build';
import { locateElectronBinary } from './electron-binary';
import { startSandboxProcess } from './sandbox-process';

const binary = locateElectronBinary(ROOT);
if (!binary.found) {
  console.error(
    [
      `Airlock cannot start: there is no Electron binary on this machine — ${binary.reason}.`,
      '  Get it: on a machine that can reach GitHub run `npx install-electron`, or point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder; then run `npm start` again.',
      '  Meanwhile: `npm run preview` opens the same UI in Chromium, bound to the real services.',
    ].join('\n'),
  );
  process.exit(1);
}

await buildAll({ mode: 'development' });
const sandbox = await startSandboxProcess();
console.log(`Airlock: local sandbox running; environment file ${sandbox.environmentPath}`);
const child = spawn(binary.path, [ROOT], {
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_ENABLE_SECURITY_WARNINGS: 'true', AIRLOCK_DEV_ENVIRONMENT_FILE: sandbox.environmentPath },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => void sandbox.stop().then(() => process.exit(code ?? 0)));
