// Airlock's own types for 'keytar', the optional native keychain module. npm leaves keytar out when it cannot
// build it (no libsecret-1-dev), and the typecheck must pass either way, so its types live in the project: an
// ambient module declaration takes precedence over the package's own keytar.d.ts, so tsc sees this same API
// with and without keytar installed. The runtime contract is checked against the real module by the
// Secret Service integration tests. Declares only what Airlock calls: findCredentials stays out on purpose
// (it crashes libsecret on a locked keyring), and so does findPassword (unused).
declare module 'keytar' {
  export function getPassword(service: string, account: string): Promise<string | null>;
  export function setPassword(service: string, account: string, password: string): Promise<void>;
  export function deletePassword(service: string, account: string): Promise<boolean>;
}
