#!/usr/bin/env node
// Launcher of the `mirador` command: rebuilds out/ when sources changed (for commands that show the UI), then runs out/main/cli.js.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const appRoot = path.resolve(__dirname, '..', '..');
const cliEntry = path.join(appRoot, 'out', 'main', 'cli.js');
/** Every file a build writes that a command relies on; the oldest of them must be newer than every source. */
const BUILD_OUTPUTS = ['out/main/cli.js', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html'];
const SOURCE_DIRS = ['main', 'renderer', 'extensions'];
const SOURCE_FILES = ['electron.vite.config.ts', 'package.json'];
/** Commands that serve the UI and so need a build as fresh as the sources; the others only need one to exist. */
const COMMANDS_NEEDING_FRESH_BUILD = new Set(['start', 'web']);

function newestSourceMtime() {
  let newest = 0;
  const visit = (entry) => {
    let stat;
    try {
      stat = fs.statSync(entry);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(entry, name));
      }
    } else if (stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const name of [...SOURCE_DIRS, ...SOURCE_FILES]) visit(path.join(appRoot, name));
  return newest;
}

function oldestOutputMtime() {
  let oldest = Infinity;
  for (const output of BUILD_OUTPUTS) {
    try {
      oldest = Math.min(oldest, fs.statSync(path.join(appRoot, output)).mtimeMs);
    } catch {
      return 0;
    }
  }
  return oldest;
}

function buildIsNeeded(command) {
  if (process.env.MIRADOR_SKIP_BUILD_CHECK === '1') return false;
  if (!fs.existsSync(cliEntry)) return true;
  return COMMANDS_NEEDING_FRESH_BUILD.has(command) && oldestOutputMtime() < newestSourceMtime();
}

function build() {
  let electronVite;
  try {
    // Only package.json is exported, so the bin script is found through it.
    const manifest = require.resolve('electron-vite/package.json', { paths: [appRoot] });
    electronVite = path.join(path.dirname(manifest), require(manifest).bin['electron-vite']);
  } catch {
    process.stderr.write('mirador: the build is missing or outdated and electron-vite is not installed; run `npm install` in ' + appRoot + '.\n');
    process.exit(1);
  }
  process.stderr.write('Mirador: building (first start or sources changed)…\n');
  // Build output goes to stderr: stdout carries only what commands print for other programs to read.
  const result = spawnSync(process.execPath, [electronVite, 'build'], { cwd: appRoot, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    process.stderr.write('mirador: the build failed (see above).\n');
    process.exit(result.status || 1);
  }
}

const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (buildIsNeeded(command)) build();
require(cliEntry);
