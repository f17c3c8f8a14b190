// NestJS 12 and some of its dependencies ship as ES modules. Node 20 loads them with require(esm), but jest's
// module system only does so on Node >= 24.9, so under jest they are transpiled to CommonJS here. Files without
// ESM syntax pass through untouched, so the jest config can route all of node_modules through this cheaply.
const crypto = require('node:crypto');
const ts = require('typescript');

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s)/m;

module.exports = {
  process(source, filename) {
    if (!ESM_SYNTAX.test(source)) return { code: source };
    const patched = source
      // CommonJS already has `require`; redeclaring it is a SyntaxError.
      .replace(/^const require = createRequire\(import\.meta\.url\);?$/m, '')
      .replace(/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href");
    const { outputText } = ts.transpileModule(patched, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, allowJs: true, esModuleInterop: true },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update('esm-to-cjs-3').update(filename).update(source).digest('hex');
  },
};
