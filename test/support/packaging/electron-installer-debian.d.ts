// electron-installer-debian 4 ships no types; the options the packaging test passes (its README's API section).
declare module 'electron-installer-debian' {
  interface DebianInstallerOptions {
    src: string;
    dest: string;
    arch: string;
    name?: string;
    productName?: string;
    bin?: string;
    maintainer?: string;
    section?: string;
    priority?: string;
    compression?: 'xz' | 'gzip' | 'bzip2' | 'lzma' | 'zstd' | 'none';
    scripts?: Partial<Record<'preinst' | 'postinst' | 'prerm' | 'postrm', string>>;
    logger?: (message: string) => void;
  }
  export default function installer(options: DebianInstallerOptions): Promise<{ packagePaths: string[] }>;
}
