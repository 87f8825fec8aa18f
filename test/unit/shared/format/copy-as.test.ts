// Copy as curl / Python: the snippets are RUN, not eyeballed. The curl command runs in sh (dash) and bash with a
// fake `curl` function that records its arguments and standard input; the Python one is parsed (ast) and run
// with a fake urlopen that records the request. Hostile strings ($(), backticks, quotes, newlines, escape
// sequences, bidi overrides, a line equal to the heredoc's end) must arrive as data, byte for byte, and never run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyAs, curlCommand, pythonSnippet, pythonString, shellQuote, type CopyAsInput } from '../../../../shared/format/copy-as';

const WS = '/subscriptions/5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-credit';
const BASE: CopyAsInput = { scoringHost: 'credit.westeurope.inference.ml.azure.com', authMode: 'AMLToken', payload: '{"input_data":[1,2]}', endpointName: 'credit-scoring', workspaceId: WS };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HOSTILE_PAYLOADS: Record<string, string> = {
  json: JSON.stringify({ input_data: [{ age: 42, income: 51000.5 }] }, null, 2),
  'command substitution': '{"a":"$(touch pwned)","b":"${HOME}"}',
  backticks: '{"a":"`touch pwned`"}',
  quotes: `{"a":"it's \\"quoted\\" ''"}`,
  'heredoc end inside': `{"a":1,\nAIRLOCK_BODY\ntouch pwned\n"b":2}`,
  'both heredoc ends inside': `AIRLOCK_BODY\nAIRLOCK_BODY_2\ntouch pwned`,
  'trailing newline': '{"a":1}\n',
  'escape sequence': '{"a":"\u001b[201~touch pwned\u001b[200~"}',
  'carriage return': '{"a":1}\r\ntouch pwned\r\n',
  'bidi override': '{"a":"\u202etxt.exe"}',
  unicode: '{"name":"Zoë — 東京 😀"}',
  'percent and backslash': '{"a":"100% \\\\n %s %d \\\\"}',
  'lone surrogate free emoji': '{"e":"\ud83d\ude00"}',
  'lone surrogate': '{"e":"\ud800"}',
  empty: '',
};

