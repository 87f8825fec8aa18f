// The layers of docs/architecture.md as ALLOW-LISTS (VS Code's `code-import-patterns` style): every source file
// belongs to exactly one layer, and a layer names everything it may import. Anything not named is refused,
// so a new package or folder is refused until someone decides where it may be used. The first layer whose
// `files` matches a file wins; a file no layer matches is itself an error (add its folder here).
//
// `files` globs match the file's repo-relative path. `allow` and `except` entries are one of:
//   - a repo path glob for what an import LANDS on, written without extension and without a trailing /index
//     ('shared/**'; 'electron/services' is electron/services/index.ts; 'electron/services/*' is any one
//     service's index.ts, never a file inside it). `{service}` stands for the file's own service folder.
//   - a package: 'zod', '@fluentui/*' (the package and its subpaths), or an exact subpath ('electron/package.json').
//   - NODE (Node built-ins, with or without 'node:'), PACKAGES (any npm package), ANYWHERE (anything at all).
// `except` is checked against the package name and wins over `allow`, except over an exact subpath in `allow`.
// `literalOnly`: module specifiers must be string literals (a computed one could name anything).

export const NODE = '<node built-ins>';
export const PACKAGES = '<npm packages>';
export const ANYWHERE = '<anything>';

const RENDERER_PACKAGES = ['react', 'react-dom', '@fluentui/*', '@tanstack/react-virtual', 'zod', '@codemirror/*', '@lezer/highlight', 'uplot'];
const SERVICES_FACE = 'electron/services';
const ANY_SERVICE_FACE = 'electron/services/*';

/** @typedef {{ name: string, files: string[], allow: string[], except?: string[], literalOnly: boolean, why: string }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  {
    name: 'shared',
    files: ['shared/**'],
    allow: ['shared/**', 'zod'],
    literalOnly: true,
    why: "shared/ is pure TypeScript that every runtime loads: it imports only shared/ and 'zod'",
  },
  {
    name: 'renderer',
    files: ['renderer/**'],
    allow: ['renderer/**', 'shared/**', ...RENDERER_PACKAGES],
    literalOnly: true,
    why: `renderer/ runs in a sandboxed Chromium and talks to main only through window.airlock: it imports renderer/, shared/ and the browser packages ${RENDERER_PACKAGES.join(', ')} — no Node, no 'electron', no electron/`,
  },
  {
    name: 'electron/preload',
    files: ['electron/preload/**'],
    allow: ['electron/preload/**', 'shared/**', 'electron'],
    literalOnly: true,
    why: "electron/preload/ runs in the renderer's sandbox: it imports only shared/ and 'electron' (contextBridge, ipcRenderer)",
  },
  {
    name: 'electron/main',
    files: ['electron/main/**'],
    allow: ['electron/main/**', 'shared/**', SERVICES_FACE, NODE, PACKAGES],
    literalOnly: true,
    why: "electron/main/ imports 'electron', Node, packages, shared/, and services only through electron/services (its index.ts)",
  },
  {
    name: 'electron/cli',
    files: ['electron/cli/**'],
    allow: ['electron/cli/**', 'shared/**', SERVICES_FACE, NODE, PACKAGES],
    except: ['electron'],
    literalOnly: true,
    why: "electron/cli/ is plain Node: it imports Node, packages (never 'electron'), shared/, and services only through electron/services (its index.ts)",
  },
  {
    name: 'electron/preview',
    files: ['electron/preview/**'],
    allow: ['electron/preview/**', 'shared/**', SERVICES_FACE, NODE, PACKAGES],
    except: ['electron'],
    literalOnly: true,
    why: "electron/preview/ is the Chromium host, a product host beside main: it imports Node, packages (never 'electron'), shared/, and services only through electron/services (its index.ts) — never electron/main/ or test/",
  },
  {
    name: 'electron/services (face)',
    files: ['electron/services/index.{ts,js}'],
    allow: [ANY_SERVICE_FACE, 'shared/**', NODE, PACKAGES],
    except: ['electron'],
    literalOnly: true,
    why: "electron/services/index.ts is the face of the services: it re-exports each service's own index.ts, nothing deeper",
  },
  {
    name: 'electron/services/{service}',
    files: ['electron/services/{service}/**/*'],
    allow: ['electron/services/{service}/**', ANY_SERVICE_FACE, 'shared/**', NODE, PACKAGES],
    except: ['electron'],
    literalOnly: true,
    why: "a service is Electron-free Node: it imports its own folder, shared/, Node, packages (never 'electron'), and another service only through that service's index.ts",
  },
  {
    name: 'sandbox',
    files: ['sandbox/**'],
    allow: ['sandbox/**', NODE, PACKAGES],
    except: ['electron'],
    literalOnly: true,
    why: 'sandbox/ plays Azure and shares no code with the app or its tooling: it imports only sandbox/, Node and packages (a bug shared between client and emulator would hide itself)',
  },
  {
    name: 'scripts',
    files: ['scripts/**'],
    allow: ['scripts/**', 'shared/**', 'electron/services/**', 'electron/preview/**', 'sandbox/**', NODE, PACKAGES, 'electron/package.json'],
    except: ['electron'],
    literalOnly: false,
    why: "scripts/ is product tooling (build, start, preview, gates): it never imports test/ code, code that needs Electron's runtime (electron/main, electron/preload) or the renderer, nor 'electron' itself (in Node that may download the binary; read electron/package.json instead)",
  },
  {
    name: 'bench',
    files: ['bench/**'],
    allow: ['bench/**', 'shared/**', 'electron/services/**', 'sandbox/**', 'scripts/**', 'test/**', NODE, PACKAGES],
    except: ['electron'],
    literalOnly: false,
    why: "bench/ measures services in plain Node beside their baselines: services (any file), sandbox/, test/ support, Node and packages — never 'electron', electron/main, electron/preload or the renderer",
  },
  {
    name: 'test',
    files: ['test/**'],
    allow: [ANYWHERE],
    literalOnly: false,
    why: "test/ mocks 'electron' and reaches into every layer",
  },
  {
    name: 'build',
    files: ['build/**'],
    allow: ['build/**', NODE, PACKAGES],
    literalOnly: false,
    why: 'build/ holds packaging resources and hooks: build/, Node and packages only',
  },
  {
    name: 'root config',
    files: ['*'],
    allow: ['scripts/**', NODE, PACKAGES],
    except: ['electron'],
    literalOnly: false,
    why: "root config files (eslint, vitest) import scripts/, Node and packages, never 'electron'",
  },
];
