// One history entry whole: the request body as it was sent (pretty JSON, inert) and the response as it was
// shown then. Read-only; the credential was never kept, so it cannot be shown.
import { makeStyles, Spinner, Subtitle2, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import { ErrorPanel } from '../../components/ErrorPanel';
import { ResponseView } from '../invoke/ResponseView';
import { prettyBody } from '../invoke/response-display';
import { whenText } from './history-display';
import { useHistoryEntries } from './use-history-entries';

const MAX_LINES = 2_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  body: { margin: 0, padding: tokens.spacingHorizontalS, maxHeight: '300px', overflow: 'auto', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1, border: `1px solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'pre', tabSize: 2 },
});

export function HistoryEntryDetails(props: { id: string }) {
  const styles = useStyles();
  const state = useHistoryEntries([props.id]);
  const entry = state.status === 'ready' ? state.entries[0] : undefined;
  const payload = useMemo(() => {
    if (!entry) return '';
    const lines = prettyBody(entry.payload).text.split('\n');
    return lines.length > MAX_LINES ? `${lines.slice(0, MAX_LINES).join('\n')}\n… ${(lines.length - MAX_LINES).toLocaleString('en-US')} more lines` : lines.join('\n');
  }, [entry]);
  if (state.status === 'loading') return <Spinner size="tiny" label="Reading the entry…" />;
  if (state.status === 'error') return <ErrorPanel error={state.error} />;
  if (!entry) return null;
  const when = whenText(entry.summary.at);
  return (
    <section className={styles.root} aria-label={`History entry sent at ${when}`} data-history-view={entry.summary.id}>
      <Subtitle2 as="h5">{`Sent at ${when}`}</Subtitle2>
      <pre className={styles.body} tabIndex={0} aria-label={`Request body sent at ${when}`} data-history-payload>
        {payload}
      </pre>
      <ResponseView result={entry.result} label={`Response to the request sent at ${when}`} />
    </section>
  );
}
