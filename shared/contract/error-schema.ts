// The bounded schema of the error shape: what may cross a boundary as a failure. Checked on the way out,
// so an over-long hint or an odd detail value can never carry a payload (or a token) to the renderer.
import { z } from 'zod';
import { ERROR_CODES } from '../errors/codes';

export const ErrorShapeSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().min(1).max(400),
  hint: z.string().max(400).optional(),
  retryable: z.boolean(),
  details: z
    .record(z.string().max(64), z.union([z.string().max(256), z.number(), z.boolean()]))
    .refine((d) => Object.keys(d).length <= 16, 'too many details')
    .optional(),
});
