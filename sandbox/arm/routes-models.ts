// Handlers for workspace model containers and versions and for the built-in registry's models
// (see resource-index.ts for what the registry holds). Read-only; filters: listViewType, version, $top.
import { ArmError, notFound, quoted, resourceNotFound } from './arm-error';
import { authorize, findGroup, findSubscription, findWorkspace, ok, pageRequest, requireAnyAccess, scopeOf, visible, type ArmCall, type ArmService, type Handler } from './arm-service';
import { page } from './paging';
import { Actions } from './rbac';
import { param } from './request-input';
import type { IndexedModel, IndexedRegistry, IndexedVersion } from './resource-index';
import { modelContainerJson, modelVersionJson, registryJson } from './resource-shapes';

function listView(call: ArmCall): 'ActiveOnly' | 'ArchivedOnly' | 'All' {
  const raw = (param(call.target, 'listViewType') ?? 'ActiveOnly').toLowerCase();
  if (raw === 'activeonly') return 'ActiveOnly';
  if (raw === 'archivedonly') return 'ArchivedOnly';
  if (raw === 'all') return 'All';
  throw new ArmError(400, 'InvalidQueryParameterValue', `The value '${quoted(raw)}' of query parameter 'listViewType' is invalid. Allowed: ActiveOnly, ArchivedOnly, All.`, { target: 'listViewType' });
}

/** Nothing in the seed is archived, so ArchivedOnly lists are empty. */
function active<T>(call: ArmCall, items: readonly T[]): readonly T[] {
  return listView(call) === 'ArchivedOnly' ? [] : items;
}

function findModel(models: ReadonlyMap<string, IndexedModel>, call: ArmCall): IndexedModel {
  const name = call.params['model'] ?? '';
  const model = models.get(name.toLowerCase());
  if (!model) throw notFound('model container', name);
  return model;
}

function findVersion(model: IndexedModel, call: ArmCall): IndexedVersion {
  const version = call.params['version'] ?? '';
  const found = model.versions.get(version.replace(/^0+(?=\d)/, ''));
  if (!found) throw notFound('model version', `${model.seed.name}:${version}`);
  return found;
}

function versionsOf(model: IndexedModel, call: ArmCall): readonly IndexedVersion[] {
  const wanted = param(call.target, 'version');
  return active(call, wanted === undefined ? model.versionList : model.versionList.filter((v) => v.seed.version === wanted));
}

// ─── workspace models ────────────────────────────────────────────────────────────────────────────────

export const listModels: Handler = (svc, call) => {
  const ws = findWorkspace(svc, call, Actions.modelsRead);
  return ok(page(active(call, ws.modelList), pageRequest(svc, call), (m) => modelContainerJson(m, svc.seed, false)));
};

export const getModel: Handler = (svc, call) => {
  const ws = findWorkspace(svc, call, Actions.modelsRead);
  return ok(modelContainerJson(findModel(ws.models, call), svc.seed, false));
};

export const listModelVersions: Handler = (svc, call) => {
  const ws = findWorkspace(svc, call, Actions.modelVersionsRead);
  const model = findModel(ws.models, call);
  return ok(page(versionsOf(model, call), pageRequest(svc, call), (v) => modelVersionJson(v, svc.seed, { workspace: ws })));
};

export const getModelVersion: Handler = (svc, call) => {
  const ws = findWorkspace(svc, call, Actions.modelVersionsRead);
  return ok(modelVersionJson(findVersion(findModel(ws.models, call), call), svc.seed, { workspace: ws }));
};

// ─── registries ──────────────────────────────────────────────────────────────────────────────────────

function findRegistry(svc: ArmService, call: ArmCall, action: string): IndexedRegistry {
  const sub = findSubscription(svc, call);
  authorize(svc, call, action, scopeOf(call));
  const group = findGroup(sub, call);
  const name = call.params['registry'] ?? '';
  const registry = group.registries.get(name.toLowerCase());
  if (!registry) throw resourceNotFound('Microsoft.MachineLearningServices/registries', name, group.seed.name);
  return registry;
}

export const listRegistries: Handler = (svc, call) => {
  const sub = findSubscription(svc, call);
  requireAnyAccess(svc, call, Actions.registriesRead, scopeOf(call));
  const group = findGroup(sub, call);
  const items = visible(svc, call, Actions.registriesRead, group.id, group.registryList);
  return ok(page(items, pageRequest(svc, call), (r) => registryJson(r, svc.seed)));
};

export const getRegistry: Handler = (svc, call) => ok(registryJson(findRegistry(svc, call, Actions.registriesRead), svc.seed));

export const listRegistryModels: Handler = (svc, call) => {
  const registry = findRegistry(svc, call, Actions.registryModelsRead);
  return ok(page(active(call, registry.modelList), pageRequest(svc, call), (m) => modelContainerJson(m, svc.seed, true)));
};

export const getRegistryModel: Handler = (svc, call) => {
  const registry = findRegistry(svc, call, Actions.registryModelsRead);
  return ok(modelContainerJson(findModel(registry.models, call), svc.seed, true));
};

export const listRegistryModelVersions: Handler = (svc, call) => {
  const registry = findRegistry(svc, call, Actions.registryModelVersionsRead);
  const model = findModel(registry.models, call);
  return ok(page(versionsOf(model, call), pageRequest(svc, call), (v) => modelVersionJson(v, svc.seed, { registry: registry.name })));
};

export const getRegistryModelVersion: Handler = (svc, call) => {
  const registry = findRegistry(svc, call, Actions.registryModelVersionsRead);
  return ok(modelVersionJson(findVersion(findModel(registry.models, call), call), svc.seed, { registry: registry.name }));
};
