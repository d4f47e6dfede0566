#!/usr/bin/env node
'use strict';
const { main } = require('../build/cli/main.js');

main(process.argv.slice(2), { out: (t) => console.log(t), err: (t) => console.error(t) }).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`Onverwachte fout: ${e && e.stack ? e.stack : e}`);
    process.exit(1);
  },
);
