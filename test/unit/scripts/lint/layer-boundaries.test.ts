// RuleTester for `airlock/layer-boundaries`: the allow-lists of scripts/lint/layers.js, every bypass found in
// review (issue 8 §5), and the imports each layer legitimately makes. File names are repo paths; the files
// need not exist (the rule judges where an import lands).
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { airlockLintPlugin } from '../../../../scripts/lint/plugin.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2024, sourceType: 'module' } });
const rule = airlockLintPlugin.rules['layer-boundaries'];

type Case = readonly [file: string, code: string];
const at = (file: string) => path.join(ROOT, file);
const valid = (cases: Case[]) => cases.map(([file, code]) => ({ name: `${file}: ${code}`, filename: at(file), code }));
const invalid = (messageId: 'forbidden' | 'dynamic' | 'unclassified' | 'malformed', cases: Case[]) =>
  cases.map(([file, code]) => ({ name: `${file}: ${code}`, filename: at(file), code, errors: [{ messageId }] }));

const RENDERER = 'renderer/features/session/SignInPanel.tsx';
const PRELOAD = 'electron/preload/preload.ts';
const MAIN = 'electron/main/main.ts';
const CLI = 'electron/cli/main.ts';
const PREVIEW = 'electron/preview/chromium-host.ts';
const AUTH = 'electron/services/auth/https-network-client.ts';
const FACE = 'electron/services/index.ts';

