/**
 * Loads the app's server modules (lib/db, lib/data, lib/auth) outside Next.
 *
 * They start with `import "server-only"`: a marker that Next's bundler
 * resolves itself (to an empty module on the server; a build error in a
 * client component). Plain Node has no such package, so a tsx script that
 * reads through lib/data imports this file first: the marker then resolves
 * to Next's empty module, as jest maps it (jest.config.mjs).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose: it patches require()'s resolver before the app loads
const Module = require("node:module");

const EMPTY = require.resolve("next/dist/compiled/server-only/empty.js");
const resolve = Module._resolveFilename;

Module._resolveFilename = function (request, ...rest) {
  return request === "server-only" ? EMPTY : resolve.call(this, request, ...rest);
};
