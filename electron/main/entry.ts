// Bundle entry for dist/main/main.cjs. Kept separate from main.ts so tests can import startShell without starting it.
import { shellPaths, startShell } from './main';

startShell(shellPaths(__dirname));
