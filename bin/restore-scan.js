#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
import { setFlagsFromString } from 'node:v8';

// A scan's live data is small (tens of MB), but it makes garbage for every address it asks about, and V8's
// default policy lets the old generation grow to several times the live size before collecting. Capping each
// growth step at 20 % keeps a big scan small: 100,000 addresses peak at ~200 MB with one worker instead of
// ~330 MB. Measured against V8's memory-saving mode (`--optimize-for-size`, used before), which saves about as
// much but costs ~8-10 % of wall time on the scan bench (its smaller young generation and eager collections
// keep V8's GC threads busy on the cores the scan needs); this costs ~3 % (bench/README.md). Set before
// anything is loaded, so every isolate (the derivation workers too) runs under it.
setFlagsFromString('--heap-growing-percent=20');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
