// Turns anything thrown by a service into the typed error shape. Unknown exceptions become E_INTERNAL with
// Airlock's own words: their messages may quote a URL, a header or a token, so they never cross a boundary.
import { AirlockError, errorShape, type ErrorShape } from '../../../shared/errors/airlock-error';

export function toErrorShape(thrown: unknown): ErrorShape {
  if (thrown instanceof AirlockError) return thrown.toShape();
  return errorShape('E_INTERNAL');
}
