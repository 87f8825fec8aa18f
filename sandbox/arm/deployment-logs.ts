// Plausible container logs for POST .../deployments/{d}/getLogs: an inference-server start-up (or a
// storage-initializer model download), then the failure a fault-injected deployment reports. Deterministic
// apart from the timestamps, which come from the sandbox clock. It never includes keys or tokens.
import type { IndexedDeployment } from './resource-index';

export type ContainerType = 'InferenceServer' | 'StorageInitializer';

export function deploymentLogs(deployment: IndexedDeployment, containerType: ContainerType, tail: number | undefined, now: Date): string {
  const d = deployment.seed;
  const start = now.getTime() - 15 * 60_000;
  const at = (seconds: number) => new Date(start + seconds * 1000).toISOString().replace('T', ' ').replace('Z', '');
  const [model = '', version = ''] = d.model.split(':');
  const lines =
    containerType === 'StorageInitializer'
      ? [
          `${at(0)} | INFO | storage-initializer | Starting model download for ${model}:${version}`,
          `${at(2)} | INFO | storage-initializer | Resolved azureml://models/${model}/versions/${version}`,
          `${at(5)} | INFO | storage-initializer | Downloaded 3 files (41.2 KB) to /var/azureml-app/azureml-models/${model}/${version}`,
          `${at(5)} | INFO | storage-initializer | Model download complete`,
        ]
      : [
          `${at(10)} | INFO | Azure ML Inferencing HTTP server v1.3.4`,
          `${at(10)} | INFO | Server Settings: entry script /var/azureml-app/score.py, model dir /var/azureml-app/azureml-models/${model}/${version}`,
          `${at(10)} | INFO | Worker timeout: ${Math.ceil(d.requestTimeoutMs / 1000)}s, max concurrent requests per instance: ${d.maxConcurrentRequestsPerInstance}`,
          `${at(11)} | INFO | Initializing logger`,
          `${at(12)} | INFO | Starting up app insights client`,
          ...(d.fails
            ? [
                `${at(13)} | ERROR | User's init function failed`,
                `${at(13)} | ERROR | Encountered Exception: ${d.fails.reason}`,
                `${at(13)} | ERROR | Responding ${d.fails.statusCode} to every scoring request`,
              ]
            : [
                `${at(13)} | INFO | Loading model ${d.runs} (${model}:${version})`,
                `${at(14)} | INFO | Users's init has completed successfully`,
                `${at(14)} | INFO | Scoring timeout setting is not found. Use default timeout: ${d.requestTimeoutMs} ms`,
                `${at(15)} | INFO | Listening at: http://0.0.0.0:31311`,
              ]),
          `${at(60)} | INFO | GET /  200 0.6ms ${deployment.endpoint.seed.name}-${d.name} liveness probe`,
          `${at(70)} | INFO | GET /  200 0.5ms ${deployment.endpoint.seed.name}-${d.name} readiness probe`,
        ];
  const kept = tail === undefined ? lines : tail === 0 ? [] : lines.slice(-tail);
  return kept.map((l) => `${l}\n`).join('');
}
