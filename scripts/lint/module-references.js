// Every way a file can name a module, for the layer rule: static and dynamic imports, re-exports, type-only
// imports and `import('x').T` type queries, `import x = require()`, require(), require.resolve(),
// module.require(), process.mainModule.require(), createRequire(...)(...) directly or through a variable,
// and import.meta.resolve(). Specifiers are string literals, template literals without expressions, or '+'
// chains of those; anything else is reported as dynamic (spec null) so a layer can refuse it.
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

/** createRequire(...) or x.createRequire(...) (node:module's Module.createRequire). */
function isCreateRequireCall(node) {
  if (node?.type !== 'CallExpression') return false;
  const callee = node.callee;
  return (callee.type === 'Identifier' && callee.name === 'createRequire') || (callee.type === 'MemberExpression' && propertyName(callee) === 'createRequire');
}

/** `module`, `process.mainModule`, `require.main`, `globalThis.module`: objects whose .require loads modules. */
function isModuleObject(node) {
  if (node.type === 'Identifier') return node.name === 'module';
  if (node.type !== 'MemberExpression') return false;
  const name = propertyName(node);
  return name === 'mainModule' || name === 'main' || name === 'module';
}

/** The initializer of the variable `identifier` refers to, if it is a plain `const x = <init>`. */
function initializerOf(context, identifier) {
  let scope = context.sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable) {
      const def = variable.defs[0];
      return def?.type === 'Variable' && def.node.type === 'VariableDeclarator' && def.node.id.type === 'Identifier' ? def.node.init : undefined;
    }
    scope = scope.upper;
  }
  return undefined;
}

/** A function that loads modules: require, a createRequire(...) result, module.require, or a variable holding one. */
function isRequireFunction(context, node, depth = 0) {
  if (!node || depth > 4) return false;
  if (node.type === 'Identifier') {
    if (node.name === 'require') return true;
    return isRequireFunction(context, initializerOf(context, node), depth + 1);
  }
  if (isCreateRequireCall(node)) return true;
  if (node.type === 'MemberExpression' && propertyName(node) === 'require') return isModuleObject(node.object);
  return false;
}

/**
 * Visitor that calls `found(node, spec)` for each module reference; spec is null when it is computed.
 * @param {import('eslint').Rule.RuleContext} context
 * @param {(node: import('estree').Node, spec: string | null) => void} found
 */
export function moduleReferences(context, found) {
  const report = (node, specNode) => {
    const spec = staticString(specNode);
    found(specNode ?? node, spec === undefined ? null : spec);
  };
  return {
    ImportDeclaration: (node) => report(node, node.source),
    ExportNamedDeclaration: (node) => node.source && report(node, node.source),
    ExportAllDeclaration: (node) => report(node, node.source),
    ImportExpression: (node) => report(node, node.source),
    TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && report(node, node.moduleReference.expression),
    TSImportType: (node) => report(node, node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument),
    CallExpression(node) {
      const callee = node.callee;
      const first = node.arguments[0];
      // require('x'), r('x') with r = createRequire(...), createRequire(...)('x'), module.require('x'), ...
      if (isRequireFunction(context, callee)) return report(node, first);
      if (callee.type !== 'MemberExpression') return undefined;
      const method = propertyName(callee);
      // require.resolve('x'), createRequire(...).resolve('x'), import.meta.resolve('x'): resolving is naming.
      if (method === 'resolve' && (isRequireFunction(context, callee.object) || (callee.object.type === 'MetaProperty' && callee.object.meta.name === 'import'))) {
        return report(node, first);
      }
      // anything.require('literal'): a loader by another name (a method called require with other arguments is not).
      if (method === 'require' && staticString(first) !== undefined) return report(node, first);
      return undefined;
    },
  };
}
