#!/usr/bin/env node
// Entry point of the `bangfu` command: runs the compiled CLI (npm install builds it).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(compiled)) {
  console.error('bangfu: dist/ is missing — run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
const { runCli } = await import(compiled.href);
await runCli(process.argv);
