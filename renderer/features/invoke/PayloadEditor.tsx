// The payload editor's React side: loads CodeMirror on first show through import() (its own chunk, see
// codemirror-editor.ts), keeps the text in React, and lists the problems under the editor as text too, so a
// screen reader hears them without hunting for the squiggles. Until the chunk arrives a plain, labelled textarea
// stands in (same text, same Ctrl+Enter), so the panel works even if the chunk fails to load.
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import type { EditorHandle } from './codemirror-editor';
import type { JsonSchema } from './payload-schema';
import type { SchemaProblem } from './schema-check';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fallback: { minHeight: '180px', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase300, backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  problems: { margin: 0, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

export interface PayloadEditorRef {
  setText(text: string): void;
  markServerProblem(problem: SchemaProblem | null): void;
  focus(): void;
}

interface Props {
  readonly id: string;
  readonly label: string;
  readonly text: string;
  readonly schema: JsonSchema | null;
  readonly onChange: (text: string) => void;
  readonly onSend: () => void;
}

export const PayloadEditor = forwardRef<PayloadEditorRef, Props>(function PayloadEditor(props, ref) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'fallback'>('loading');
  const [problems, setProblems] = useState<readonly SchemaProblem[]>([]);
  // The latest props for CodeMirror's callbacks (made once).
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let live = true;
    import('./codemirror-editor').then(
      ({ createPayloadEditor }) => {
        if (!live || !host.current) return;
        editor.current = createPayloadEditor(host.current, {
          text: latest.current.text,
          label: latest.current.label,
          describedBy: `${latest.current.id}-hint ${latest.current.id}-problems`,
          onChange: (t) => latest.current.onChange(t),
          onSend: () => latest.current.onSend(),
          onProblems: setProblems,
        });
        editor.current.setSchema(latest.current.schema);
        setState('ready');
      },
      () => live && setState('fallback'),
    );
    return () => {
      live = false;
      editor.current?.destroy();
      editor.current = null;
    };
  }, []);

  useEffect(() => editor.current?.setSchema(props.schema), [props.schema]);

  useImperativeHandle(ref, () => ({
    setText: (text) => editor.current?.setText(text),
    markServerProblem: (p) => {
      if (editor.current) editor.current.markServerProblem(p);
      else setProblems(p ? [p] : []);
    },
    focus: () => editor.current?.focus(),
  }));

  return (
    <div className={styles.root} data-payload-editor={state}>
      {state === 'loading' ? <Spinner size="tiny" label="Loading the editor…" /> : null}
      {state === 'fallback' ? (
        <textarea
          className={styles.fallback}
          aria-label={props.label}
          aria-describedby={`${props.id}-hint ${props.id}-problems`}
          value={props.text}
          spellCheck={false}
          onChange={(e) => props.onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) props.onSend();
          }}
        />
      ) : null}
      <div ref={host} hidden={state !== 'ready'} />
      <span id={`${props.id}-hint`} className={styles.hint}>
        Ctrl+Enter sends. Ctrl+Space lists the properties the schema knows. Tab leaves the editor.
      </span>
      <ul id={`${props.id}-problems`} className={styles.problems} aria-live="polite" data-payload-problems={problems.length}>
        {problems.slice(0, 10).map((p, i) => (
          <li key={i} data-problem-pointer={p.pointer}>{`${p.pointer || 'The body'} ${p.message}`}</li>
        ))}
        {problems.length > 10 ? <li>{`and ${problems.length - 10} more`}</li> : null}
      </ul>
    </div>
  );
});