/** Runs a curl snippet in `shell` with a fake curl; returns its arguments and the bytes it read. */
function runCurl(shell: string, snippet: string, token = 'tok-123'): { args: string[]; body: Buffer; pwned: boolean } {
  const dir = mkdtempSync(path.join(tmpdir(), 'copy-as-'));
  dirs.push(dir);
  const script = `curl() { printf '%s\\0' "$@" > "$OUT/args"; cat > "$OUT/body"; }\n${snippet}`;
  writeFileSync(path.join(dir, 'snippet.sh'), script);
  execFileSync(shell, ['snippet.sh'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', OUT: dir, AML_TOKEN: token, ENDPOINT_KEY: token, ENTRA_TOKEN: token } });
  const args = readFileSync(path.join(dir, 'args'), 'utf8').split('\0').slice(0, -1);
  return { args, body: readFileSync(path.join(dir, 'body')), pwned: existsSync(path.join(dir, 'pwned')) };
}

const PYTHON = spawnSync('python3', ['--version']).status === 0;
const PY_RUNNER = `
import ast, json, sys, urllib.request
source = open(sys.argv[1], encoding="ascii").read()
ast.parse(source)
captured = {}
class Answer:
    status = 200
    def read(self): return b"{}"
    def __enter__(self): return self
    def __exit__(self, *a): return False
def fake(request):
    captured.update(url=request.full_url, data=request.data.hex(), method=request.get_method(), headers=dict(request.header_items()))
    return Answer()
urllib.request.urlopen = fake
exec(compile(source, "snippet", "exec"), {"__name__": "__main__"})
open(sys.argv[2], "w").write(json.dumps(captured))
`;

function runPython(snippet: string): { url: string; data: Buffer; method: string; headers: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'copy-as-py-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'runner.py'), PY_RUNNER);
  writeFileSync(path.join(dir, 'snippet.py'), snippet);
  execFileSync('python3', ['runner.py', 'snippet.py', 'out.json'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', AML_TOKEN: 'tok-123', ENDPOINT_KEY: 'tok-123', ENTRA_TOKEN: 'tok-123' } });
  const out = JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')) as { url: string; data: string; method: string; headers: Record<string, string> };
  return { ...out, data: Buffer.from(out.data, 'hex') };
}

/** What the server would receive: the app sends the payload as UTF-8 (a lone surrogate as U+FFFD). */
const bytesOf = (payload: string) => Buffer.from(new TextEncoder().encode(payload));

describe('shellQuote and pythonString', () => {
  it('quote exactly', () => {
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(shellQuote('$(x) `y` "z"')).toBe(`'$(x) \`y\` "z"'`);
    expect(pythonString('a"b\\c\nd\u202e😀\u0001')).toBe('"a\\"b\\\\c\\nd\\u202e\\U0001f600\\x01"');
  });
});

describe('curlCommand', () => {
  it('sends to https://<host>/score with the credential as a variable named by the auth mode, and says how to get it', () => {
    const snippet = curlCommand(BASE);
    expect(snippet).toContain(`'https://credit.westeurope.inference.ml.azure.com/score'`);
    expect(snippet).toContain('"Authorization: Bearer ${AML_TOKEN}"');
    expect(snippet).toContain('az ml online-endpoint get-credentials --name credit-scoring --resource-group rg-ml --workspace-name ws-credit --query accessToken -o tsv');
    expect(snippet).not.toContain('azureml-model-deployment');
    expect(curlCommand({ ...BASE, authMode: 'Key' })).toContain('${ENDPOINT_KEY}');
    expect(curlCommand({ ...BASE, authMode: 'Key' })).toContain('--query primaryKey -o tsv');
    const entra = curlCommand({ ...BASE, authMode: 'AADToken' });
    expect(entra).toContain('${ENTRA_TOKEN}');
    expect(entra).toContain('az account get-access-token --resource https://ml.azure.com');
    expect(curlCommand({ ...BASE, authMode: 'Unknown' })).toContain('${ENDPOINT_TOKEN}');
  });

  it('exact text for a simple request to one deployment', () => {
    expect(curlCommand({ ...BASE, deploymentName: 'blue' })).toBe(
      [
        '# A test request to credit-scoring (deployment blue only), as Airlock sends it.',
        "# AML_TOKEN is the endpoint's AML token (auth mode AMLToken; it expires, get a new one when it does); Airlock never copies it. Set it with:",
        '#   export AML_TOKEN="$(az ml online-endpoint get-credentials --name credit-scoring --resource-group rg-ml --workspace-name ws-credit --query accessToken -o tsv)"',
        "curl --silent --show-error --include -X POST 'https://credit.westeurope.inference.ml.azure.com/score' \\",
        "  -H 'Content-Type: application/json' \\",
        '  -H "Authorization: Bearer ${AML_TOKEN}" \\',
        "  -H 'azureml-model-deployment: blue' \\",
        "  --data-binary @- <<'AIRLOCK_BODY'",
        '{"input_data":[1,2]}',
        'AIRLOCK_BODY',
        '',
      ].join('\n'),
    );
  });

  for (const shell of ['sh', 'bash']) {
    for (const [name, payload] of Object.entries(HOSTILE_PAYLOADS)) {
      it(`${shell}: a ${name} payload arrives byte for byte and runs nothing`, () => {
        const snippet = curlCommand({ ...BASE, deploymentName: 'blue', payload });
        expect(spawnSync(shell, ['-n'], { input: snippet }).status).toBe(0);
        const ran = runCurl(shell, snippet);
        expect(ran.pwned).toBe(false);
        // The heredoc adds the final newline a body without one lacks (JSON ignores it); printf sends exact bytes.
        const expected = bytesOf(payload);
        expect([expected.toString('hex'), Buffer.concat([expected, Buffer.from('\n')]).toString('hex')]).toContain(ran.body.toString('hex'));
        expect(ran.args).toEqual(['--silent', '--show-error', '--include', '-X', 'POST', 'https://credit.westeurope.inference.ml.azure.com/score', '-H', 'Content-Type: application/json', '-H', 'Authorization: Bearer tok-123', '-H', 'azureml-model-deployment: blue', '--data-binary', '@-']);
      });
    }
  }

  it('a body a terminal must not see raw is written in ASCII (printf octal escapes): no ESC, no bidi override in the text', () => {
    for (const payload of [HOSTILE_PAYLOADS['escape sequence']!, HOSTILE_PAYLOADS['bidi override']!, HOSTILE_PAYLOADS['carriage return']!]) {
      const snippet = curlCommand({ ...BASE, payload });
      expect(snippet).toMatch(/^printf '/m);
      expect(/^[\x20-\x7e\n]*$/.test(snippet)).toBe(true);
    }
    expect(curlCommand({ ...BASE, payload: HOSTILE_PAYLOADS['json']! })).toContain("<<'AIRLOCK_BODY'");
  });

  it('a hostile host, deployment or names are quoted data, and comments only ever hold plain names', () => {
    const hostile: CopyAsInput = {
      scoringHost: "evil.example'$(touch pwned)`touch pwned`\nrm -rf x",
      authMode: 'Key',
      deploymentName: "blue'; touch pwned; '",
      payload: '{}',
      endpointName: 'ep\ntouch pwned',
      workspaceId: '/subscriptions/x/resourceGroups/rg\n$(touch pwned)/providers/Microsoft.MachineLearningServices/workspaces/w',
    };
    const snippet = curlCommand(hostile);
    for (const shell of ['sh', 'bash']) {
      const ran = runCurl(shell, snippet);
      expect(ran.pwned).toBe(false);
      expect(ran.args[5]).toBe(`https://${hostile.scoringHost}/score`);
      expect(ran.args[11]).toBe(`azureml-model-deployment: ${hostile.deploymentName}`);
    }
    const comments = snippet.split('\n').filter((l) => l.startsWith('#'));
    expect(comments).toHaveLength(3);
    expect(comments.join('\n')).toContain('--name <endpoint> --resource-group <resource-group> --workspace-name w');
  });

  it('never holds a credential: the value of the variable is read when the command runs', () => {
    expect(curlCommand(BASE)).not.toContain('tok-123');
    expect(runCurl('sh', curlCommand(BASE), 'other-token').args).toContain('Authorization: Bearer other-token');
  });
});

describe.skipIf(!PYTHON)('pythonSnippet (python3)', () => {
  it('sends the request with the variable by auth mode and the deployment header', () => {
    const sent = runPython(pythonSnippet({ ...BASE, authMode: 'AADToken', deploymentName: 'green' }));
    expect(sent.url).toBe('https://credit.westeurope.inference.ml.azure.com/score');
    expect(sent.method).toBe('POST');
    expect(sent.headers).toEqual({ 'Content-type': 'application/json', Authorization: 'Bearer tok-123', 'Azureml-model-deployment': 'green' });
    expect(pythonSnippet({ ...BASE, authMode: 'AADToken' })).toContain('os.environ["ENTRA_TOKEN"]');
    expect(pythonSnippet(BASE)).toContain('os.environ["AML_TOKEN"]');
    expect(pythonSnippet({ ...BASE, authMode: 'Key' })).toContain('os.environ["ENDPOINT_KEY"]');
  });

  for (const [name, payload] of Object.entries(HOSTILE_PAYLOADS)) {
    it(`a ${name} payload is an ASCII literal that sends the same bytes`, () => {
      const snippet = pythonSnippet({ ...BASE, payload });
      expect(/^[\x20-\x7e\n]*$/.test(snippet)).toBe(true);
      expect(runPython(snippet).data.toString('hex')).toBe(bytesOf(payload).toString('hex'));
    });
  }

  it('a hostile host and deployment stay data', () => {
    const sent = runPython(pythonSnippet({ ...BASE, scoringHost: 'h"\n__import__("os").system("touch pwned")#', deploymentName: 'b"\nimport os' }));
    expect(sent.url).toBe('https://h"\n__import__("os").system("touch pwned")#/score');
    expect(sent.headers['Azureml-model-deployment']).toBe('b"\nimport os');
  });
});

describe('copyAs', () => {
  it('picks the format', () => {
    expect(copyAs('curl', BASE)).toBe(curlCommand(BASE));
    expect(copyAs('python', BASE)).toBe(pythonSnippet(BASE));
  });
});
