// Builds a large seed for benchmarks: the base seed plus one workspace `ws-bench-large` (in the first
// resource group of the first subscription) holding `models` model containers and `endpoints` online
// endpoints with deterministic names (bench-model-00001, bench-ep-0001, ...). The result is validated with
// the seed schema. It never changes `base` and never uses randomness or the clock.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { Seed } from './seed-schema';

/** The seed as written (schema defaults not yet filled in). */
type SeedInput = z.input<typeof Seed>;

export interface LargeSeedOptions {
  readonly models: number;
  readonly endpoints: number;
  /** Versions per model (default 2). */
  readonly versionsPerModel?: number;
  readonly workspaceName?: string;
}

function guid(input: string): string {
  const h = createHash('sha256').update(input).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function generateLargeSeed(base: Seed, options: LargeSeedOptions): Seed {
  const workspaceName = options.workspaceName ?? 'ws-bench-large';
  const versions = Math.max(1, options.versionsPerModel ?? 2);
  const modelWidth = Math.max(5, String(options.models).length);
  const endpointWidth = Math.max(4, String(options.endpoints).length);
  const modelName = (i: number) => `bench-model-${pad(i, modelWidth)}`;

  const models = Array.from({ length: options.models }, (_, i) => ({
    name: modelName(i + 1),
    description: `Benchmark model ${i + 1}.`,
    tags: { bench: 'true', shard: String(i % 16) },
    versions: Array.from({ length: versions }, (_, v) => ({
      version: String(v + 1),
      description: `Version ${v + 1}.`,
      stage: v === versions - 1 ? 'Production' : 'Archived',
      modelType: 'mlflow_model' as const,
      flavors: { python_function: { loader_module: 'mlflow.sklearn' } },
      jobName: `bench-train-${pad(i + 1, modelWidth)}-${v + 1}`,
      tags: {},
    })),
  }));

  const endpoints = Array.from({ length: options.endpoints }, (_, i) => {
    const target = options.models > 0 ? `${modelName((i % options.models) + 1)}:${versions}` : 'credit-risk:2';
    const authMode = (['AMLToken', 'Key', 'AADToken'] as const)[i % 3]!;
    return {
      name: `bench-ep-${pad(i + 1, endpointWidth)}`,
      description: `Benchmark endpoint ${i + 1}.`,
      authMode,
      tags: { bench: 'true' },
      deployments: [{ name: 'main', model: target, runs: 'credit-risk-logreg' as const }],
      traffic: { main: 100 },
    };
  });

  const copy: SeedInput = structuredClone(base);
  const sub = copy.subscriptions[0];
  const group = sub?.resourceGroups?.[0];
  if (!sub || !group) throw new Error('the base seed needs at least one subscription with one resource group');
  group.workspaces = (group.workspaces ?? []).filter((w) => w.name.toLowerCase() !== workspaceName.toLowerCase());
  group.workspaces.push({
    name: workspaceName,
    friendlyName: 'Benchmark (large)',
    description: `Generated: ${options.models} models, ${options.endpoints} online endpoints.`,
    location: group.location.replace(/[^a-z0-9]/g, '') || 'westeurope',
    workspaceId: guid(`${sub.subscriptionId}/${group.name}/${workspaceName}`),
    publicNetworkAccess: 'Disabled',
    // Deployment defaults (instance type, timeouts) are filled in by the schema parse below.
    models,
    onlineEndpoints: endpoints,
  });
  return Seed.parse(copy);
}
