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

// Transpiled output is cached on disk by content, so the many child processes of a test (the CLI,
// the crash test, the benchmark's smoke run) do not each transpile the whole app again.
const cacheDir = path.join(require('node:os').tmpdir(), `ikrar-ts-register-${ts.version}`);
const optionsKey = JSON.stringify(compilerOptions);

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = require('node:crypto').createHash('sha256').update(optionsKey).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    outputText = ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const temporary = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, outputText);
      fs.renameSync(temporary, cached);
    } catch {
      /* caching is an optimisation only */
    }
  }
  module._compile(outputText, filename);
};
