// Which TypeScript model plays each seed `runs` value. Adding a model means adding it here and to
// RunnableModel in seed-schema.ts; nothing else may pick models by name.
import type { SeedDeployment } from '../../seed/seed-schema';
import { creditRiskModel } from './credit-risk';
import type { ScoringModel } from './model';
import { sentimentModel } from './sentiment';

const MODELS: Readonly<Record<SeedDeployment['runs'], ScoringModel>> = {
  'credit-risk-logreg': creditRiskModel,
  'sentiment-text-classifier': sentimentModel,
};

export function modelFor(runs: SeedDeployment['runs']): ScoringModel {
  return MODELS[runs];
}

export { InputError, type ModelDescription, type PreparedRun, type ScoringModel } from './model';
