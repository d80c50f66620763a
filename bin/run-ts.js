#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts): node bin/run-ts.js FILE.ts [args]
import './runtime.js';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
register();
const file = process.argv[2];
if (!file) {
  console.error('usage: node bin/run-ts.js FILE.ts');
  process.exit(2);
}
process.argv.splice(1, 1);
await import(pathToFileURL(path.resolve(file)).href);
