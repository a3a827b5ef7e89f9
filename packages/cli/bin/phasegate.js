#!/usr/bin/env node
// The `phasegate` command: everything lives in src/main.ts as a testable function, built into
// dist/ (scripts/build.mjs).
// A reader that stops early (`phasegate compile … | head`) closes the pipe: that is the end of the
// command, not an error to report.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

let main;
try {
  ({ main } = await import('../dist/index.js'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('/dist/index.js')) throw err;
  process.stderr.write(
    'phasegate: this copy of @phasegate/cli has not been built (dist/index.js is missing).\nIn the phasegate repository, run `npm run build`; otherwise reinstall @phasegate/cli.\n',
  );
  process.exit(70);
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Read only by a command given `-`: making process.stdin opens the stream, which costs a
  // noticeable part of start-up, so it is made when asked for.
  get stdin() {
    return process.stdin;
  },
  cwd: process.cwd(),
  env: process.env,
});
