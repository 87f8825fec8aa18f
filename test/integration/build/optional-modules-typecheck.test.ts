// The typecheck must not depend on the optional native modules being installed: without libsecret-1-dev npm
// drops keytar and @azure/msal-node-extensions, and `npm test` starts with tsc. This compiles the project as
// tsconfig.json says, through a compiler host that cannot see those two packages in node_modules, and expects
// the files that import them to check clean — on any machine, whether or not they are installed here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/build';

const OPTIONAL_MODULES = ['keytar', '@azure/msal-node-extensions'] as const;
const HIDDEN = OPTIONAL_MODULES.map((name) => path.join(ROOT, 'node_modules', name));
const isHidden = (file: string): boolean => HIDDEN.some((dir) => file === dir || file.startsWith(`${dir}${path.sep}`) || file.startsWith(`${dir}/`));

function parsedConfig(): ts.ParsedCommandLine {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('tsconfig.json could not be read');
  return parsed;
}

/** A compiler host for which the optional packages were never installed. */
function hostWithoutOptionalModules(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const { fileExists, directoryExists, readFile } = host;
  host.fileExists = (file) => !isHidden(file) && fileExists.call(host, file);
  host.directoryExists = (dir) => !isHidden(dir) && (directoryExists?.call(host, dir) ?? ts.sys.directoryExists(dir));
  host.readFile = (file) => (isHidden(file) ? undefined : readFile.call(host, file));
  return host;
}

const importsOptionalModule = (file: string): boolean =>
  OPTIONAL_MODULES.some((name) => readFileSync(file, 'utf8').includes(`'${name}'`));

describe('typecheck without the optional native modules', () => {
  const config = parsedConfig();
  const host = hostWithoutOptionalModules(config.options);

  it('really hides them from module resolution', () => {
    for (const name of OPTIONAL_MODULES) {
      const resolved = ts.resolveModuleName(name, path.join(ROOT, 'electron', 'index.ts'), config.options, host);
      expect(resolved.resolvedModule, name).toBeUndefined();
    }
  });

  it('checks every file that imports keytar or @azure/msal-node-extensions without errors', () => {
    const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host });
    const importers = config.fileNames.filter(importsOptionalModule);
    // The four named in issue 8 at least; a new importer is checked too.
    expect(importers.map((file) => path.relative(ROOT, file).split(path.sep).join('/'))).toEqual(
      expect.arrayContaining([
        'electron/services/vault/keytar-keychain.ts',
        'electron/services/auth/broker.ts',
        'bench/suites/vault-unlock-secret-service.bench.ts',
        'test/integration/vault/secret-service-session.ts',
      ]),
    );
    const errors = importers.flatMap((file) => {
      const source = program.getSourceFile(file);
      if (!source) return [`${file}: not in the program`];
      return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
        const { line } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: -1 };
        return `${path.relative(ROOT, file)}:${line + 1} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      });
    });
    expect(errors).toEqual([]);
  });
});
