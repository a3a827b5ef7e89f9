// Installs the workspace on first use and builds it, so `npm run demo` and `npm test` work on a
// machine with only Node 20 and npm. corepack fails against this registry, so pnpm comes through
// npx. The build is incremental: with nothing changed it takes about a second.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

// Installed after the last change to the lockfile or to any package.json.
const marker = 'node_modules/.modules.yaml';
const manifests = [
  'pnpm-lock.yaml',
  'package.json',
  ...readdirSync('packages').map((p) => `packages/${p}/package.json`),
].filter((f) => existsSync(f));
const fresh = existsSync(marker) && manifests.every((f) => statSync(f).mtimeMs <= statSync(marker).mtimeMs);
if (!fresh) {
  console.error('phasegate: installing the workspace (first run only)…');
  execSync('npx -y pnpm@12.4.2 install --frozen-lockfile=false --reporter=append-only', { stdio: 'inherit' });
}
await import('./build.mjs');
