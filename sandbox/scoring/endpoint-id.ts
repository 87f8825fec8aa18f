// The names a scoring endpoint goes by, in one place so the lead, ARM and the scoring hosts agree:
// the lower-cased ARM resource id (the key for keys and AML tokens), the public scoring hostname, and the
// private-link CNAME it resolves through (azure-wire-format.md §13). Pure functions; no I/O.

/** `/subscriptions/{sub}/resourcegroups/{rg}/providers/microsoft.machinelearningservices/workspaces/{ws}/onlineendpoints/{ep}`, lower-cased. */
export function endpointResourceId(subscriptionId: string, resourceGroup: string, workspace: string, endpoint: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.MachineLearningServices/workspaces/${workspace}/onlineEndpoints/${endpoint}`.toLowerCase();
}

export const INFERENCE_DNS_SUFFIX = 'inference.ml.azure.com';

/** `<endpoint>.<region>.inference.ml.azure.com` */
export function scoringHostname(endpoint: string, region: string): string {
  return `${endpoint}.${region}.${INFERENCE_DNS_SUFFIX}`.toLowerCase();
}

/** The wildcard name the per-region certificate covers: `*.<region>.inference.ml.azure.com` */
export function regionWildcard(region: string): string {
  return `*.${region}.${INFERENCE_DNS_SUFFIX}`.toLowerCase();
}

/** `<endpoint>.<workspace-guid>.inference.<region>.privatelink.api.azureml.ms` */
export function privateLinkCname(endpoint: string, workspaceId: string, region: string): string {
  return `${endpoint}.${workspaceId}.inference.${region}.privatelink.api.azureml.ms`.toLowerCase();
}

/** The region part of a name under `*.<region>.inference.ml.azure.com`, or null. */
export function regionOfHostname(hostname: string): string | null {
  const match = /^[a-z0-9-]+\.([a-z0-9]+)\.inference\.ml\.azure\.com\.?$/.exec(hostname.toLowerCase());
  return match ? match[1]! : null;
}
