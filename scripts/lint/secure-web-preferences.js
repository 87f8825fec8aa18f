// ESLint rule `airlock/secure-web-preferences`: in electron/main, a webPreferences key that guards the renderer
// may only ever be written as its secure literal — in any object literal or assignment, not just inside
// `new BrowserWindow({...})` (all eslint-plugin-electron-security looks at; secure-window.ts builds the
// options in a function). `sandbox: false`, `sandbox: flag`, `sandbox: !1` and `prefs.sandbox = x` are all
// refused; enableBlinkFeatures may not be written at all. The security gate checks the built bundle as well
// (scripts/security-gate/window-check.ts), by the same table (secure-web-preferences-table.js); this rule says
// it earlier, at the line.
import { staticString } from './module-references.js';
import { NEVER_SET_WEB_PREFERENCES, SECURE_WEB_PREFERENCES } from './secure-web-preferences-table.js';

const NEVER_SET = new Set(NEVER_SET_WEB_PREFERENCES);

function keyName(node, computed) {
  if (!computed && node.type === 'Identifier') return node.name;
  return staticString(node);
}

export const secureWebPreferences = {
  meta: {
    type: 'problem',
    docs: { description: 'webPreferences security keys only take their secure literal value (electron/main)' },
    schema: [],
    messages: {
      notSecure: '{{key}} must be the literal {{value}} here: Airlock never weakens a window, and a computed value hides whether it does.',
      neverSet: '{{key}} is never set: it switches on Blink features the hardened window keeps off.',
    },
  },
  create(context) {
    function check(node, key, valueNode) {
      if (key === undefined) return;
      if (NEVER_SET.has(key)) return context.report({ node, messageId: 'neverSet', data: { key } });
      if (!Object.hasOwn(SECURE_WEB_PREFERENCES, key)) return undefined;
      const secure = SECURE_WEB_PREFERENCES[key];
      const literal = valueNode?.type === 'Literal' ? valueNode.value : undefined;
      if (literal !== secure) context.report({ node, messageId: 'notSecure', data: { key, value: String(secure) } });
      return undefined;
    }
    return {
      Property(node) {
        if (node.parent.type !== 'ObjectExpression') return; // destructuring patterns read, they do not set
        check(node, keyName(node.key, node.computed), node.value);
      },
      AssignmentExpression(node) {
        if (node.left.type === 'MemberExpression') check(node, keyName(node.left.property, node.left.computed), node.operator === '=' ? node.right : undefined);
      },
    };
  },
};
