// ESLint rule `airlock/layer-boundaries`: every source file belongs to a layer (layers.js) and may import only
// what its layer allows — judged by where an import LANDS, so '../..' chains of any depth are caught, for every
// way of naming a module (module-references.js). It never guesses: an unclassified file, an import that lands
// outside every allowed place, a package specifier that is not a plain name and path ('@fluentui/../keytar'),
// or a computed specifier or escaped loader in a product layer is an error.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ANYWHERE, LAYERS, NODE, PACKAGES } from './layers.js';
import { moduleReferences } from './module-references.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NODE_BUILTINS = new Set(builtinModules);

const toPosix = (p) => p.split(path.sep).join('/');
const isPathSpec = (spec) => spec.startsWith('.') || spec.startsWith('/') || path.isAbsolute(spec);
const isNodeBuiltin = (spec) => spec.startsWith('node:') || NODE_BUILTINS.has(spec) || NODE_BUILTINS.has(spec.split('/')[0]);
/** '@fluentui/../keytar' names @fluentui but esbuild resolves it to node_modules/keytar; a path spec is judged where it lands. */
const isMalformed = (spec) => spec.includes('\\') || (!isPathSpec(spec) && spec.replace(/\/$/, '').split('/').some((segment) => segment === '.' || segment === '..' || segment === ''));
const packageName = (spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
/** 'shared/contract/index.ts' → 'shared/contract': what an import lands on, as the allow-lists write it. */
const landing = (rel) => rel.replace(/\.(d\.)?[cm]?[jt]sx?$/, '').replace(/\/index$/, '');

/** Glob → RegExp: '**' any depth ('x/**' also matches 'x'), '*' one segment's characters, {a,b} choice, {service} a named segment. */
function globToRegExp(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (glob.startsWith('/**', i)) {
      out += '(?:/.*)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (glob.startsWith('{service}', i)) {
      out += '(?<service>[^/]+)';
      i += '{service}'.length - 1;
    } else if (c === '{') {
      const end = glob.indexOf('}', i);
      out += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
      i = end;
    } else if (c === '*') {
      out += '[^/]*';
    } else {
      out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** Which layer `fileRel` is in, with `{service}` filled in; undefined when no layer claims it. */
export function classify(fileRel) {
  for (const layer of LAYERS) {
    for (const files of layer.files) {
      const match = globToRegExp(files).exec(fileRel);
      if (!match) continue;
      const service = match.groups?.service;
      const fill = (entry) => (service ? entry.replaceAll('{service}', service) : entry);
      return { ...layer, name: fill(layer.name), allow: layer.allow.map(fill), except: (layer.except ?? []).map(fill) };
    }
  }
  return undefined;
}

/** Path entries start with a top-level folder of this repository; the rest (and 'electron' itself) are packages. */
const REPO_FOLDERS = new Set(['shared', 'renderer', 'electron', 'sandbox', 'scripts', 'bench', 'test', 'build', 'docs']);
const ELECTRON_PACKAGE_ENTRIES = new Set(['electron', 'electron/package.json']);
const isPathEntry = (entry) => REPO_FOLDERS.has(entry.split('/')[0]) && !ELECTRON_PACKAGE_ENTRIES.has(entry);

function packageMatches(pattern, spec) {
  const exactSubpath = pattern.replace(/^@[^/]+\//, '').includes('/') && !pattern.endsWith('/*');
  return exactSubpath ? pattern === spec : globToRegExp(pattern).test(packageName(spec));
}

/** Is `target` ({kind:'path', rel} | {kind:'package', spec}) allowed by `layer`? */
export function isAllowed(layer, target) {
  if (layer.allow.includes(ANYWHERE)) return true;
  if (target.kind === 'path') {
    if (target.rel.startsWith('..')) return false; // outside the repository (or into another checkout)
    const lands = landing(target.rel);
    return layer.allow.some((entry) => isPathEntry(entry) && globToRegExp(entry).test(lands));
  }
  const { spec } = target;
  if (layer.allow.includes(spec)) return true; // an exact subpath ('electron/package.json') beats `except`
  if (layer.except.some((entry) => packageMatches(entry, spec))) return false;
  if (isNodeBuiltin(spec)) return layer.allow.includes(NODE);
  return layer.allow.includes(PACKAGES) || layer.allow.some((entry) => !isPathEntry(entry) && !entry.startsWith('<') && packageMatches(entry, spec));
}


/** A pointer to the door the import should have used, when there is one. */
function hint(layer, target) {
  if (target.kind !== 'path') return '';
  const inService = /^electron\/services\/([^/]+)\/./.exec(landing(target.rel));
  if (inService && isAllowed(layer, { kind: 'path', rel: `electron/services/${inService[1]}/index.ts` })) {
    return ` Import it from electron/services/${inService[1]} (its index.ts); export it there if it is missing.`;
  }
  if (landing(target.rel).startsWith('electron/services/') && isAllowed(layer, { kind: 'path', rel: 'electron/services/index.ts' })) {
    return ' Import it from electron/services (its index.ts); export it there if it is missing.';
  }
  return '';
}

export const layerBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only what its allow-list in scripts/lint/layers.js names (docs/architecture.md)' },
    schema: [],
    messages: {
      forbidden: "{{layer}} may not import '{{spec}}'{{lands}}: {{why}}.{{hint}}",
      unclassified: '{{file}} is in no layer: add its folder to scripts/lint/layers.js with what it may import.',
      dynamic:
        '{{layer}} names modules only with string literals handed straight to import, require or a createRequire loader: a computed specifier, or a loader used any other way (.call/.apply, reassigned, passed on, Module._load), could load anything ({{why}}).',
      malformed: "'{{spec}}' is not a plain package name and path: a '.' or '..' segment, an empty segment or a backslash makes it land wherever the bundler resolves it, not in the package it names.",
    },
  },
  create(context) {
    const file = context.physicalFilename ?? context.filename;
    const fileRel = toPosix(path.relative(ROOT, file));
    if (fileRel.startsWith('..') || path.isAbsolute(fileRel)) return {};
    const layer = classify(fileRel);
    if (!layer) {
      return { Program: (node) => context.report({ node, messageId: 'unclassified', data: { file: fileRel } }) };
    }
    return moduleReferences(context, (node, spec) => {
      if (spec === null) {
        if (layer.literalOnly) context.report({ node, messageId: 'dynamic', data: { layer: layer.name, why: layer.why } });
        return;
      }
      if (spec.length === 0) return;
      if (!layer.allow.includes(ANYWHERE) && isMalformed(spec)) return context.report({ node, messageId: 'malformed', data: { spec } });
      const target = isPathSpec(spec)
        ? { kind: 'path', rel: toPosix(path.relative(ROOT, path.resolve(path.dirname(file), spec))) || '.' }
        : { kind: 'package', spec };
      if (isAllowed(layer, target)) return;
      const lands = target.kind === 'path' ? ` (it lands in ${target.rel})` : '';
      context.report({ node, messageId: 'forbidden', data: { layer: layer.name, spec, lands, why: layer.why, hint: hint(layer, target) } });
    });
  },
};
