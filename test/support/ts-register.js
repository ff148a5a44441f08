'use strict';
/**
 * Minimal require hook so a child Node process can run the project's
 * TypeScript directly: `node -r ./test/support/ts-register.js file.ts`.
 * Compiles each `.ts` file on load with `typescript.transpileModule` (no type
 * checking) and maps `@ikrar/<lib>` to `libs/<lib>/src`, like jest's moduleNameMapper.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  inlineSourceMap: true,
};

const originalResolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveIkrarAlias(request, parent, isMain, options) {
  const alias = /^@ikrar\/([^/]+)(\/.*)?$/.exec(request);
  if (alias) {
    request = path.join(root, 'libs', alias[1], 'src', alias[2] || '');
  }
  return originalResolveFilename.call(this, request, parent, isMain, options);
};

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { fileName: filename, compilerOptions });
  module._compile(outputText, filename);
};
