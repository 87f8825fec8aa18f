// Run before every release build: exits 1, naming the missing variables (never their values), when code
// signing is not configured for this OS, so an unsigned installer cannot ship by accident.
//   npx tsx scripts/release/check-signing.ts [--os win|mac|linux]   (default: this machine's OS)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { refusal, releaseOsOf, signingPlan, type Env, type ReleaseOs, type SigningPlan } from './signing';

export function parseOs(argv: readonly string[], platform: NodeJS.Platform): ReleaseOs {
  const index = argv.indexOf('--os');
  if (index === -1) return releaseOsOf(platform);
  const value = argv[index + 1];
  if (value === 'win' || value === 'mac' || value === 'linux') return value;
  throw new Error(`--os takes win, mac or linux (got ${value ?? 'nothing'})`);
}

/** The plan, and the line (or refusal) to print. */
export function checkSigning(os: ReleaseOs, env: Env): { plan: SigningPlan; message: string } {
  const plan = signingPlan(os, env);
  return { plan, message: plan.configured ? `signing: ${plan.os} release signs with ${plan.method.label}` : refusal(plan) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { plan, message } = checkSigning(parseOs(process.argv.slice(2), process.platform), process.env);
  (plan.configured ? console.log : console.error)(message);
  process.exit(plan.configured ? 0 : 1);
}