tester.run('layer-boundaries', rule, {
  valid: valid([
    ['shared/contract/channels.ts', "import { z } from 'zod';"],
    ['shared/contract/channels.ts', "import { errorShape } from '../errors/airlock-error';"],
    [RENDERER, "import { useState } from 'react';"],
    [RENDERER, "import { createRoot } from 'react-dom/client';"],
    [RENDERER, "import { Button } from '@fluentui/react-components';"],
    [RENDERER, "import { KeyRegular } from '@fluentui/react-icons';"],
    [RENDERER, "import { z } from 'zod';"],
    [RENDERER, "import { CHANNELS } from '../../../shared/contract/channels';"],
    [RENDERER, 'const lazy = () => import(`./SignInHelp`);'],
    [PRELOAD, "import { contextBridge, ipcRenderer } from 'electron';"],
    [PRELOAD, "import { buildAirlockApi } from '../../shared/contract/api-builder';"],
    [MAIN, "import { app } from 'electron';"],
    [MAIN, "import path from 'node:path';"],
    [MAIN, "import { createAirlock } from '../services';"],
    [MAIN, "import { createAirlock } from '../services/index';"],
    [MAIN, "import { createAirlock } from '../services/index.ts';"],
    [MAIN, "import { CHANNELS } from '../../shared/contract/channels';"],
    [MAIN, "import { createSecureWindow } from './secure-window';"],
    [CLI, "import os from 'node:os';"],
    [CLI, "import { createAirlock } from '../services';"],
    [CLI, "import { AirlockError } from '../../shared/errors/airlock-error';"],
    [PREVIEW, "import { chromium } from 'playwright-core';"],
    [PREVIEW, "import { createAirlock } from '../services';"],
    [PREVIEW, "import { buildAirlockApi } from '../../shared/contract/api-builder';"],
    [PREVIEW, "import { bridgeScript } from './bridge-script';"],
    [AUTH, "import { createHttpsSend } from '../ports';"],
    [AUTH, "import { createHttpsSend } from '../ports/index';"],
    [AUTH, "import { createHttpsSend } from '../ports/index.ts';"],
    [AUTH, "import { mapMsalError } from './msal-errors';"],
    [AUTH, "import { PublicClientApplication } from '@azure/msal-node';"],
    [AUTH, "import { request } from 'node:https';"],
    [AUTH, "import type { AccountSummary } from '../../../shared/contract/schemas/auth';"],
    [AUTH, "const keytar = await import('keytar');"],
    [AUTH, "import { createRequire } from 'node:module'; const r = createRequire(import.meta.url); r('keytar');"],
    [AUTH, "stepUps.require({ account, reason });"],
    [FACE, "export { createAirlock } from './composition';"],
    [FACE, "export { createVault } from './vault/index';"],
    ['sandbox/idp/provider.ts', "import Provider from 'oidc-provider';"],
    ['sandbox/network/bastion.ts', "import type { SandboxContext } from '../context';"],
    ['scripts/build.ts', "import { build } from 'esbuild';"],
    ['scripts/build.ts', "import { buildCsp } from '../electron/services/ui-bundle';"],
    ['scripts/preview.ts', "import { launchPreview } from '../electron/preview';"],
    ['scripts/security-gate/electronegativity-scan.ts', "const require = createRequire(import.meta.url); require('electron/package.json'); require.resolve('@doyensec/electronegativity');"],
    ['scripts/security-gate/electronegativity-scan.ts', "const runner = createRequire(path)(path.join(dir, 'x.js'));"],
    ['bench/suites/vault-unlock.bench.ts', "import { dataKeyAccount } from '../../electron/services/vault/data-key';"],
    ['bench/suites/silent-token.bench.ts', "import { createScriptedBrowser } from '../../test/support/sandbox/scripted-browser';"],
    // Loaders used the ordinary way stay fine (issue 8 review M5 tightened what counts as ordinary).
    [AUTH, "import { createRequire as cr } from 'node:module'; const load = cr(import.meta.url); load('keytar');"],
    [AUTH, "import { builtinModules } from 'node:module'; const builtins = new Set(builtinModules);"],
    [AUTH, "import Module from 'node:module'; const builtin = Module.isBuiltin('fs');"],
    [AUTH, "if (typeof require === 'function') { require('keytar'); }"],
    [AUTH, "const { require: needed } = options; stepUps.require({ account });"],
    [AUTH, "class Registry { require(challenge) { return challenge; } _load() {} }"],
    [RENDERER, "import { Button } from '@fluentui/react-components/unstable';"],
    ['scripts/security-gate/window-probe.ts', "import Module from 'node:module'; const loader = Module; const load = loader._load;"],
    ['scripts/security-gate/electronegativity-scan.ts', "const previous = require.cache[gotPath]; const f = (0, require)('x');"],
    ['test/unit/electron/main/main.test.ts', "import { app } from 'electron'; import { startShell } from '../../../../electron/main/main';"],
    ['test/unit/electron/main/main.test.ts', 'const m = await import(name);'],
    ['eslint.config.js', "import { airlockLintPlugin } from './scripts/lint/plugin.js';"],
    ['vitest.config.ts', "import { defineConfig } from 'vitest/config';"],
    ['build/after-pack.js', "import { flipFuses } from '@electron/fuses';"],
  ]),
  invalid: [
    // The bypasses found in review.
    ...invalid('forbidden', [
      [RENDERER, 'const e = await import(`electron`);'],
      [CLI, "import { createRequire } from 'node:module'; createRequire(import.meta.url)('electron');"],
      [CLI, "import { createRequire } from 'node:module'; const r = createRequire(import.meta.url); r('electron');"],
      [CLI, "import module from 'node:module'; const r = module.createRequire(import.meta.url); r('electron');"],
      [CLI, "const req = require; req('electron');"],
      [AUTH, "module.require('electron');"],
      [AUTH, "module['require']('electron');"],
      [AUTH, "process.mainModule.require('electron');"],
      [AUTH, "require.main.require('electron');"],
      [AUTH, "require.resolve('electron');"],
      [AUTH, "const p = import.meta.resolve('electron');"],
      [AUTH, "require('elec' + 'tron');"],
      [RENDERER, "import keytar from 'keytar';"],
      [RENDERER, "import { PublicClientApplication } from '@azure/msal-node';"],
      ['sandbox/main.ts', "import { buildAll } from '../scripts/build';"],
      ['sandbox/idp/provider.ts', "import { fake } from '../../test/support/fake-electron';"],
      [AUTH, "import { createHttpsSend } from '../ports/https-request';"],
      // The second review (M5): createRequire under another name, and '..' inside a bare specifier.
      [AUTH, "import { createRequire as cr } from 'node:module'; cr(import.meta.url)('electron');"],
      [AUTH, "import { createRequire as cr } from 'module'; const load = cr(import.meta.url); load('electron');"],
      [AUTH, "import * as nodeModule from 'node:module'; nodeModule.createRequire(import.meta.url)('electron');"],
      [AUTH, "import { Module as M } from 'node:module'; M.createRequire(import.meta.url)('electron');"],
      [AUTH, "const { createRequire: cr } = require('node:module'); cr(import.meta.url)('electron');"],
      [AUTH, "const { createRequire: cr } = await import('node:module'); cr(import.meta.url)('electron');"],
      [AUTH, "const load = module.require; load('electron');"],
      [AUTH, "import m = require('node:module'); m.createRequire(import.meta.url)('electron');"],
      [AUTH, "require?.('electron');"],
      [AUTH, "(require as (id: string) => unknown)('electron');"],
      [AUTH, "const load = require; load('electron');"],
    ]),
    // A bare specifier with '.' or '..' segments, an empty segment or a backslash lands wherever the bundler
    // resolves it ('@fluentui/../keytar' is node_modules/keytar), not in the package it names.
    ...invalid('malformed', [
      [RENDERER, "import keytar from '@fluentui/../keytar';"],
      [RENDERER, "import keytar from '@fluentui/react-components/../../keytar';"],
      [RENDERER, "import keytar from 'react/./../keytar';"],
      [RENDERER, String.raw`import keytar from '@fluentui\\..\\keytar';`],
      [RENDERER, "import keytar from '@fluentui//keytar';"],
      [AUTH, "import x from 'zod/../electron';"],
      ['scripts/build.ts', "import x from 'esbuild/../electron';"],
    ]),
    // The second review (M5): a loader that escapes a direct call with a literal could load anything.
    ...invalid('dynamic', [
      [AUTH, "(0, require)('electron');"],
      [AUTH, "require.call(null, 'electron');"],
      [AUTH, "require.apply(null, ['electron']);"],
      [AUTH, "Reflect.apply(require, null, ['electron']);"],
      [AUTH, "let r; r = require; r('electron');"],
      [AUTH, "const load = require.bind(null); load('electron');"],
      [AUTH, "const loaders = [require]; loaders[0]('electron');"],
      [AUTH, "(0, module.require)('electron');"],
      [AUTH, "module.require.call(module, 'electron');"],
      [AUTH, "import { createRequire as cr } from 'node:module'; const make = [cr][0]; make(import.meta.url)('electron');"],
      [AUTH, "import { createRequire } from 'node:module'; const load = createRequire(import.meta.url); Reflect.apply(load, null, ['electron']);"],
      [AUTH, "import { createRequire } from 'node:module'; export const load = () => createRequire(import.meta.url);"],
      [AUTH, "require.cache[key] = fake;"],
      [AUTH, "Module._load('electron');"],
      [AUTH, "import Module from 'node:module'; Module._load('electron', null, false);"],
      [AUTH, "import { Module } from 'node:module'; Module._resolveFilename('electron', module);"],
      [AUTH, "module.constructor._load('electron');"],
      [AUTH, "const M = module.constructor; M['_load']('electron');"],
      [AUTH, "const { _load } = module.constructor; _load('electron');"],
      // node:module itself may only be read by property name: a computed name or handing it on hides createRequire.
      [AUTH, "import * as m from 'node:module'; m[key](import.meta.url)('electron');"],
      [AUTH, "import m from 'node:module'; helper(m);"],
      [AUTH, "const m = require('node:module'); m[key];"],
      [AUTH, "const { Module } = await import('node:module'); Module[key];"],
      [AUTH, "module.constructor[key]('electron');"],
      [AUTH, "module[key]('electron');"],
      [AUTH, "export { createRequire as make } from 'node:module';"],
      [AUTH, "export * from 'node:module';"],
    ]),
    // Every layer's allow-list, one refused import at a time.
    ...invalid('forbidden', [
      ['shared/contract/channels.ts', "import React from 'react';"],
      ['shared/contract/channels.ts', "import { readFile } from 'node:fs';"],
      ['shared/contract/channels.ts', "import { createAirlock } from '../../electron/services';"],
      ['shared/contract/channels.ts', "import electron = require('electron');"],
      ['shared/contract/channels.ts', "type W = import('electron').BrowserWindow;"],
      [RENDERER, "import { readFile } from 'node:fs';"],
      [RENDERER, "import { readFile } from 'fs';"],
      [RENDERER, "import { Client } from 'ssh2';"],
      [RENDERER, "import { ipcRenderer } from 'electron';"],
      [RENDERER, "import type { Airlock } from '../../../electron/services';"],
      [RENDERER, "import { seed } from '../../../sandbox/seed/load-seed';"],
      [RENDERER, "const { ipcRenderer } = require('electron');"],
      [PRELOAD, "import path from 'node:path';"],
      [PRELOAD, "import { z } from 'zod';"],
      [PRELOAD, "import { createAirlock } from '../services';"],
      [PRELOAD, "import { secureWebPreferences } from '../main/secure-window';"],
      [MAIN, "import { createVault } from '../services/vault';"],
      [MAIN, "import { createVault } from '../services/vault/vault';"],
      [MAIN, "import { App } from '../../renderer/app/App';"],
      [MAIN, "import { launchPreview } from '../preview';"],
      [MAIN, "import { run } from '../cli/main';"],
      [MAIN, "import { fake } from '../../test/support/fake-electron';"],
      [MAIN, "import { startSandbox } from '../../sandbox/start-sandbox';"],
      [MAIN, "import { buildAll } from '../../scripts/build';"],
      [CLI, "import { app } from 'electron';"],
      [CLI, "import { startShell } from '../main/main';"],
      [CLI, "import { createAuthService } from '../services/auth';"],
      [PREVIEW, "import { app } from 'electron';"],
      [PREVIEW, "import { secureWebPreferences } from '../main/secure-window';"],
      [PREVIEW, "import { launchHarness } from '../../test/harness/harness';"],
      [PREVIEW, "import { createVault } from '../services/vault';"],
      [AUTH, "import { app } from 'electron';"],
      [AUTH, "import { version } from 'electron/package.json';"],
      [AUTH, "import { createAirlock } from '..';"],
      [AUTH, "import { createAirlock } from '../index';"],
      [AUTH, "import { bindIpc } from '../../main/ipc-binding';"],
      [AUTH, "import { App } from '../../../renderer/app/App';"],
      ['electron/services/vault/index.ts', "export { systemScheduler } from '../ports/scheduler';"],
      ['electron/services/vault/vault.ts', "import type { Scheduler } from '../ports/scheduler';"],
      [FACE, "export { dataKeyAccount } from './vault/data-key';"],
      ['sandbox/idp/provider.ts', "import { app } from 'electron';"],
      ['sandbox/idp/provider.ts', "import { CHANNELS } from '../../shared/contract/channels';"],
      ['sandbox/idp/provider.ts', "import { createAirlock } from '../../electron/services';"],
      ['sandbox/idp/provider.ts', "import { App } from '../../renderer/app/App';"],
      ['scripts/start.ts', "import electronPath from 'electron';"],
      ['scripts/preview.ts', "import { launchHarness } from '../test/harness/harness';"],
      ['scripts/build.ts', "import { secureWebPreferences } from '../electron/main/secure-window';"],
      ['bench/suites/ipc-gateway.bench.ts', "import { app } from 'electron';"],
      ['bench/suites/ipc-gateway.bench.ts', "import { startShell } from '../../electron/main/main';"],
      ['eslint.config.js', "import { app } from 'electron';"],
      [MAIN, "import { x } from '../../../outside-the-repo/x';"],
    ]),
    // Computed specifiers in product layers could name anything.
    ...invalid('dynamic', [
      [AUTH, 'const m = await import(name);'],
      [RENDERER, 'const m = await import(`./${name}`);'],
      ['shared/contract/channels.ts', 'require(name);'],
      [CLI, "import { createRequire } from 'node:module'; createRequire(import.meta.url)(name);"],
      ['sandbox/main.ts', 'module.require(name);'],
    ]),
    // Every source file is in a layer.
    ...invalid('unclassified', [
      ['tools/generate.ts', "import path from 'node:path';"],
      ['electron/helpers/x.ts', 'export const x = 1;'],
      ['electron/services/helpers.ts', 'export const x = 1;'],
    ]),
  ],
});
