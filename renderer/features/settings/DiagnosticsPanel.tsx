// Settings → Diagnostics: exports a file for support. Main writes it where the user chooses in main's own save
// dialog (or the app's data folder where there is none); the renderer asks and shows where it went and what
// it holds. It never sees the file's content.
import { Body1, Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentArrowDownRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DiagnosticsExport } from '../../../shared/contract/schemas/diagnostics';
import type { AirlockError } from '../../../shared/errors/airlock-error';
import { ErrorPanel } from '../../components/ErrorPanel';
import { asAirlockError, unwrap } from '../../ipc/airlock-client';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  text: { maxWidth: '640px' },
  path: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

export function DiagnosticsPanel() {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DiagnosticsExport | null>(null);
  const [error, setError] = useState<AirlockError | null>(null);

  const exportFile = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await unwrap(window.airlock.app.exportDiagnostics()));
    } catch (thrown) {
      setError(asAirlockError(thrown));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="diagnostics-heading">
      <Subtitle1 as="h2" id="diagnostics-heading">
        Diagnostics
      </Subtitle1>
      <Body1 className={styles.text}>
        A file for your support team: Airlock’s version, your platform, the names of the environments Airlock knows, its health, whether you are signed in and
        how tokens are stored, and recent log lines with secrets removed. It never contains tokens, keys or passwords.
      </Body1>
      <Button icon={busy ? <Spinner size="tiny" /> : <DocumentArrowDownRegular />} onClick={() => void exportFile()} disabled={busy}>
        Export diagnostics
      </Button>
      {result?.saved ? (
        <MessageBar intent="success" layout="multiline" data-diagnostics-saved>
          <MessageBarBody>
            <MessageBarTitle>Diagnostics saved</MessageBarTitle>
            <div>
              In <span className={styles.path} data-diagnostics-path>{result.path}</span>
            </div>
            <div>It contains:</div>
            <ul className={styles.list}>
              {result.contains.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {result && !result.saved ? <Body1 role="status">Not exported: no file was chosen.</Body1> : null}
      {error ? <ErrorPanel error={error.toShape()} onRetry={() => void exportFile()} /> : null}
    </section>
  );
}
