// Questions at the terminal for the airlock command: a line (the host-key y/N) and a secret read without echo
// (an SSH key's passphrase). Questions go to stderr so stdout stays the result. Only for a person at a TTY:
// main.ts gives these to commands only when stdin and stderr are terminals. A secret is never echoed, printed
// or kept beyond handing it back; Ctrl-C or Ctrl-D while typing it cancels (null).
import readline from 'node:readline';

export function askLine(question: string): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answered = false;
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    // Ctrl-C at the question is "no" (readline would otherwise only pause and wait).
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (!answered) resolve(null);
    });
  });
}

export function askSecret(question: string): Promise<string | null> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const finish = (answer: string | null) => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      resolve(answer);
    };
    function onData(chunk: string) {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(typed);
        if (char === '\u0003' || char === '\u0004') return finish(null); // Ctrl-C, Ctrl-D: cancel
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    }
    stdin.on('data', onData);
  });
}

/** Resolves at the first Ctrl-C or SIGTERM; a second one while closing ends the process at once (130). */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
