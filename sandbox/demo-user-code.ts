// `npm run sandbox -- code alice`: a demo user's current one-time code (RFC 6238), computed from the TOTP
// secret in the running sandbox's environment.json, so a person signing in to the sandbox (preview, npm start)
// can finish the MFA step without an authenticator app. Sandbox-only: it reads demo secrets the sandbox made
// itself, never anything of a real account. Prints the code only, never the secret or the password.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENVIRONMENT_FILE } from './environment/environment-file';
import { totpAt, TOTP_STEP_SECONDS } from './idp/totp';

export type DemoUserCode = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

interface DemoUser {
  readonly username: string;
  readonly totpSecret: string;
}

function demoUsersOf(parsed: unknown): DemoUser[] | null {
  const users = typeof parsed === 'object' && parsed !== null ? (parsed as { users?: unknown }).users : undefined;
  if (!Array.isArray(users)) return null;
  return users.filter((u): u is DemoUser => typeof u === 'object' && u !== null && typeof (u as DemoUser).username === 'string' && typeof (u as DemoUser).totpSecret === 'string');
}

/** `user`: the whole sign-in name or its part before '@', in any case. */
export async function demoUserCode(stateDir: string, user: string, now: Date = new Date()): Promise<DemoUserCode> {
  const file = path.join(stateDir, ENVIRONMENT_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: false, message: `no sandbox environment at ${file}: start the sandbox first (npm run sandbox, npm run preview or npm start)` };
  }
  let users: DemoUser[] | null;
  try {
    users = demoUsersOf(JSON.parse(text));
  } catch {
    users = null;
  }
  if (users === null) return { ok: false, message: `${file} is not a sandbox environment file` };
  const wanted = user.toLowerCase();
  const found = users.find((u) => u.username.toLowerCase() === wanted || u.username.toLowerCase().split('@')[0] === wanted);
  if (!found) return { ok: false, message: `no demo user ${user}; the sandbox has ${users.map((u) => u.username).join(', ')}` };
  const secondsLeft = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
  return { ok: true, text: `${totpAt(found.totpSecret, now)}  (code for ${found.username}, valid for ${secondsLeft} more seconds)` };
}
