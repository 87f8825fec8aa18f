// A blocking finding of Airlock's own checks over the built main bundle (window-check.ts, app-trust-check.ts),
// in the shape Electronegativity's findings take, so the gate reports and sorts them all alike.
import type { Finding } from './electronegativity-scan';

export function gateFinding(id: string, setting: string, sample: string, description: string): Finding {
  return { id, file: 'main/main.cjs', line: 0, column: 0, severity: 'HIGH', confidence: 'CERTAIN', manualReview: false, sample: sample.slice(0, 200), description, setting };
}
