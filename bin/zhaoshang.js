#!/usr/bin/env node
// The CLI entry: runs the TypeScript sources through tsx (Node 20 cannot run .ts by itself).
import './runtime.js';
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
