// Runs the CLI from source (for tests that start it as a child process): node --import tsx cli-entry.ts …
import { runCli } from '../cli/main.js';

await runCli(process.argv);
