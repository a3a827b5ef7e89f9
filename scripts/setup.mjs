// Installs the workspace on first use, so `npm run demo` and `npm test` work on a machine
// with only Node 20 and npm. corepack fails against this registry, so pnpm comes through npx.
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const marker = 'node_modules/.modules.yaml';
const lock = 'pnpm-lock.yaml';
const fresh = existsSync(marker) && (!existsSync(lock) || statSync(lock).mtimeMs <= statSync(marker).mtimeMs);
if (!fresh) {
  console.error('phasegate: installing the workspace (first run only)…');
  execSync('npx -y pnpm@12.4.2 install --frozen-lockfile=false --reporter=append-only', { stdio: 'inherit' });
}
