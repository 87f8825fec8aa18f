// Every way a file can name a module, for the layer rule: static and dynamic imports, re-exports, type-only
// imports and `import('x').T` type queries, `import x = require()`, and the LOADERS — `require`,
// `module.require` (also on process.mainModule, require.main, globalThis.module), a createRequire(...) result
// (createRequire found by its import binding from 'module'/'node:module' under any local name, by destructuring,
// or as `x.createRequire`), and `const` aliases of any of these — plus `.resolve` on a loader and
// import.meta.resolve(). Specifiers are string literals, template literals without expressions, or '+' chains
// of those; anything else is reported as dynamic (spec null) so a layer can refuse it.
//
// A loader may only be called directly, have `.resolve` called, be read by `typeof`, give `.main`, or be
// named by a `const` whose every read follows the same rules. Any other use — `(0, require)(…)`,
// `require.call(…)`, `Reflect.apply(require, …)`, `r = require`, `[require]`, a returned createRequire(...) —
// is a dynamic reference: what it loads is no longer visible here. So are Node's private loaders `_load` and
// `_resolveFilename` (Module._load, module.constructor._load, destructured or not), whatever object holds them,
// and node:module itself (default or namespace import, Module, module.constructor, require/await import of it)
// read other than by a property name, or re-exported: m[k] or helper(m) could reach createRequire unseen.
//
// It only finds references; it never judges them (layer-boundaries.js does).

/** The string a specifier expression always evaluates to, or undefined when it is computed. */
export function staticString(node) {
  if (!node) return undefined;
  if (node.type === 'Literal') return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === 'TemplateLiteral') return node.expressions.length === 0 ? node.quasis[0].value.cooked ?? undefined : undefined;
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = staticString(node.left);
    const right = staticString(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSSatisfiesExpression') return staticString(node.expression);
  return undefined;
}

const propertyName = (member) =>
  member.computed ? staticString(member.property) : member.property.type === 'Identifier' ? member.property.name : undefined;
const keyName = (property) => (property.computed ? staticString(property.key) : property.key.type === 'Identifier' ? property.key.name : staticString(property.key));

