// Plain-text renderings of `airlock policy show|explain` for people reading a terminal.
import type { PolicyExplanationView, PolicyView } from '../../shared/contract/schemas/policy';

export function formatPolicy(view: PolicyView): string {
  const width = Math.max(...view.settings.map((s) => s.label.length), 0);
  const lines = [
    `Policy: ${view.source.label}`,
    `Status: ${view.status === 'ok' ? 'in force' : 'broken — every action except the baseline is refused'}`,
    ...(view.problem ? [`Problem: ${view.problem}`] : []),
    `Loaded: ${view.loadedAt}`,
    `Engine: ${view.engine ?? 'not loaded'}`,
    '',
    'Settings (* = managed by your organization):',
    ...view.settings.map((s) => `  ${s.managed ? '*' : ' '} ${s.label.padEnd(width)}  ${s.value}`),
  ];
  if (view.documentText) lines.push('', 'Document:', ...view.documentText.trimEnd().split('\n').map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

export function formatExplanation(view: PolicyExplanationView): string {
  const lines = [
    `Decision: ${view.effect === 'allow' ? 'allowed' : 'denied'}`,
    `Rule: ${view.rule ?? 'none (nothing allows it: denied by default)'}`,
    `Reason: ${view.reason}`,
    `Matched: ${view.matched.length > 0 ? view.matched.join(', ') : 'no rule'}`,
    `Audit required: ${view.auditRequired ? 'yes (refused when it cannot be recorded)' : 'no'}`,
    `Policy: ${view.source}`,
  ];
  return `${lines.join('\n')}\n`;
}
