// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is signed.
// Fuses are compiled-in switches that no command line or environment variable can turn back on.
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');
const { Arch } = require('builder-util');

/** The fuse settings, exported so a unit test can check them without packaging. */
const FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookie store encrypted with the OS keychain key (the app keeps no cookies, but it costs nothing).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS and --inspect would let anyone inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app code is read only from app.asar, and app.asar must match the hash embedded at packaging.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The renderer is served from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Path of the Electron binary electron-builder produced for this platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const binary = electronBinary(context);
  // Arm64 macOS refuses to run a binary whose ad-hoc signature no longer matches; re-sign it ad hoc here
  // (the real signature is applied afterwards when a certificate is configured).
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64;
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
  console.log(`  • fuses flipped     ${path.basename(binary)}`);
}

module.exports = { afterPack, FUSES, electronBinary };
