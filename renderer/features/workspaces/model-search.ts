// What the models and model-versions tables search and sort by: cleaned text (inert-text), so a hidden control
// or direction override in a name cannot dodge a search or jumble an order; dates by time; missing values last.
import type { ModelSummary, ModelVersionView } from '../../../shared/contract/schemas/workspace';
import { cleanLine, searchKey } from '../../components/inert-text';
import type { SortValue } from '../../components/table-model';
import { modelTypeLabel } from './model-display';

function time(iso: unknown): number | null {
  const t = typeof iso === 'string' ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(t) ? null : t;
}

function tagWords(tags: unknown): string[] {
  return Array.isArray(tags) ? tags.map((t: { key?: unknown; value?: unknown } | null) => `${cleanLine(t?.key)}: ${cleanLine(t?.value)}`) : [];
}

export function modelSearchKey(m: ModelSummary): string {
  return searchKey(m.name, m.latestVersion, modelTypeLabel(m), m.modelType, m.framework, m.stage, ...tagWords(m.tags), m.description);
}

export function versionSearchKey(v: ModelVersionView): string {
  return searchKey(v.version, modelTypeLabel(v), v.modelType, v.framework, v.stage, ...tagWords(v.tags), v.description);
}

export const MODEL_SORT: Readonly<Record<string, (m: ModelSummary) => SortValue>> = {
  name: (m) => cleanLine(m.name),
  version: (m) => cleanLine(m.latestVersion) || null,
  type: (m) => (modelTypeLabel(m) === '—' ? null : modelTypeLabel(m)),
  stage: (m) => cleanLine(m.stage) || null,
  created: (m) => time(m.createdAt),
  modified: (m) => time(m.modifiedAt),
};

export const VERSION_SORT: Readonly<Record<string, (v: ModelVersionView) => SortValue>> = {
  version: (v) => cleanLine(v.version) || null,
  type: (v) => (modelTypeLabel(v) === '—' ? null : modelTypeLabel(v)),
  stage: (v) => cleanLine(v.stage) || null,
  created: (v) => time(v.createdAt),
};