const NODE_MODULE_MODULES = new Set(['module', 'node:module']);
/** Names under which node:module hands out itself (its default export, its Module class). */
const NODE_MODULE_ITSELF = new Set(['default', 'Module']);
/** Module internals that load or resolve a module by name; no layer has a use for them that lint could judge. */
const PRIVATE_LOADERS = new Set(['_load', '_resolveFilename']);
/** What node:module exports that loads, or leads to what loads. */
const LOADING_NAMES = new Set(['createRequire', ...NODE_MODULE_ITSELF, ...PRIVATE_LOADERS]);
/** Nodes that hand their operand on unchanged: `require!`, `require as X`, `require?.(…)`. */
const TRANSPARENT = new Set(['ChainExpression', 'TSNonNullExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'TSInstantiationExpression']);

/** The outermost node that evaluates to the same value as `node`. */
function outermost(node) {
  let at = node;
  while (at.parent && TRANSPARENT.has(at.parent.type)) at = at.parent;
  return at;
}
const calledAt = (at) => at.parent.type === 'CallExpression' && at.parent.callee === at;
const readByType = (at) => (at.parent.type === 'UnaryExpression' && at.parent.operator === 'typeof') || at.parent.type === 'TSTypeQuery';

/** `module`, `process.mainModule`, `require.main`, `globalThis.module`: objects whose .require loads modules. */
function isModuleObject(node) {
  if (node.type === 'Identifier') return node.name === 'module';
  if (node.type !== 'MemberExpression') return false;
  const name = propertyName(node);
  return name === 'mainModule' || name === 'main' || name === 'module';
}

/**
 * Visitor that calls `found(node, spec)` for each module reference; spec is null when it is computed.
 * @param {import('eslint').Rule.RuleContext} context
 * @param {(node: import('estree').Node, spec: string | null) => void} found
 */
export function moduleReferences(context, found) {
  const { sourceCode } = context;
  const report = (node, specNode) => {
    const spec = staticString(specNode);
    found(specNode ?? node, spec === undefined ? null : spec);
  };
  const dynamic = (node) => found(node, null);
  const judged = new Set();

  /** The reads of the variable that `identifier` declares. */
  function readsOf(identifier) {
    for (let scope = sourceCode.getScope(identifier); scope; scope = scope.upper) {
      const variable = scope.set.get(identifier.name);
      if (variable?.identifiers.includes(identifier)) return variable.references.filter((ref) => ref.isRead()).map((ref) => ref.identifier);
    }
    return [];
  }

  /** `const x = <at>` (any declaration kind, a plain name): every read of x is judged as `at` would be. */
  function followAlias(at, use) {
    const declarator = at.parent;
    if (declarator.type !== 'VariableDeclarator' || declarator.init !== at || declarator.id.type !== 'Identifier') return false;
    for (const read of readsOf(declarator.id)) use(read);
    return true;
  }

  /**
   * A judge of every read of one kind of value: `allowed(at)` says whether the kind permits this use (and
   * reports what it names); a `typeof` read and a `const` alias (each of its reads judged alike) are fine too;
   * anything else is a dynamic reference.
   */
  function judgeReads(allowed) {
    const use = (node) => {
      if (judged.has(node)) return;
      judged.add(node);
      const at = outermost(node);
      if (!allowed(at) && !readByType(at) && !followAlias(at, use)) dynamic(at);
    };
    return use;
  }
  const memberOf = (at) => (at.parent.type === 'MemberExpression' && at.parent.object === at ? at.parent : undefined);

  /** A function that loads a module by name: call it, or call its .resolve; .main is a module object. */
  const loaderUse = judgeReads((at) => {
    if (calledAt(at)) {
      report(at.parent, at.parent.arguments[0]);
      if (NODE_MODULE_MODULES.has(staticString(at.parent.arguments[0]))) nodeModuleUse(at.parent);
      return true;
    }
    const member = memberOf(at);
    if (!member) return false;
    const name = propertyName(member);
    if (name === 'main') return true; // a module object: its own .require is judged as a loader of its own
    const resolve = outermost(member);
    if (name === 'resolve' && calledAt(resolve)) report(resolve.parent, resolve.parent.arguments[0]);
    else dynamic(member); // .call, .apply, .bind, .cache, a .resolve passed on, ...
    return true;
  });

  /** node:module's createRequire: calling it makes a loader. */
  const createRequireUse = judgeReads((at) => calledAt(at) && (loaderUse(at.parent), true));

  /**
   * node:module (or its Module class): read it by property name only — the names that load (createRequire,
   * _load, ...) are judged where they are read — so a computed name or handing it on is dynamic.
   */
  const nodeModuleUse = judgeReads((at) => {
    const member = memberOf(at);
    if (member) {
      const name = propertyName(member);
      if (name === undefined) dynamic(member);
      else if (NODE_MODULE_ITSELF.has(name)) nodeModuleUse(member);
      return true;
    }
    const declarator = at.parent;
    if (declarator.type !== 'VariableDeclarator' || declarator.init !== at || declarator.id.type !== 'ObjectPattern') return false;
    for (const property of declarator.id.properties) {
      const name = property.type === 'Property' ? keyName(property) : undefined;
      if (name === undefined) dynamic(property); // { [k]: f } or { ...rest }
      else if (NODE_MODULE_ITSELF.has(name) && property.value.type === 'Identifier') readsOf(property.value).forEach(nodeModuleUse);
    }
    return true;
  });

  const importedName = (specifier) => specifier.imported?.name ?? specifier.imported?.value;

  return {
    ImportDeclaration(node) {
      report(node, node.source);
      if (!NODE_MODULE_MODULES.has(node.source.value)) return;
      for (const specifier of node.specifiers) {
        const imported = specifier.type === 'ImportSpecifier' ? importedName(specifier) : 'default';
        if (imported === 'createRequire') readsOf(specifier.local).forEach(createRequireUse);
        else if (NODE_MODULE_ITSELF.has(imported)) readsOf(specifier.local).forEach(nodeModuleUse);
        else if (PRIVATE_LOADERS.has(imported)) dynamic(specifier);
      }
    },
    ExportNamedDeclaration(node) {
      if (!node.source) return;
      report(node, node.source);
      // export { createRequire as make } from 'node:module' hands a loader maker to files that cannot see it is one.
      const local = (specifier) => specifier.local.name ?? specifier.local.value;
      if (NODE_MODULE_MODULES.has(node.source.value)) node.specifiers.filter((s) => LOADING_NAMES.has(local(s))).forEach(dynamic);
    },
    ExportAllDeclaration(node) {
      report(node, node.source);
      if (NODE_MODULE_MODULES.has(node.source.value)) dynamic(node);
    },
    ImportExpression(node) {
      report(node, node.source);
      if (!NODE_MODULE_MODULES.has(staticString(node.source))) return;
      const at = outermost(node);
      if (at.parent.type === 'AwaitExpression') nodeModuleUse(at.parent);
      else dynamic(node);
    },
    TSImportEqualsDeclaration(node) {
      if (node.moduleReference.type !== 'TSExternalModuleReference') return;
      report(node, node.moduleReference.expression);
      if (NODE_MODULE_MODULES.has(staticString(node.moduleReference.expression))) readsOf(node.id).forEach(nodeModuleUse);
    },
    TSImportType: (node) => report(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    MemberExpression(node) {
      const name = propertyName(node);
      if (name === 'createRequire') createRequireUse(node); // Module.createRequire, m.createRequire, module.constructor.createRequire
      else if (name === 'require' && isModuleObject(node.object)) loaderUse(node);
      else if (name === 'constructor' && isModuleObject(node.object)) nodeModuleUse(node); // module.constructor is Module
      else if (PRIVATE_LOADERS.has(name)) dynamic(node);
      else if (name === undefined && node.object.type === 'Identifier' && node.object.name === 'module') dynamic(node); // module[k]
    },
    // const { createRequire: cr } = …, const { require: r } = module, const { _load } = module.constructor
    'ObjectPattern > Property'(node) {
      const name = keyName(node);
      const local = node.value.type === 'AssignmentPattern' ? node.value.left : node.value;
      if (PRIVATE_LOADERS.has(name)) return dynamic(node);
      if (local.type !== 'Identifier') return undefined;
      const source = node.parent.parent.type === 'VariableDeclarator' ? node.parent.parent.init : undefined;
      if (name === 'createRequire') readsOf(local).forEach(createRequireUse);
      else if (name === 'require' && source && isModuleObject(source)) readsOf(local).forEach(loaderUse);
      return undefined;
    },
    CallExpression(node) {
      const callee = node.callee;
      if (callee.type !== 'MemberExpression') return undefined;
      const method = propertyName(callee);
      // import.meta.resolve('x'): resolving is naming.
      if (method === 'resolve' && callee.object.type === 'MetaProperty' && callee.object.meta.name === 'import') return report(node, node.arguments[0]);
      // anything.require('literal'): a loader by another name (a method called require with other arguments is not).
      if (method === 'require' && !isModuleObject(callee.object) && staticString(node.arguments[0]) !== undefined) return report(node, node.arguments[0]);
      return undefined;
    },
    // Every read of a name `require` or `createRequire` — the CommonJS global, a local of that name, or one
    // that shadows it — is judged as the loader (or its maker) it most likely is.
    'Program:exit'() {
      for (const scope of sourceCode.scopeManager.scopes) {
        for (const ref of scope.references) {
          if (!ref.isRead()) continue;
          if (ref.identifier.name === 'require') loaderUse(ref.identifier);
          else if (ref.identifier.name === 'createRequire') createRequireUse(ref.identifier);
        }
      }
    },
  };
}
