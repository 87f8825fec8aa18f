// Schema of the vault's push event: which environment's token vault locked. An id only, nothing of the vault.
import { z } from 'zod';

export const VaultLocked = z.strictObject({ environmentId: z.string().min(1).max(64) });
export type VaultLocked = z.infer<typeof VaultLocked>;
