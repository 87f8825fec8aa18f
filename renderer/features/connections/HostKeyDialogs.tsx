// The jump host's key, asked about once: an unknown key (E_HOST_KEY_UNKNOWN) shows the SHA256 fingerprint main
// saw with an explicit "Trust and connect" or "Cancel"; a changed key (E_HOST_KEY_CHANGED) is a stop — both
// fingerprints and no way to trust from here. An unknown key the organization forbids trusting (policy: pinned
// keys only) shows the fingerprint and who to ask, with no Trust button. Never trusts anything on its own: the
// parent calls route.trustHostKey only after the user chose Trust.
import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import { FIRST_USE_FORBIDDEN_WORDS, type HostKeyQuestion } from './host-key-question';

const useStyles = makeStyles({
  fingerprint: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere', display: 'block', padding: `${tokens.spacingVerticalXS} 0` },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export type { HostKeyQuestion } from './host-key-question';

export function HostKeyDialog(props: { question: HostKeyQuestion | null; busy: boolean; error: string | null; onTrust: () => void; onClose: () => void }) {
  const styles = useStyles();
  const q = props.question;
  return (
    <Dialog open={q !== null} modalType="alert" onOpenChange={(_e, data) => !data.open && props.onClose()}>
      <DialogSurface data-host-key-dialog={q?.kind}>
        {q?.kind === 'unknown' ? (
          <DialogBody>
            <DialogTitle>Trust this jump host?</DialogTitle>
            <DialogContent className={styles.content}>
              <Body1>{`Airlock has not connected to ${q.host ?? 'this jump host'} before. Compare this fingerprint with the one your administrator gave you before you trust it:`}</Body1>
              <code className={styles.fingerprint} data-fingerprint="presented">{q.presented}</code>
              <Body1>Airlock remembers a trusted key and refuses the host if its key ever changes.</Body1>
              {props.error ? (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{props.error}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={props.busy} onClick={props.onTrust}>
                Trust and connect
              </Button>
              <Button onClick={props.onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        ) : null}
        {q?.kind === 'forbidden' ? (
          <DialogBody>
            <DialogTitle>This jump host is not trusted</DialogTitle>
            <DialogContent className={styles.content}>
              <Body1 data-first-use="forbidden">{`Airlock has not connected to ${q.host ?? 'this jump host'} before. ${FIRST_USE_FORBIDDEN_WORDS}`}</Body1>
              <Body1>Key presented now</Body1>
              <code className={styles.fingerprint} data-fingerprint="presented">{q.presented}</code>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={props.onClose}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        ) : null}
        {q?.kind === 'changed' ? (
          <DialogBody>
            <DialogTitle>
              <WarningRegular aria-hidden="true" /> The jump host&apos;s key changed
            </DialogTitle>
            <DialogContent className={styles.content}>
              <Body1>{`${q.host ?? 'The jump host'} presented a different key than the one Airlock trusts, so Airlock did not connect. Someone may be intercepting the connection, or the host was rebuilt. Ask your administrator before connecting again.`}</Body1>
              <Body1>Trusted key</Body1>
              <code className={styles.fingerprint} data-fingerprint="expected">{q.expected ?? 'unknown'}</code>
              <Body1>Key presented now</Body1>
              <code className={styles.fingerprint} data-fingerprint="presented">{q.presented ?? 'unknown'}</code>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={props.onClose}>
                Close
              </Button>
            </DialogActions>
          </DialogBody>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
