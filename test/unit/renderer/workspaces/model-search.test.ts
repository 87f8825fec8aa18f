// The models and versions tables search cleaned text (tags, type words, description included) and sort dates
// by time with missing or broken dates last.
import { describe, expect, it } from 'vitest';
import type { ModelSummary, ModelVersionView } from '../../../../shared/contract/schemas/workspace';
import { sortRows } from '../../../../renderer/components/table-model';
import { MODEL_SORT, modelSearchKey, VERSION_SORT, versionSearchKey } from '../../../../renderer/features/workspaces/model-search';

const model = (over: Partial<ModelSummary>): ModelSummary => ({
  name: 'churn',
  latestVersion: '7',
  modelType: 'mlflow_model',
  framework: 'lightgbm',
  stage: 'Production',
  tags: [{ key: 'team', value: 'retention' }],
  description: 'Predicts churn',
  createdAt: '2026-01-20T09:00:00Z',
  modifiedAt: null,
  ...over,
});
const version = (over: Partial<ModelVersionView>): ModelVersionView => ({
  version: '1',
  modelType: 'custom_model',
  framework: null,
  stage: null,
  tags: [],
  description: null,
  path: null,
  createdAt: null,
  modifiedAt: null,
  ...over,
});

describe('model search and sort', () => {
  it('finds a model by name, type word, framework, stage, tag and description', () => {
    const key = modelSearchKey(model({}));
    for (const word of ['churn', 'mlflow', 'lightgbm', 'production', 'team: retention', 'predicts']) expect(key).toContain(word);
  });

  it('a hidden zero-width character in a name does not dodge the search', () => {
    expect(modelSearchKey(model({ name: 'fr\u200Baud' }))).toContain('fraud');
  });

  it('sorts by created time, broken and missing dates last', () => {
    const rows = [model({ name: 'a', createdAt: 'not a date' }), model({ name: 'b', createdAt: '2026-03-01T00:00:00Z' }), model({ name: 'c', createdAt: '2025-03-01T00:00:00Z' })];
    expect(sortRows(rows, MODEL_SORT['created']!, 'descending').map((m) => m.name)).toEqual(['b', 'c', 'a']);
    expect(sortRows(rows, MODEL_SORT['created']!, 'ascending').map((m) => m.name)).toEqual(['c', 'b', 'a']);
  });

  it('puts versions newest first by number, not by text', () => {
    const rows = ['2', '10', '9', '1'].map((v) => version({ version: v }));
    expect(sortRows(rows, VERSION_SORT['version']!, 'descending').map((v) => v.version)).toEqual(['10', '9', '2', '1']);
  });

  it('searches versions by tag and stage', () => {
    const key = versionSearchKey(version({ stage: 'Staging', tags: [{ key: 'auc', value: '0.91' }] }));
    expect(key).toContain('staging');
    expect(key).toContain('auc: 0.91');
  });
});
