// Preloaded (`node --require`) into a child process that runs a packaged app's main bundle from a copy of the
// extracted app.asar, outside the repository. It stands in for 'electron' only: every other module must
// resolve inside the copy, so a dependency that was not packaged fails here exactly as "Cannot find module"
// would in the shipped app. The stub Electron records what start-up asked of it and, when the app exits,
// writes that to the file named by PACKAGED_REPORT and ends the process with the app's exit code.
'use strict';
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const appRoot = fs.realpathSync(process.env.PACKAGED_APP_ROOT);
const resourcesPath = fs.realpathSync(process.env.PACKAGED_RESOURCES);
const scratch = process.env.PACKAGED_SCRATCH;
const reportFile = process.env.PACKAGED_REPORT;
const packageJson = JSON.parse(fs.readFileSync(path.join(appRoot, 'package.json'), 'utf8'));

const report = {
  appName: null,
  errorBoxes: [],
  exitCode: null,
  lockReleased: false,
  outsidePackage: [],
  loaded: [],
};

function finish(code) {
  report.exitCode = code;
  report.loaded = Object.keys(require.cache);
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
  process.exit(code);
}

// Electron names the app after package.json's productName (falling back to name): the data folder follows.
const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getName: () => packageJson.productName || packageJson.name,
  getVersion: () => packageJson.version,
  getAppPath: () => appRoot,
  getPath: (name) => path.join(scratch, name === 'userData' ? app.getName() : name),
  setPath: () => undefined,
  requestSingleInstanceLock: () => true,
  releaseSingleInstanceLock: () => {
    report.lockReleased = true;
  },
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  quit: () => finish(0),
  exit: (code = 0) => finish(code),
});
report.appName = app.getName();

const electronStub = {
  app,
  dialog: {
    showErrorBox: (title, content) => report.errorBoxes.push({ title, content }),
  },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
};

process.resourcesPath = resourcesPath;

const originalLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'electron') return electronStub;
  return originalLoad.call(this, request, parent, isMain);
};

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveFilename(request, parent, isMain, options) {
  const resolved = originalResolve.call(this, request, parent, isMain, options);
  if (path.isAbsolute(resolved) && !resolved.startsWith(appRoot + path.sep) && resolved !== __filename) {
    report.outsidePackage.push(`${request} -> ${resolved}`);
    throw new Error(`${request} resolved outside the packaged app: ${resolved}`);
  }
  return resolved;
};

setTimeout(() => {
  report.errorBoxes.push({ title: 'harness', content: 'the app neither started nor exited within 20 s' });
  finish(99);
}, 20_000).unref();
