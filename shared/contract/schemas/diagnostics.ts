// Schemas of Settings → Export diagnostics: what the renderer learns about the file main wrote — where it is
// and, in plain words, what it holds. The request carries nothing: the place is main's to choose (a save
// dialog in Electron), never a path the renderer names.
import { z } from 'zod';

export const DiagnosticsExport = z.strictObject({
  /** False when the user cancelled the save dialog; then nothing was written. */
  saved: z.boolean(),
  path: z.string().min(1).max(4096).nullable(),
  /** What the file holds, one plain-words item each (shown under "It contains"). */
  contains: z.array(z.string().max(200)).max(16),
});
export type DiagnosticsExport = z.infer<typeof DiagnosticsExport>;
