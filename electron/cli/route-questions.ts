// What `airlock route …` and `airlock tunnel` ask the person at the terminal while a route comes up: whether
// to trust a jump host key seen for the first time (y/N, showing the fingerprint; --trust-host-key SHA256:…
// for scripts, which trusts only that exact fingerprint), and an encrypted SSH key's passphrase (main asks
// with the route.prompt event; read without echo). Without a terminal it never waits: it refuses in words.
// It must never print, log or keep a passphrase, and never trust a key the person (or the flag) did not name.
import type { InProcessGateway } from '../services';
import { AirlockError } from '../../shared/errors/airlock-error';
import type { RouteStatusView } from '../../shared/contract/schemas/route';
import type { CliIo, CliOptions } from './cli-command';
import { callChannel } from './contract-call';

type Via = RouteStatusView['via'];

export const FIRST_USE_FORBIDDEN_WORDS = 'Your organization does not allow trusting a new host key; ask your administrator for the fingerprint';

function unknownKeyOf(thrown: unknown): string | null {
  if (!(thrown instanceof AirlockError) || thrown.code !== 'E_HOST_KEY_UNKNOWN') return null;
  const presented = thrown.details?.['presented'];
  return typeof presented === 'string' ? presented : null;
}

/** Policy allows only pinned keys: no question and no --trust-host-key hint, only who to ask (main would refuse the trust). */
function forbiddenFirstUse(thrown: AirlockError, presented: string): AirlockError {
  return new AirlockError('E_HOST_KEY_UNKNOWN', {
    message: `${thrown.message}\n${FIRST_USE_FORBIDDEN_WORDS} to be added to this environment (the key presented is ${presented}).`,
    hint: `${FIRST_USE_FORBIDDEN_WORDS}.`,
    details: { presented, firstUse: 'forbidden' },
  });
}

/** Decides about a key seen for the first time: trusts it (through route.trustHostKey) or throws why not. */
async function decideTrust(gateway: InProcessGateway, via: Via, presented: string, shown: AirlockError, options: CliOptions, io: CliIo): Promise<void> {
  const given = options['trust-host-key'];
  if (given !== undefined && given !== presented) {
    throw new AirlockError('E_HOST_KEY_UNKNOWN', {
      message: `The jump host presented the key ${presented}, not the ${given} given with --trust-host-key, so Airlock did not trust it and did not connect.`,
      hint: 'Compare the fingerprint with the one your administrator gave you; if it is right, run again with that fingerprint.',
      details: { presented },
    });
  }
  if (given === undefined) {
    if (!io.ask) {
      throw new AirlockError('E_HOST_KEY_UNKNOWN', {
        message: `Airlock has not seen this jump host's key before (${presented}) and cannot ask you about it here (no terminal), so it did not connect.`,
        hint: `Check the fingerprint with your administrator, then run again with --trust-host-key ${presented}`,
        details: { presented },
      });
    }
    const answer = await io.ask(`${shown.message}\nFingerprint: ${presented}\nTrust this key and connect? [y/N] `);
    if (!/^\s*y(es)?\s*$/i.test(answer ?? '')) {
      throw new AirlockError('E_HOST_KEY_UNKNOWN', { message: `You did not trust the jump host key ${presented}, so Airlock did not connect.`, details: { presented } });
    }
  }
  await callChannel(gateway, 'route.trustHostKey', { via, fingerprint: presented });
}

/** route.connect; a first-seen host key is asked about (or trusted by --trust-host-key) and the connect tried once more. */
export async function connectAsking(gateway: InProcessGateway, via: Via, options: CliOptions, io: CliIo): Promise<RouteStatusView> {
  try {
    const status = await callChannel(gateway, 'route.connect', { via });
    // The flag is for a key seen the first time; a key Airlock already knew was checked against what it knew.
    if (options['trust-host-key'] !== undefined) {
      io.note?.(`--trust-host-key was not used: Airlock already knows this host's key (the environment pins it, or it was trusted before), and the host presented that key.`);
    }
    return status;
  } catch (thrown) {
    const presented = unknownKeyOf(thrown);
    if (presented === null) throw thrown;
    if ((thrown as AirlockError).details?.['firstUse'] === 'forbidden') throw forbiddenFirstUse(thrown as AirlockError, presented);
    await decideTrust(gateway, via, presented, thrown as AirlockError, options, io);
    return callChannel(gateway, 'route.connect', { via });
  }
}

function promptOf(payload: unknown): { promptId: string; key: string; attempt: number } | null {
  const p = payload as { promptId?: unknown; key?: unknown; attempt?: unknown } | null;
  return p && typeof p.promptId === 'string' && typeof p.key === 'string' && typeof p.attempt === 'number' ? { promptId: p.promptId, key: p.key, attempt: p.attempt } : null;
}

/**
 * Runs `work` while answering main's passphrase prompts (route.prompt): at a terminal the passphrase is read
 * without echo and sent with route.answerPrompt; otherwise the prompt is cancelled, and a failure of `work`
 * then says in words that the key is encrypted and could not be asked for here.
 */
export async function answeringPrompts<T>(gateway: InProcessGateway, io: CliIo, work: () => Promise<T>): Promise<T> {
  let refusedKey: string | null = null;
  let asking = Promise.resolve();
  const unsubscribe = io.events?.subscribe((event) => {
    if (event.name !== 'route.prompt') return;
    const prompt = promptOf(event.payload);
    if (!prompt) return;
    // One question at a time on the terminal.
    asking = asking.then(async () => {
      let answer: string | null = null;
      if (io.askSecret) answer = await io.askSecret(`Passphrase for the SSH key ${prompt.key}${prompt.attempt > 1 ? ' (that one was not right; try again)' : ''}: `).catch(() => null);
      else refusedKey = prompt.key;
      await callChannel(gateway, 'route.answerPrompt', { promptId: prompt.promptId, answer }).catch(() => undefined);
    });
  });
  try {
    return await work();
  } catch (thrown) {
    // The cancelled prompt is the cause, whatever code the route gave its failure.
    if (refusedKey !== null && thrown instanceof AirlockError) {
      throw new AirlockError('E_SSH_AUTH', {
        message: `The SSH key ${String(refusedKey)} is encrypted, and Airlock asks for its passphrase only at a terminal, so it could not sign in to the jump host.`,
        hint: 'Run the command at a terminal, or load the key into ssh-agent (ssh-add) first.',
      });
    }
    throw thrown;
  } finally {
    unsubscribe?.();
    await asking;
  }
}
