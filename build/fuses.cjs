// Electron's fuses: compiled-in switches in the Electron binary that no command line or environment variable
// can turn back on. The packaging hook (after-pack.cjs) sets every one of them, explicitly, before signing.
//
// Electron 45 carries 9 fuses; @electron/fuses 2.1+ knows all 9 (1.8 knew 8 and made `strictlyRequireAllFuses`
// throw on a current binary). Instead of relying on that flag, flipElectronFuses reads the wire in the binary
// first and refuses, with the fix in the message, when the binary has a fuse this file has not decided.
const { FuseV1Options, FuseVersion, FuseState, flipFuses, getCurrentFuseWire } = require('@electron/fuses');

/** One decision per fuse, in wire order (the index is the fuse's position in the binary's fuse wire). */
const FUSE_DECISIONS = [
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node interpreter.
  [FuseV1Options.RunAsNode, false],
  // Chromium's cookie store encrypted with the OS keychain key (the app keeps no cookies, but it costs nothing).
  [FuseV1Options.EnableCookieEncryption, true],
  // NODE_OPTIONS and --inspect would let anyone inject code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, false],
  [FuseV1Options.EnableNodeCliInspectArguments, false],
  // The app code is read only from app.asar, and app.asar must match the hash embedded at packaging
  // (enforced on macOS and Windows; Linux has no embedded-integrity support yet).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, true],
  [FuseV1Options.OnlyLoadAppFromAsar, true],
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, false],
  // The renderer is served from app://, so file:// needs none of its legacy privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges, false],
  // On (Electron's default): CRC-64 and MD5 run in WebAssembly (hash-wasm) for every uploaded byte, and the
  // trap handlers spare V8 its inline bounds checks.
  [FuseV1Options.WasmTrapHandlers, true],
];

/** The @electron/fuses configuration: every decided fuse set, nothing left to inherit. */
const FUSES = {
  version: FuseVersion.V1,
  ...Object.fromEntries(FUSE_DECISIONS),
};

/**
 * The binary's fuse wire, or null when it has none (a stub Electron distribution, as the offline packaging
 * test uses: such a file cannot run, and there is nothing to flip).
 */
async function readFuseWire(binary) {
  try {
    return await getCurrentFuseWire(binary);
  } catch (e) {
    if (/Could not find sentinel/i.test(String(e && e.message))) return null;
    throw e;
  }
}

/**
 * Sets every fuse of the binary as decided above, then reads the wire back to prove it. Throws when the binary
 * has more fuses than are decided here (a newer Electron: decide the new one above, updating @electron/fuses if
 * it does not know it yet) or fewer (an older Electron than package.json names).
 */
async function flipElectronFuses(binary, { resetAdHocDarwinSignature = false } = {}) {
  const wire = await readFuseWire(binary);
  if (wire === null)
    return { flipped: false, reason: `no fuse wire in ${binary} (not a real Electron binary)` };
  const length = Object.keys(wire).filter((key) => key !== 'version').length;
  if (length !== FUSE_DECISIONS.length) {
    throw new Error(
      `This Electron binary has ${length} fuses; build/fuses.cjs decides ${FUSE_DECISIONS.length}. ` +
        (length > FUSE_DECISIONS.length
          ? 'Decide the new fuse there (see https://www.electronjs.org/docs/latest/tutorial/fuses), updating @electron/fuses if it does not name it yet.'
          : 'The binary is older than the Electron version in package.json.'),
    );
  }
  await flipFuses(binary, { ...FUSES, strictlyRequireAllFuses: true, resetAdHocDarwinSignature });
  const after = await getCurrentFuseWire(binary);
  for (const [fuse, on] of FUSE_DECISIONS) {
    const want = on ? FuseState.ENABLE : FuseState.DISABLE;
    if (after[fuse] !== want && after[fuse] !== FuseState.REMOVED) {
      throw new Error(`fuse ${FuseV1Options[fuse]} reads ${after[fuse]} after flipping, expected ${want}`);
    }
  }
  return { flipped: true, count: length };
}

module.exports = { FUSE_DECISIONS, FUSES, flipElectronFuses, readFuseWire };
