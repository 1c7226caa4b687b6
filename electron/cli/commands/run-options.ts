import type { ConnectionOptions } from '../args';
import type { CliIo } from '../cli-io';

/** The command to type after Ctrl-C, with the options that matter to find the same queue and credentials. */
export function resumeHint(connection: ConnectionOptions, json: boolean): string {
  const parts = ['vod-upload resume'];
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  if (connection.dataDir !== undefined) parts.push('--data-dir', quote(connection.dataDir));
  if (connection.profile !== undefined) parts.push('--profile', quote(connection.profile));
  if (connection.region !== 'cn-shanghai') parts.push('--region', quote(connection.region));
  if (connection.endpoint !== undefined) parts.push('--endpoint', quote(connection.endpoint));
  if (json) parts.push('--json');
  return parts.join(' ');
}

/** Test hook: integration tests shorten stall detection through VOD_UPLOADER_STALL_TIMEOUT_MS. */
export function stallOverride(io: CliIo): { stallTimeoutMs?: number } {
  const raw = Number(io.env['VOD_UPLOADER_STALL_TIMEOUT_MS']);
  return Number.isInteger(raw) && raw > 0 ? { stallTimeoutMs: raw } : {};
}
