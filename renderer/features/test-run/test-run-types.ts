// Types of the test-run schemas the contract exports only as values (shared/contract/schemas/test-run.ts).
import type { z } from 'zod';
import type { TestRunExportView, TestRunSample } from '../../../shared/contract/schemas/test-run';

export type Sample = z.infer<typeof TestRunSample>;
export type ExportView = z.infer<typeof TestRunExportView>;
