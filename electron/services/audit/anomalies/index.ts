// The anomaly hints' face (inside the audit service): the detector the composition root builds over the
// audit trail, what it shows, and the thresholds behind it. Hints never block by themselves.
export { createAnomalyDetector, type AnomalyDetector, type AnomalyDetectorOptions } from './anomaly-detector';
export { ANOMALY_THRESHOLDS, type AnomalyHint, type AnomalyKind, type ObservedRecord } from './anomaly-hint';
export type { AnomalyTrail } from './history-load';
export { observeAppends } from './observe-appends';
