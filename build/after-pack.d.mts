// Types for after-pack.mjs (plain JS so electron-builder loads the hook without a TypeScript loader).
export interface AfterPackContextLike {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly arch: number;
  readonly packager: { readonly executableName: string; readonly appInfo: { readonly productFilename: string } };
}
export declare function releaseFuseConfig(resetAdHocDarwinSignature: boolean): Record<string, unknown>;
export declare function packedBinary(context: AfterPackContextLike): string;
export default function afterPack(context: AfterPackContextLike): Promise<void>;
