// ARM answers a missing resource with a bare 404, which arm-errors.ts turns into E_NOT_FOUND "the item you
// asked for…". The service knows which item it asked for: this names it ("ws-credit-private has no online
// endpoint named nope-ep"), keeping the code and ARM's details, so the app and the CLI say what was missing.
import { AirlockError } from '../../../shared/errors/airlock-error';

/** `work`, with an E_NOT_FOUND it fails with reworded as `words` (a sentence naming what was asked for). */
export async function namingNotFound<T>(work: Promise<T>, words: string): Promise<T> {
  try {
    return await work;
  } catch (thrown) {
    if (thrown instanceof AirlockError && thrown.code === 'E_NOT_FOUND') {
      throw new AirlockError('E_NOT_FOUND', { message: words, ...(thrown.details ? { details: thrown.details } : {}) });
    }
    throw thrown;
  }
}
