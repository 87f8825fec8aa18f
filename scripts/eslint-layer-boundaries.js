// ESLint rule `airlock/layer-boundaries`: the folder dependency rules of docs/architecture.md, judged by where
// an import *lands* (so '../..' chains of any depth are caught), for static and dynamic imports, re-exports,
// require() and type-only imports. test/ is exempt: tests mock 'electron' and reach into every layer.
import path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


const NODE_BUILTINS = new Set(builtinModules);
const isNodeBuiltin = (spec) =>
  spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]);
// 'electron/package.json' is metadata (version checks), not the Electron API.
const packageOf = (spec) => (spec === 'electron/package.json' ? spec : spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
const isPathSpec = (spec) => spec.startsWith('.') || path.isAbsolute(spec);
const under = (rel, dir) => rel === dir || rel.startsWith(`${dir}/`);
/** electron/services itself (its index.ts face) — not a file or folder inside it. */
const isServicesFace = (rel) => rel === 'electron/services' || /^electron\/services\/index(\.[cm]?[jt]sx?)?$/.test(rel);

/** Which layer a file (or an import target) belongs to, from its path relative to the repo root. */
function layerOf(rel) {
  for (const layer of ['shared', 'renderer', 'electron/services', 'electron/main', 'electron/preload', 'electron/cli', 'sandbox', 'test']) {
    if (under(rel, layer)) return layer;
  }
  return under(rel, 'electron') ? 'electron/other' : 'other';
}

/**
 * The dependency rules. Each returns a message for a forbidden import, or null.
 * `target` is { kind: 'path', rel } (repo-relative, '..'-prefixed when outside the repo) or
 * { kind: 'package', spec, name } for bare specifiers.
 */
const RULES = {
  shared(target) {
    if (target.kind === 'path') return under(target.rel, 'shared') ? null : `shared/ imports nothing outside shared/ (this lands in ${target.rel})`;
    if (target.name === 'zod') return null;
    return `shared/ is pure TypeScript: the only package it may import is 'zod' (not '${target.spec}')`;
  },
  renderer(target) {
    if (target.kind === 'path') {
      if (under(target.rel, 'renderer') || under(target.rel, 'shared')) return null;
      if (under(target.rel, 'electron')) return `renderer/ never imports electron/ — talk to main through window.airlock (this lands in ${target.rel})`;
      if (under(target.rel, 'sandbox')) return `renderer/ never imports sandbox/ (this lands in ${target.rel})`;
      return `renderer/ imports only renderer/ and shared/ (this lands in ${target.rel})`;
    }
    if (target.spec === 'electron' || target.name === 'electron') return `renderer/ never imports 'electron' — use window.airlock`;
    if (isNodeBuiltin(target.spec)) return `renderer/ runs in a sandboxed renderer: no Node built-ins ('${target.spec}')`;
    return null;
  },
  'electron/services'(target) {
    if (target.kind === 'path') {
      if (under(target.rel, 'electron/services') || under(target.rel, 'shared')) return null;
      if (under(target.rel, 'renderer')) return `electron/services/ never imports renderer/ (this lands in ${target.rel})`;
      if (under(target.rel, 'electron/main') || under(target.rel, 'electron/cli')) return `electron/services/ never imports electron/main/ or electron/cli/ — they depend on services, not the reverse (this lands in ${target.rel})`;
      return `electron/services/ imports only shared/ and its own folders (this lands in ${target.rel})`;
    }
    if (target.name === 'electron') return `electron/services/ is Electron-free Node: no 'electron' (pass what you need in as a port)`;
    return null;
  },
  'electron/main'(target) {
    return mainOrCli('electron/main', target);
  },
  'electron/cli'(target) {
    if (target.kind === 'package' && target.name === 'electron') return `electron/cli/ runs in plain Node: no 'electron'`;
    if (target.kind === 'path' && under(target.rel, 'electron/main')) return `electron/cli/ never imports electron/main/ (it imports 'electron'); share code through electron/services (this lands in ${target.rel})`;
    return mainOrCli('electron/cli', target);
  },
  'electron/preload'(target) {
    if (target.kind === 'package') return target.name === 'electron' ? null : `electron/preload/ runs in the renderer's sandbox: only 'electron' (not '${target.spec}')`;
    return under(target.rel, 'shared') || under(target.rel, 'electron/preload') ? null : `electron/preload/ imports only shared/ (this lands in ${target.rel})`;
  },
  'electron/other'(target) {
    if (target.kind === 'package' && target.name === 'electron') return `only electron/main/ imports 'electron'`;
    if (target.kind === 'path' && under(target.rel, 'sandbox')) return `electron/ shares no code with sandbox/ (this lands in ${target.rel})`;
    return null;
  },
  sandbox(target) {
    if (target.kind === 'package') return target.name === 'electron' ? `sandbox/ never imports 'electron'` : null;
    for (const layer of ['electron', 'renderer', 'shared']) {
      if (under(target.rel, layer)) return `sandbox/ plays Azure and shares no code with the client: no imports from ${layer}/ (this lands in ${target.rel})`;
    }
    return null;
  },
  test() {
    return null; // tests mock 'electron' and reach into every layer
  },
  other(target) {
    return target.kind === 'package' && target.name === 'electron' ? `only electron/main/ imports 'electron'` : null;
  },
};

function mainOrCli(layer, target) {
  if (target.kind === 'package') return null;
  if (under(target.rel, 'electron/services') && !isServicesFace(target.rel)) {
    return `${layer}/ reaches services only through the composition root: import from electron/services (its index.ts), not ${target.rel}`;
  }
  if (under(target.rel, 'renderer')) return `${layer}/ never imports renderer/ (this lands in ${target.rel})`;
  if (under(target.rel, 'sandbox')) return `${layer}/ shares no code with sandbox/ (this lands in ${target.rel})`;
  return null;
}

const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the folder dependency rules of docs/architecture.md' },
    schema: [],
    messages: { forbidden: '{{message}}' },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const fileRel = path.relative(ROOT, file).split(path.sep).join('/');
    if (fileRel.startsWith('..') || path.isAbsolute(fileRel)) return {};
    const rule = RULES[layerOf(fileRel)];

    function check(node, spec) {
      if (typeof spec !== 'string' || spec.length === 0) return;
      const target = isPathSpec(spec)
        ? { kind: 'path', rel: path.relative(ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join('/') || '.' }
        : { kind: 'package', spec, name: packageOf(spec) };
      const message = rule(target);
      if (message) context.report({ node, messageId: 'forbidden', data: { message } });
    }
    const literal = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined);

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => check(node.source, literal(node.source)),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference, literal(node.moduleReference.expression)),
      TSImportType: (node) => check(node, literal(node.argument?.literal ?? node.argument)),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1) {
          check(node, literal(node.arguments[0]));
        }
      },
    };
  },
};

export const airlockLintPlugin = { meta: { name: 'airlock-local' }, rules: { 'layer-boundaries': layerBoundaries } };
