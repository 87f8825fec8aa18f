// Passphrase prompts owned by main: the SSH route asks, main pushes route.prompt {promptId, key's file name,
// attempt} and waits for route.answerPrompt. The answer is a secret: it goes straight to the waiting SSH route,
// is never logged, audited, echoed or kept. Closing (sign-out, lock, quit) answers every open prompt "cancel", and
// so does the connect that asked being aborted (disconnect, its deadline): the prompt is closed in main, so a late
// answer is E_NOT_FOUND and is never handed to anything. (The renderer is not told: the contract has no
// prompt-closed event; its dialog learns on Submit.)
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { AirlockError } from '../../../../shared/errors/airlock-error';
import type { PassphrasePrompt } from '../../routes';

export interface PassphrasePrompts {
  readonly prompt: PassphrasePrompt;
  answer(promptId: string, answer: string | null): void;
  cancelAll(): void;
}

export function createPassphrasePrompts(push: (event: { promptId: string; kind: 'passphrase'; key: string; attempt: number }) => void): PassphrasePrompts {
  const waiting = new Map<string, (answer: string | null) => void>();
  return {
    prompt: ({ keyPath, attempt, signal }) =>
      new Promise((resolve) => {
        if (signal?.aborted) return resolve(null); // nobody waits for it: do not ask
        const promptId = randomUUID();
        const onAbort = () => {
          if (waiting.delete(promptId)) resolve(null);
        };
        waiting.set(promptId, (answer) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(answer);
        });
        signal?.addEventListener('abort', onAbort, { once: true });
        push({ promptId, kind: 'passphrase', key: path.basename(keyPath).slice(0, 255) || 'key', attempt: Math.min(Math.max(attempt, 1), 10) });
      }),
    answer(promptId, answer) {
      const resolve = waiting.get(promptId);
      if (!resolve) throw new AirlockError('E_NOT_FOUND', { message: 'Airlock is not waiting for that answer any more (the prompt was answered, cancelled or closed).' });
      waiting.delete(promptId);
      resolve(answer);
    },
    cancelAll() {
      for (const resolve of waiting.values()) resolve(null);
      waiting.clear();
    },
  };
}
