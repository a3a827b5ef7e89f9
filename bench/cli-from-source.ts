/**
 * The `phasegate` command straight from the TypeScript sources, with no build (run under tsx with
 * the `@phasegate/source` condition): what bin/phasegate.js did before the CLI was built, and a
 * developer's way to run a changed CLI. cli.bench.ts times it beside the built bin.
 */
import { main } from '@phasegate/cli';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
});
