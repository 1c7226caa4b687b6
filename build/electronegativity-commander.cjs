// Preloaded (node --require) into Electronegativity by security-scan.mjs. Electronegativity requires
// 'commander' without declaring it: it worked because npm hoisted commander@5 (from @electron/asar, which
// Electronegativity does declare) to the top of node_modules. The CLI's own commander@14 is the top-level one
// now, and its API differs. This hands Electronegativity, and only it, the commander its code was written for.
const Module = require('node:module');
const { dirname, sep } = require('node:path');

const asarDir = dirname(require.resolve('@electron/asar'));
const commanderForAsar = require.resolve('commander', { paths: [asarDir] });
const marker = `${sep}@doyensec${sep}electronegativity${sep}`;
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'commander' && parent?.filename?.includes(marker)) return commanderForAsar;
  return resolveFilename.call(this, request, parent, ...rest);
};
