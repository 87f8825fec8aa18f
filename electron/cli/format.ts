// Plain-text renderings of CLI results, for people reading a terminal.
import type { AppHealth, AppInfo } from '../../shared/contract/schemas/app';
import type { DiagnosticsExport } from '../../shared/contract/schemas/diagnostics';
import { inert } from './inert';

export function formatInfo(info: AppInfo): string {
  const lines = [
    `Airlock ${info.version} (${info.build}, ${info.signature === 'signed' ? 'signed' : 'unsigned'}) on ${info.platform}/${info.arch}`,
    'Environments:',
    ...info.environments.map((e) => `  ${inert(e.id, 64).padEnd(20)} ${inert(e.displayName, 128)} [${e.kind}]`),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatHealth(health: AppHealth): string {
  const lines = [`Health: ${health.status} (checked ${health.checkedAt})`, ...health.checks.map((c) => `  ${c.status.padEnd(4)} ${c.name}: ${c.detail}`)];
  return `${lines.join('\n')}\n`;
}

export function formatDiagnostics(result: DiagnosticsExport): string {
  if (!result.saved) return 'No diagnostics file was written.\n';
  return `${[`Diagnostics written to ${result.path ?? ''}`, 'It contains:', ...result.contains.map((c) => `  - ${c}`)].join('\n')}\n`;
}
