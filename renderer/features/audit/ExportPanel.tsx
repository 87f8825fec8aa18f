// Export: a format picker (JSONL, CSV, CEF, OCSF) and a button. Main writes the file where it chooses (a save
// dialog in Electron, the app's exports folder elsewhere) with the records matching the current filters and
// the latest checkpoint; the screen says where it went. The request never carries a path.
import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, makeStyles, tokens, Field } from '@fluentui/react-components';
import { ArrowExportRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';
import type { AuditExportView, AuditFilterView, ExportFormat } from './audit-types';

export const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = { jsonl: 'JSON Lines', csv: 'CSV', cef: 'CEF (ArcSight)', ocsf: 'OCSF' };

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  format: { width: '160px' },
  path: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

export function useExport(filter: AuditFilterView) {
  const [format, setFormat] = useState<ExportFormat>('jsonl');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditExportView | null>(null);
  const [error, setError] = useState<AirlockError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await unwrap(window.airlock.audit.export({ format, filter })));
    } catch (thrown) {
      setError(asAirlockError(thrown));
    } finally {
      setBusy(false);
    }
  };
  return { format, setFormat, busy, result, error, run: () => void run() };
}

export function ExportControls(props: { exporter: ReturnType<typeof useExport> }) {
  const styles = useStyles();
  const { format, setFormat, busy, run } = props.exporter;
  return (
    <div className={styles.row}>
      <Field label="Export format" className={styles.format}>
        <Select value={format} onChange={(_e, data) => setFormat(data.value as ExportFormat)} data-export-format>
          {(Object.keys(FORMAT_LABELS) as ExportFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </Select>
      </Field>
      <Button icon={busy ? <Spinner size="tiny" /> : <ArrowExportRegular />} onClick={run} disabled={busy}>
        Export
      </Button>
    </div>
  );
}

export function ExportOutcome(props: { exporter: ReturnType<typeof useExport> }) {
  const styles = useStyles();
  const { result, error, run } = props.exporter;
  return (
    <>
      {result?.saved ? (
        <MessageBar intent="success" layout="multiline" data-export-saved>
          <MessageBarBody>
            <MessageBarTitle>{`Exported ${result.records.toLocaleString()} records as ${FORMAT_LABELS[result.format]}`}</MessageBarTitle>
            <div>
              Saved in <span className={styles.path} data-export-file>{result.file}</span>
            </div>
            <div>{result.checkpointSeq !== null ? `It carries the latest checkpoint (record ${result.checkpointSeq}) so it can be verified elsewhere.` : 'The trail has no checkpoint yet, so the file carries none.'}</div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result && !result.saved ? <Body1 role="status">Not exported: no file was chosen.</Body1> : null}
      {error ? <ErrorPanel error={error.toShape()} onRetry={run} /> : null}
    </>
  );
}
