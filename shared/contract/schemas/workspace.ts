// Schemas of the `workspace.*` channels: what the signed-in account can see in Azure Machine Learning.
// Display data and ARM ids only.
import { z } from 'zod';

export const WorkspaceId = z
  .string()
  .max(400)
  .regex(/^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[\w.()-]{0,89}[\w()-]\/providers\/Microsoft\.MachineLearningServices\/workspaces\/[\w-]{1,64}$/i, 'an Azure Machine Learning workspace id');

export const WorkspaceSummary = z.strictObject({
  id: WorkspaceId,
  name: z.string().max(64),
  displayName: z.string().max(256),
  subscriptionId: z.string().max(36),
  resourceGroup: z.string().max(90),
  location: z.string().max(64),
  publicNetworkAccess: z.enum(['Enabled', 'Disabled', 'Unknown']),
  privateEndpoints: z.number().int().min(0).max(1000),
});
export type WorkspaceSummary = z.infer<typeof WorkspaceSummary>;

export const WorkspaceList = z.strictObject({ workspaces: z.array(WorkspaceSummary).max(500) });

export const ModelsRequest = z.strictObject({ workspaceId: WorkspaceId });

export const ModelSummary = z.strictObject({
  name: z.string().max(256),
  latestVersion: z.string().max(64).nullable(),
  description: z.string().max(400).nullable(),
  modifiedAt: z.string().max(64).nullable(),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

export const ModelList = z.strictObject({ workspaceId: WorkspaceId, models: z.array(ModelSummary).max(500) });
