// Main's question for an encrypted SSH key's passphrase (the route.prompt push): a password field, Submit →
// route.answerPrompt, Cancel → answer null. The passphrase lives in this dialog's field only: it is cleared when
// the dialog closes, never put anywhere else, never logged. Mounted once for the whole app, since a reconnect
// may ask while another screen is open.
import { Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import type { RoutePrompt } from '../../../shared/contract/schemas/route';
import { unwrap } from '../../ipc/airlock-client';

export function PassphraseDialog() {
  const [queue, setQueue] = useState<readonly RoutePrompt[]>([]);
  const [value, setValue] = useState('');
  useEffect(() => window.airlock.route.onPrompt((prompt) => setQueue((q) => [...q.filter((p) => p.promptId !== prompt.promptId), prompt])), []);
  const prompt = queue[0] ?? null;

  const answer = (text: string | null) => {
    if (!prompt) return;
    setValue('');
    setQueue((q) => q.filter((p) => p.promptId !== prompt.promptId));
    // Main answers E_NOT_FOUND when the prompt already ended (timed out, route cancelled): nothing left to do.
    unwrap(window.airlock.route.answerPrompt({ promptId: prompt.promptId, answer: text })).catch(() => undefined);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    answer(value);
  };

  return (
    <Dialog open={prompt !== null} modalType="alert" onOpenChange={(_e, data) => !data.open && answer(null)}>
      <DialogSurface data-passphrase-dialog>
        {prompt ? (
          <form onSubmit={submit}>
            <DialogBody>
              <DialogTitle>Passphrase for your SSH key</DialogTitle>
              <DialogContent>
                <Body1 as="p">{`The key ${prompt.key} is encrypted. Enter its passphrase to connect to the jump host.`}</Body1>
                {prompt.attempt > 1 ? <Body1 as="p" role="alert">That passphrase did not open the key. Try again.</Body1> : null}
                <Field label="Passphrase">
                  <Input type="password" autoComplete="off" value={value} onChange={(_e, data) => setValue(data.value)} autoFocus data-passphrase-input />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" type="submit">
                  Submit
                </Button>
                <Button onClick={() => answer(null)}>Cancel</Button>
              </DialogActions>
            </DialogBody>
          </form>
        ) : null}
      </DialogSurface>
    </Dialog>
  );
}
