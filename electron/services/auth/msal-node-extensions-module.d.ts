// Airlock's own types for '@azure/msal-node-extensions', the optional package that carries WAM, the Windows
// sign-in broker. npm leaves it out together with keytar (one of its dependencies) when keytar cannot be built,
// and the typecheck must pass either way, so its types live in the project: an ambient module declaration takes
// precedence over the package's own, so tsc sees this same API with and without it installed. Declares only
// what broker.ts loads; the plugin's shape is msal-node's own INativeBrokerPlugin.
declare module '@azure/msal-node-extensions' {
  import type { INativeBrokerPlugin } from '@azure/msal-node';

  export const NativeBrokerPlugin: new () => INativeBrokerPlugin;
}
