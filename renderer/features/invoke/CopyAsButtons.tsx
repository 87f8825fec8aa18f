// "Copy as curl" and "Copy as Python": the request in the editor, for the target chosen, written out by
// shared/format/copy-as.ts and put on the clipboard. The credential in it is a placeholder variable by auth mode,
// never the real one (the renderer never has it). When the clipboard refuses (the app's window grants no
// permissions), the text is selected in a hidden field and copied the old way; if that fails too, it is shown
// for the user to copy by hand. What was copied can always be looked at (inert text, bounded).
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { CodeRegular, CopyRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { EndpointAuthMode } from '../../../shared/contract/schemas/endpoint';
import { copyAs, type CopyAsFormat } from '../../../shared/format/copy-as';

const SHOWN_CHARS = 20_000;

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', alignItems: 'center' },
  snippet: { margin: 0, padding: tokens.spacingHorizontalS, maxHeight: '260px', overflow: 'auto', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1, border: `1px solid ${tokens.colorNeutralStroke2}`, whiteSpace: 'pre' },
});

const NAMES: Record<CopyAsFormat, string> = { curl: 'curl command', python: 'Python script' };
const PLACEHOLDER: Record<EndpointAuthMode, string> = { AMLToken: 'AML_TOKEN', Key: 'ENDPOINT_KEY', AADToken: 'ENTRA_TOKEN', Unknown: 'ENDPOINT_TOKEN' };

type Copied = { format: CopyAsFormat; text: string; onClipboard: boolean } | null;

/** The old way: select the text in a field and ask the document to copy it (works without the clipboard permission). */
function copyBySelection(text: string): boolean {
  const field = document.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.setAttribute('aria-hidden', 'true');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  document.body.append(field);
  const before = document.activeElement as HTMLElement | null;
  field.select();
  let done = false;
  try {
    // execCommand is deprecated but is the one copy that needs no permission; the clipboard API is tried first.
    done = document.execCommand('copy');
  } catch {
    done = false;
  }
  field.remove();
  before?.focus();
  return done;
}

async function toClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyBySelection(text);
  }
}

export function CopyAsButtons(props: { scoringHost: string | null; authMode: EndpointAuthMode; deploymentName: string | undefined; payload: string; endpointName: string; workspaceId: string }) {
  const styles = useStyles();
  const [copied, setCopied] = useState<Copied>(null);
  const disabled = props.scoringHost === null;

  const copy = (format: CopyAsFormat) => {
    if (props.scoringHost === null) return;
    const text = copyAs(format, { scoringHost: props.scoringHost, authMode: props.authMode, deploymentName: props.deploymentName, payload: props.payload, endpointName: props.endpointName, workspaceId: props.workspaceId });
    void toClipboard(text).then((onClipboard) => setCopied({ format, text, onClipboard }));
  };

  const variable = PLACEHOLDER[props.authMode];
  return (
    <div data-copy-as>
      <div className={styles.row}>
        <Button icon={<CopyRegular />} onClick={() => copy('curl')} disabled={disabled} data-copy-as-button="curl">
          Copy as curl
        </Button>
        <Button icon={<CodeRegular />} onClick={() => copy('python')} disabled={disabled} data-copy-as-button="python">
          Copy as Python
        </Button>
        <span role="status" data-copy-as-status={copied ? (copied.onClipboard ? 'copied' : 'shown') : undefined}>
          {disabled
            ? 'Azure gives this endpoint no scoring address Airlock accepts, so there is no request to copy.'
            : copied
              ? copied.onClipboard
                ? `Copied the ${NAMES[copied.format]}. The credential in it is the placeholder ${variable}: set it first (the comment at the top says how).`
                : `Airlock could not reach the clipboard: the ${NAMES[copied.format]} is below, select it and copy it.`
              : ''}
        </span>
      </div>
      {copied ? (
        <details open={!copied.onClipboard}>
          <summary>{`What was ${copied.onClipboard ? 'copied' : 'made'} (${NAMES[copied.format]})`}</summary>
          <pre className={styles.snippet} tabIndex={0} aria-label={`The ${NAMES[copied.format]}`} data-copy-as-text={copied.format}>
            {copied.text.length > SHOWN_CHARS ? `${copied.text.slice(0, SHOWN_CHARS)}\n… (${(copied.text.length - SHOWN_CHARS).toLocaleString('en-US')} more characters${copied.onClipboard ? ', all of them on the clipboard' : ' not shown'})` : copied.text}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
