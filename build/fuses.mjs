// The release build's Electron fuses, one value per fuse that @electron/fuses 2.x knows (indices 0–8), by the
// names of its FuseV1Options enum. after-pack.mjs flips them with strictlyRequireAllFuses, so an Electron whose
// wire has a fuse this list does not name fails the build instead of shipping that fuse's default; the
// offline packaging test reads the packaged binary back against the same list. Why each value:
// docs/admin/signing.md.
/** @type {Readonly<Record<string, boolean>>} */
export const RELEASE_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node interpreter.
  RunAsNode: false,
  // Cookies (the Entra sign-in session) encrypted at rest with the OS key store. One-way.
  EnableCookieEncryption: true,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or a trust anchor into main.
  EnableNodeOptionsEnvironmentVariable: false,
  // --inspect and SIGUSR1 would attach a debugger to main (tokens live there). The e2e suite runs the
  // unpackaged Electron from node_modules, never this build.
  EnableNodeCliInspectArguments: false,
  // macOS and Windows check app.asar against the hash in the signed Info.plist / exe; Linux has no such check.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Only resources/app.asar is loaded: an app/ folder beside it cannot bypass the integrity check.
  OnlyLoadAppFromAsar: true,
  // Airlock ships no main-process V8 snapshot.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The UI is served from app://, so file:// pages get no extra privileges.
  GrantFileProtocolExtraPrivileges: false,
  // Electron's default: V8 wasm trap handlers (the policy engine's cedar-wasm runs in main).
  WasmTrapHandlers: true,
});
