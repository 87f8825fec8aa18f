// The logging service's face: redaction of anything secret before text or fields reach a log line, a
// diagnostics export or an error. Services log through the Logger port; this folder decides what is safe.
export { redactSecrets } from './redact';
export { redactingLogger, redactLogFields } from './redacting-logger';
export { createRecentLines, teeLogger, type RecentLine, type RecentLines } from './recent-lines';
