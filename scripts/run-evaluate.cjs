#!/usr/bin/env node
/**
 * Fast start for the evaluation command (`npm run --silent evaluate -- FILE`).
 *
 * Running scripts/evaluate.ts through tsx costs about a second per call, and
 * the command is run once per case. So this launcher bundles
 * scripts/evaluate.ts (with lib/clinical, lib/validation and zod) into one
 * plain CommonJS file with esbuild, and then only loads that file.
 *
 * The bundle lives in node_modules/.cache/knee-clinic/ (never committed). It
 * is built on first use after `npm ci`, and rebuilt whenever any file it was
 * built from has changed size or modification time (the list comes from
 * esbuild's metafile), so it cannot go stale. Concurrent first runs are safe: each writes its own
 * temporary file and renames it into place atomically.
 *
 * esbuild is installed as a dependency of tsx. If bundling is impossible, the
 * launcher falls back to tsx (slow but correct).
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS launcher, kept plain JS so Node runs it directly */

const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const ENTRY = path.join(ROOT, "scripts", "evaluate.ts");
const CACHE_DIR = path.join(ROOT, "node_modules", ".cache", "knee-clinic");
const BUNDLE = path.join(CACHE_DIR, "evaluate.cjs");
const INPUTS = path.join(CACHE_DIR, "evaluate.inputs.json");

/** Size and modification time of a file, to notice any change to it. */
function fingerprint(file) {
  const st = fs.statSync(path.join(ROOT, file));
  return `${st.size}:${st.mtimeMs}`;
}

/**
 * The files whose change must rebuild the bundle: our own sources, and for
 * each package bundled from node_modules its package.json (npm gives every
 * installed file the same old mtime, so a new version shows in package.json).
 */
function watchedFiles(metafileInputs) {
  const files = new Set();
  for (const input of metafileInputs) {
    const m = /^(node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    files.add(m ? `${m[1]}/package.json` : input);
  }
  return [...files];
}

/** True when the bundle exists and none of the files it was built from changed since. */
function bundleIsFresh() {
  let recorded;
  try {
    fs.accessSync(BUNDLE);
    recorded = JSON.parse(fs.readFileSync(INPUTS, "utf8"));
  } catch {
    return false;
  }
  if (typeof recorded !== "object" || recorded === null || Object.keys(recorded).length === 0) return false;
  for (const [file, print] of Object.entries(recorded)) {
    try {
      if (fingerprint(file) !== print) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function loadEsbuild() {
  try {
    return require("esbuild");
  } catch {
    // Not hoisted: take the copy tsx depends on.
    const { createRequire } = require("node:module");
    return createRequire(require.resolve("tsx/package.json"))("esbuild");
  }
}

function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** Bundles scripts/evaluate.ts; returns the code and the files to watch. */
function build() {
  const esbuild = loadEsbuild();
  const result = esbuild.buildSync({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    keepNames: true,
    legalComments: "none",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output");
  const recorded = {};
  for (const file of watchedFiles(Object.keys(result.metafile.inputs))) recorded[file] = fingerprint(file);
  return { code: output.text, recorded };
}

/** Runs bundle code that could not be saved (read-only node_modules). */
function loadFromText(code) {
  const Module = require("node:module");
  const m = new Module(BUNDLE, module);
  m.filename = BUNDLE;
  m.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  m._compile(code, BUNDLE);
  return m.exports;
}

function loadCli() {
  if (bundleIsFresh()) return require(BUNDLE);
  let built;
  try {
    built = build();
  } catch {
    // No esbuild: compile on the fly with tsx (slow but correct).
    require("tsx/cjs");
    return require(ENTRY);
  }
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    writeAtomically(BUNDLE, built.code);
    writeAtomically(INPUTS, JSON.stringify(built.recorded));
  } catch {
    return loadFromText(built.code);
  }
  return require(BUNDLE);
}

const { runEvaluateCli } = loadCli();
process.exitCode = runEvaluateCli(
  process.argv.slice(2),
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
);
