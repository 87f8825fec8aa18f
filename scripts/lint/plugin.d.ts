// Types for the JS lint plugin, so its RuleTester tests (test/unit/scripts/lint/) typecheck.
import type { Rule } from 'eslint';

export declare const airlockLintPlugin: {
  readonly meta: { readonly name: string };
  readonly rules: { readonly 'layer-boundaries': Rule.RuleModule; readonly 'secure-web-preferences': Rule.RuleModule };
};
