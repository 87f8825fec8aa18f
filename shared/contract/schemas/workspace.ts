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

/**
 * `first`: only the first rows (ARM's first pages, up to that many), so a screen can show rows at once and ask for
 * the whole list next — a large workspace's list takes ARM many pages. Without it, the whole list (up to 10,000).
 */
export const FirstRows = z.number().int().min(1).max(10_000);

export const ModelsRequest = z.strictObject({ workspaceId: WorkspaceId, first: FirstRows.optional() });

export const ModelTag = z.strictObject({ key: z.string().max(128), value: z.string().max(256) });

/** One row of the models table: the model and its latest version, as Azure ML studio lists them. */
export const ModelSummary = z.strictObject({
  name: z.string().max(256),
  latestVersion: z.string().max(64).nullable(),
  /** The latest version's type as Azure reports it (mlflow_model, custom_model, triton_model, ...). */
  modelType: z.string().max(64).nullable(),
  /** The ML framework: from the version's MLflow flavors, else the model's `framework` tag. */
  framework: z.string().max(64).nullable(),
  /** The latest version's stage (Development, Staging, Production, Archived, or the team's own). */
  stage: z.string().max(64).nullable(),
  /** The model's tags, then its latest version's (which win on the same key). */
  tags: z.array(ModelTag).max(32),
  /** Whole (up to a bound); the screen shortens long ones and shows the full text on request. */
  description: z.string().max(4000).nullable(),
  /** ARM systemData times as sent (ISO 8601): the model registered, and its latest change. */
  createdAt: z.string().max(64).nullable(),
  modifiedAt: z.string().max(64).nullable(),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

/** `complete`: false when Azure has more models than listed (a `first` read, or past the 10,000 shown). */
export const ModelList = z.strictObject({ workspaceId: WorkspaceId, models: z.array(ModelSummary).max(10_000), complete: z.boolean() });

export const ModelVersionsRequest = z.strictObject({ workspaceId: WorkspaceId, modelName: z.string().min(1).max(256) });

/** One version of a model (the model detail view): what ARM says of it, display data only. */
export const ModelVersionView = z.strictObject({
  version: z.string().max(64),
  modelType: z.string().max(64).nullable(),
  framework: z.string().max(64).nullable(),
  stage: z.string().max(64).nullable(),
  tags: z.array(ModelTag).max(32),
  description: z.string().max(4000).nullable(),
  /** Where the model's files are (ARM modelUri / path), shown as text; never fetched by Airlock. */
  path: z.string().max(1024).nullable(),
  createdAt: z.string().max(64).nullable(),
  modifiedAt: z.string().max(64).nullable(),
});
export type ModelVersionView = z.infer<typeof ModelVersionView>;

export const ModelVersionList = z.strictObject({ workspaceId: WorkspaceId, modelName: z.string().max(256), versions: z.array(ModelVersionView).max(1000) });
