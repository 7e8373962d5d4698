#!/usr/bin/env node
/**
 * `pnpm start`: builds everything quietly (its output is shown only if the build fails), then
 * runs the server until Ctrl-C or SIGTERM, which stop it cleanly (exit code 0, one line).
 * The server prints its banner when it is ready; log lines below warnings are left out unless
 * LOG_LEVEL is set. `--no-build` starts what was built last.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverDir = fileURLToPath(new URL('../packages/server/', import.meta.url));
const say = (line) => process.stdout.write(`${line}\n`);

let child = null;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // A terminal's Ctrl-C reaches the whole process group; pass it on for any other sender.
    if (child && child.exitCode === null) child.kill(signal);
    else finish(0);
  });
}

function finish(code) {
  say(code === 0 ? 'open-ers stopped.' : `open-ers stopped with an error (exit code ${code}).`);
  process.exit(code);
}

/** Runs a command with its output collected; prints it only if the command fails. */
function quietly(command, args) {
  return new Promise((resolve) => {
    // A production build whatever NODE_ENV the shell has (a test runner sets `test`).
    const env = { ...process.env, NODE_ENV: 'production' };
    const run = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = run;
    let output = '';
    run.stdout.on('data', (chunk) => (output += chunk));
    run.stderr.on('data', (chunk) => (output += chunk));
    run.on('close', (code, signal) => {
      child = null;
      if (stopping) finish(0);
      if (code !== 0) {
        process.stderr.write(output);
        say(`The build failed (${signal ?? `exit code ${code}`}); its output is above.`);
        process.exit(1);
      }
      resolve();
    });
  });
}

if (!process.argv.includes('--no-build')) {
  say('Building open-ers (the domain rules, the API server and the web app)…');
  await quietly('pnpm', ['-r', 'build']);
}
say('Starting the server (the first start creates the database and loads the demo data)…');
child = spawn(process.execPath, ['dist/main.js'], {
  cwd: serverDir,
  stdio: 'inherit',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' },
});
child.on('exit', (code, signal) => {
  // Stopped by Ctrl-C or SIGTERM: a clean stop, unless the server failed while stopping.
  if (stopping || signal === 'SIGINT' || signal === 'SIGTERM') finish(code ?? 0);
  else finish(code ?? 1);
});
