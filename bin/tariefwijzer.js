#!/usr/bin/env node
'use strict';
const { configureHeap } = require('../build/cli/heap.js');
const { main } = require('../build/cli/main.js');

configureHeap();

/**
 * Exit only when everything written has reached stdout and stderr. process.exit() right after a large write
 * to a pipe cuts the output (a pipe takes 64 KiB at a time and the rest is still queued): a write's callback
 * runs once that write, and every write before it, has been handed to the pipe.
 */
function exitWhenWritten(code) {
  process.exitCode = code;
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }).then(exitWhenWritten, (e) => {
  // Never a stack trace for the user; TARIEFWIJZER_DEBUG=1 shows it for whoever fixes the bug.
  process.stderr.write('Onverwachte fout in Tariefwijzer; er is niets geschreven. Meld dit met de opdracht die u gaf.\n');
  if (process.env.TARIEFWIJZER_DEBUG) process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  exitWhenWritten(1);
});
