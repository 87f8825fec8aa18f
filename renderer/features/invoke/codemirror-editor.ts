// The payload editor itself: CodeMirror 6 with JSON, completion of property names from the request schema, and
// inline marks (JSON syntax, the schema check, and main's E_PAYLOAD_INVALID pointer). This module is only ever
// loaded through import() (PayloadEditor.tsx), so CodeMirror is its own chunk and the first screen does not pay
// for it. Tab is NOT bound (no indentWithTab): Tab and Shift+Tab leave the editor, so keyboard users are never
// trapped; Ctrl/Cmd+Enter sends.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import { bracketMatching, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, linter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { placeAt, spanOfPointer } from './json-positions';
import { propertyOptions, type JsonSchema } from './payload-schema';
import { checkPayloadText, type SchemaProblem } from './schema-check';

export interface EditorOptions {
  readonly text: string;
  readonly label: string;
  readonly describedBy: string;
  readonly onChange: (text: string) => void;
  readonly onSend: () => void;
  readonly onProblems: (problems: readonly SchemaProblem[]) => void;
}

export interface EditorHandle {
  setText(text: string): void;
  setSchema(schema: JsonSchema | null): void;
  /** Marks main's answer (E_PAYLOAD_INVALID's pointer) until the text changes. */
  markServerProblem(problem: SchemaProblem | null): void;
  focus(): void;
  destroy(): void;
}

// No active-line highlight: in high contrast its colour hid the line's text. Colours from Fluent's CSS variables, so light, dark and high contrast follow the app's theme.
const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--colorNeutralBackground1)', color: 'var(--colorNeutralForeground1)', border: '1px solid var(--colorNeutralStroke1)', borderRadius: 'var(--borderRadiusMedium)', minHeight: '180px', maxHeight: '420px' },
  '&.cm-focused': { outline: '2px solid var(--colorStrokeFocus2)', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: 'var(--fontFamilyMonospace)', fontSize: 'var(--fontSizeBase300)', overflow: 'auto' },
  '.cm-content': { caretColor: 'var(--colorNeutralForeground1)' },
  '.cm-gutters': { backgroundColor: 'var(--colorNeutralBackground2)', color: 'var(--colorNeutralForeground2)', borderRight: '1px solid var(--colorNeutralStroke2)' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--colorNeutralBackground1Selected)' },
  '.cm-tooltip': { backgroundColor: 'var(--colorNeutralBackground1)', color: 'var(--colorNeutralForeground1)', border: '1px solid var(--colorNeutralStroke1)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--colorBrandBackground)', color: 'var(--colorNeutralForegroundOnBrand)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--colorPaletteRedForeground1)' },
});

const highlight = HighlightStyle.define([
  { tag: tags.propertyName, color: 'var(--colorBrandForeground1)' },
  { tag: tags.string, color: 'var(--colorPaletteGreenForeground1)' },
  // Marigold failed axe's contrast check on light: literals keep the text colour and stand out by weight.
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--colorNeutralForeground1)', fontWeight: 'bold' },
]);

/**
 * The page's style nonce (CSP style-src): CodeMirror puts its styles in a <style> element, which needs it. main.tsx
 * removed the meta it came in; Fluent's own style elements carry it (the DOM hides the attribute's value, not the
 * element's nonce property).
 */
function styleNonce(): string | null {
  for (const el of document.querySelectorAll<HTMLStyleElement>('style[nonce]')) if (el.nonce) return el.nonce;
  return null;
}

export function createPayloadEditor(parent: HTMLElement, options: EditorOptions): EditorHandle {
  const nonce = styleNonce();
  let schema: JsonSchema | null = null;
  let serverProblem: { problem: SchemaProblem; text: string } | null = null;
  const parseLinter = jsonParseLinter();

  const complete = (context: CompletionContext): CompletionResult | null => {
    if (!schema) return null;
    const place = placeAt(context.state.doc.toString(), context.pos);
    if (!place?.atKey) return null;
    const names = propertyOptions(schema, place.path);
    if (names.length === 0) return null;
    return {
      from: place.from,
      options: names.map((o) => ({ label: `"${o.name}"`, apply: `${JSON.stringify(o.name)}: `, detail: o.required ? `required${o.detail ? ` · ${o.detail}` : ''}` : o.detail, type: 'property' })),
      validFor: /^"?[^"]*$/,
    };
  };

  const lint = (view: EditorView): Diagnostic[] => {
    const text = view.state.doc.toString();
    const syntax = parseLinter(view);
    const problems = syntax.length > 0 ? [] : checkPayloadText(schema, text);
    const marked: Diagnostic[] = [...syntax];
    const toDiagnostic = (p: SchemaProblem): Diagnostic => {
      const span = spanOfPointer(text, p.pointer) ?? { from: 0, to: Math.min(text.length, 1) };
      return { from: span.from, to: span.to, severity: 'error', message: `${p.pointer || 'The body'} ${p.message}`, source: p.keyword };
    };
    marked.push(...problems.map(toDiagnostic));
    const server = serverProblem?.text === text ? serverProblem.problem : null;
    if (server) marked.push({ ...toDiagnostic(server), source: 'main' });
    options.onProblems(syntax.length > 0 ? [{ pointer: '', keyword: 'not-json', message: syntax[0]!.message }] : server ? [...problems, server] : problems);
    return marked;
  };

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        bracketMatching(),
        closeBrackets(),
        json(),
        syntaxHighlighting(highlight),
        autocompletion({ override: [complete] }),
        linter(lint, { delay: 300 }),
        lintGutter(),
        keymap.of([{ key: 'Mod-Enter', run: () => (options.onSend(), true) }, ...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': options.label, 'aria-describedby': options.describedBy, 'aria-multiline': 'true' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange(u.state.doc.toString());
        }),
        theme,
        ...(nonce ? [EditorView.cspNonce.of(nonce)] : []),
      ],
    }),
  });

  // Marks again now (a new schema, main's answer): the linter itself only reruns after an edit.
  const relint = () => view.dispatch(setDiagnostics(view.state, lint(view)));

  return {
    setText(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    setSchema(next) {
      schema = next;
      relint();
    },
    markServerProblem(problem) {
      serverProblem = problem ? { problem, text: view.state.doc.toString() } : null;
      relint();
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}
