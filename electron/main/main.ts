// Airlock's Electron entry: hardens the app before 'ready', composes the services once, opens one
// sandboxed window on app://, and binds the IPC contract to it. All Azure logic lives in electron/services.
import path from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, shell, type Session } from 'electron';
import { createAirlock, APP_ORIGIN, createKeytarKeychain, createStderrLogger, loadEnvironmentFile, systemClock, type Environment, type Logger } from '../services';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol';
import { createAuditExportSaveDialog } from './audit-export-dialog';
import { createTestRunExportSaveDialog } from './test-run-export-dialog';
import { createDiagnosticsSaveDialog } from './diagnostics-dialog';
import { disposeBeforeQuit, QUIT_DISPOSE_BOUND_MS, timerScheduler } from './dispose-before-quit';
import { pushEvents } from './event-push';
import { APP_ENTRY_URL } from './app-url';
import { createExternalOpener, createHttpsOpener } from './external-links';
import { bindIpc } from './ipc-binding';
import { denyAllPermissions } from './permission-guards';
import { createSecureWindow } from './secure-window';
import { installWebContentsGuards } from './web-contents-guards';
import { createNetFetchHttpsPort } from './net-fetch-https';
import { isSignedBuild } from './signed-build';

export interface ShellPaths {
  readonly preload: string;
  readonly renderer: string;
}

/** The bundles sit side by side in dist/: main/main.cjs, preload/preload.cjs, renderer/. */
export function shellPaths(mainDir: string): ShellPaths {
  return { preload: path.join(mainDir, '..', 'preload', 'preload.cjs'), renderer: path.join(mainDir, '..', 'renderer') };
}

/**
 * Development builds only: the environment file `npm start` hands over (the local sandbox). A broken file is
 * reported and skipped; Airlock still starts with the built-in clouds.
 */
async function developmentEnvironments(development: boolean, logger: Logger): Promise<Environment[]> {
  const file = process.env['AIRLOCK_DEV_ENVIRONMENT_FILE'];
  if (!development || !file) return [];
  try {
    return [await loadEnvironmentFile(file)];
  } catch {
    logger.log('warn', 'shell.dev_environment_skipped', {});
    return [];
  }
}

export function startShell(paths: ShellPaths): void {
  // Before 'ready': every renderer sandboxed, app:// privileged.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([...APP_SCHEME_PRIVILEGES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const development = !app.isPackaged;
  const logger = createStderrLogger(development ? 'debug' : 'info');
  const openExternal = createExternalOpener(shell);
  const httpsOpener = createHttpsOpener(shell);
  let mainWindow: BrowserWindow | null = null;

  app.on('web-contents-created', (_event, contents) => installWebContentsGuards(contents, openExternal));
  app.on('session-created', (created: Session) => denyAllPermissions(created));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  // Fail closed and visibly: a window that never appears would still hold the single-instance lock.
  const failStart = (thrown: unknown) => {
    logger.log('error', 'shell.start_failed', { kind: thrown instanceof Error ? thrown.name : typeof thrown });
    dialog.showErrorBox('Airlock could not start', 'Airlock stopped while starting. Reinstall Airlock or contact your administrator if this keeps happening.');
    app.exit(1);
  };

  app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    registerAppProtocol(protocol, paths.renderer);
    // The control plane (Entra, ARM) goes through Chromium's network stack: system proxy, PAC, OS certificates.
    // Its own in-memory session per environment: an environment CA's verify proc and any cookies never touch the
    // window's session, nor another environment's (net-fetch-https.ts).
    const controlPlane = createNetFetchHttpsPort((partition) => session.fromPartition(partition));

    const airlock = createAirlock(
      {
        extraEnvironments: await developmentEnvironments(development, logger),
        runtime: {
          version: app.getVersion(),
          build: development ? 'development' : 'production',
          runtime: 'electron',
          platform: process.platform,
          arch: process.arch,
          signed: isSignedBuild(app.getAppPath()),
        },
      },
      {
        clock: systemClock,
        logger,
        identity: {
          // The auth service only passes https URLs on the environment's sign-in host (browser-guard.ts).
          openBrowser: httpsOpener,
          keychain: createKeytarKeychain(),
          userDataDir: app.getPath('userData'),
          // WAM (Windows broker) parents its sign-in dialog to this window.
          parentWindowHandle: () => mainWindow?.getNativeWindowHandle(),
        },
        // app.openLink: the link service decided (allow-list or the device-code page shown); the shell opens it.
        openLink: httpsOpener,
        // Settings → Export diagnostics: the user picks the file in main's save dialog.
        diagnosticsTarget: createDiagnosticsSaveDialog({ dialog, app }, () => mainWindow),
        // The Audit screen's Export: the same, with a filter for the chosen format.
        auditExportTarget: createAuditExportSaveDialog({ dialog, app }, () => mainWindow),
        // A test run's Export CSV: the same dialog, for a CSV file.
        testRunExportTarget: createTestRunExportSaveDialog({ dialog, app }, () => mainWindow),
        // MSAL, ARM reads and the Bastion host lookup: net.fetch, redirects never followed (net-fetch-https.ts).
        http: controlPlane,
      },
    );
    // The guarded door: sender, channel, payload, then policy and audit before any handler. It logs through
    // airlock.ports.logger: the same lines, also kept for the diagnostics export.
    const gateway = airlock.gateway('electron', APP_ORIGIN);

    mainWindow = createSecureWindow({ preloadPath: paths.preload, allowDevTools: development });
    bindIpc(mainWindow.webContents, gateway);
    // main → renderer: the contract's events, to this window's own main frame only.
    const stopEvents = pushEvents(mainWindow.webContents, airlock.events, airlock.ports.logger);
    mainWindow.on('closed', () => {
      stopEvents();
      mainWindow = null;
    });
    // Quit waits (bounded) for dispose: routes and forwards closed, Bastion's tunnel DELETEd (dispose-before-quit.ts).
    disposeBeforeQuit(app, () => airlock.dispose(), { boundMs: QUIT_DISPOSE_BOUND_MS, scheduler: timerScheduler, logger: airlock.ports.logger });
    return mainWindow.loadURL(APP_ENTRY_URL);
  }).catch(failStart);
}
