// Which signing a release build on one OS will use, read from the environment only (nothing secret is in the
// repo), and what is missing when none is configured. check-signing.ts refuses the release build on a gap, so
// nothing unsigned ships by accident; build-release.ts turns the plan into electron-builder overrides. Only
// variable NAMES ever appear in messages, never values.

export type ReleaseOs = 'win' | 'mac' | 'linux';
export type Env = Readonly<Record<string, string | undefined>>;

export interface SigningMethod {
  readonly id: string;
  /** What it is, for the log and the refusal message. */
  readonly label: string;
  /** Every variable it needs; any one of an `a|b` pair will do (electron-builder reads both). */
  readonly requires: readonly string[];
}

/** Per OS, the accepted methods in order of preference; the first fully configured one is used. */
export const SIGNING_METHODS: Readonly<Record<ReleaseOs, readonly SigningMethod[]>> = {
  win: [
    {
      id: 'azure-trusted-signing',
      label: 'Azure Trusted Signing (win.azureSignOptions; Entra app credentials for Invoke-TrustedSigning)',
      requires: ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AIRLOCK_AZURE_SIGN_ENDPOINT', 'AIRLOCK_AZURE_SIGN_ACCOUNT', 'AIRLOCK_AZURE_SIGN_PROFILE', 'AIRLOCK_WIN_PUBLISHER_NAME'],
    },
    {
      id: 'signtool-certificate',
      label: 'signtool with a code-signing certificate (.pfx, base64 or path)',
      requires: ['WIN_CSC_LINK|CSC_LINK', 'WIN_CSC_KEY_PASSWORD|CSC_KEY_PASSWORD'],
    },
  ],
  mac: [
    {
      id: 'developer-id-notarized',
      label: 'Developer ID Application + Installer certificates, hardened runtime, notarization with an App Store Connect API key',
      requires: ['CSC_LINK', 'CSC_KEY_PASSWORD', 'CSC_INSTALLER_LINK', 'CSC_INSTALLER_KEY_PASSWORD', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
    },
  ],
  linux: [
    {
      id: 'gpg-detached',
      label: 'GPG detached signatures (.asc) over every package and SHA256SUMS (scripts/release/sign-linux.ts)',
      requires: ['AIRLOCK_GPG_KEY_ID'],
    },
  ],
};

export type SigningPlan =
  | { readonly configured: true; readonly os: ReleaseOs; readonly method: SigningMethod }
  | { readonly configured: false; readonly os: ReleaseOs; readonly missing: Readonly<Record<string, readonly string[]>> };

const present = (env: Env, name: string) => name.split('|').some((one) => (env[one] ?? '').trim() !== '');

export function signingPlan(os: ReleaseOs, env: Env): SigningPlan {
  const missing: Record<string, string[]> = {};
  for (const method of SIGNING_METHODS[os]) {
    const gaps = method.requires.filter((name) => !present(env, name));
    if (gaps.length === 0) return { configured: true, os, method };
    missing[method.id] = gaps;
  }
  return { configured: false, os, missing };
}

const OS_NAMES: Readonly<Record<ReleaseOs, string>> = { win: 'Windows', mac: 'macOS', linux: 'Linux' };

/** The one-paragraph refusal: which variables each accepted method still needs (names only). */
export function refusal(plan: Extract<SigningPlan, { configured: false }>): string {
  const options = SIGNING_METHODS[plan.os].map((method) => `  - ${method.label}: set ${(plan.missing[method.id] ?? []).join(', ')}`);
  return [
    `Release build refused: code signing is not configured for ${OS_NAMES[plan.os]}, and an unsigned installer must not ship.`,
    'Configure one of:',
    ...options,
    'Signing material comes from CI secrets only (docs/admin/signing.md). For a local, unsigned build use `npx electron-builder --dir`.',
  ].join('\n');
}

/** The electron-builder config overrides for the chosen method (values from the environment, never the repo). */
export function signingOverrides(plan: Extract<SigningPlan, { configured: true }>, env: Env): Record<string, unknown> {
  if (plan.os === 'win' && plan.method.id === 'azure-trusted-signing') {
    return {
      win: {
        signtoolOptions: null, // azureSignOptions and signtoolOptions exclude each other
        azureSignOptions: {
          publisherName: env['AIRLOCK_WIN_PUBLISHER_NAME'],
          endpoint: env['AIRLOCK_AZURE_SIGN_ENDPOINT'],
          codeSigningAccountName: env['AIRLOCK_AZURE_SIGN_ACCOUNT'],
          certificateProfileName: env['AIRLOCK_AZURE_SIGN_PROFILE'],
          fileDigest: 'SHA256',
          timestampDigest: 'SHA256',
          timestampRfc3161: 'http://timestamp.acs.microsoft.com',
        },
      },
    };
  }
  // signtool reads WIN_CSC_LINK/CSC_LINK itself; macOS reads CSC_*, CSC_INSTALLER_* and APPLE_API_* itself;
  // Linux packages are signed after the build (sign-linux.ts).
  return {};
}

export function releaseOsOf(platform: NodeJS.Platform): ReleaseOs {
  if (platform === 'win32') return 'win';
  if (platform === 'darwin') return 'mac';
  return 'linux';
}
