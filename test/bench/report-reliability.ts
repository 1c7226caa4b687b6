import type { KindAudit, MediaAudit } from './lib/media-audit';
import { MiB, round } from './lib/units';
import type { KillAnywhereResult } from './sections/kill-anywhere';
import type { SoakResult } from './sections/reliability';

const pct = (part: number, whole: number): string => `${round((100 * part) / whole, 1)}%`;

function label(row: KindAudit, total: boolean): string {
  return total ? '**all**' : row.kind;
}

function owed(audit: MediaAudit): string {
  const { atIdle, afterDrain } = audit.ledger;
  return `${atIdle.deletions} deletions, ${atIdle.intents} unsaved creates when idle; ${afterDrain.deletions} and ${afterDrain.intents} after the retries`;
}

function calls(c: Record<string, number>, names: readonly string[]): string {
  return names.map((n) => `${n} ${c[n] ?? 0}`).join(', ');
}

const CLEANUP_CALLS = [
  'SearchMedia',
  'DeleteVideo',
  'DeleteImage',
  'DeleteAttachedMedia',
  'DeleteMultipartUpload',
] as const;

/** The reliability tables (Markdown lines): kill -9 anywhere per kind, and the fault soak per kind. */
export function reliabilityTables(kill: KillAnywhereResult | null, soak: SoakResult | null): string[] {
  const lines: string[] = [];
  if (kill !== null) {
    const a = kill.audit;
    lines.push(
      `Kill -9 anywhere: ${kill.killsLanded} kills landed of ${kill.cycles} cycles (${kill.killsAfterCreate} right after a CreateUpload* answer, before it was saved), seed ${kill.seed}; then one run to the end. Clean: ${a.clean ? 'yes' : '**no**'}.`,
    );
    lines.push('');
    lines.push(
      '| kind | files | done, CRC ok | one live media | kills mid-work | kills after its create | orphan media | Uploading | open uploads |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of [...a.kinds, a.total]) {
      const total = row === a.total;
      const k = kill.perKind.find((p) => p.kind === row.kind);
      const mid = total ? kill.killsLanded : (k?.midWork ?? 0);
      const after = total ? kill.killsAfterCreate : (k?.afterCreate ?? 0);
      lines.push(
        `| ${label(row, total)} | ${row.files} | ${row.doneWithCrc} | ${row.oneLiveMedia} | ${mid} | ${after} | ${row.orphanMedia} | ${row.uploading} | ${row.openUploads} |`,
      );
    }
    lines.push('');
    lines.push(
      `Ledger: ${owed(a)}. Cleanup calls: ${calls(kill.calls, CLEANUP_CALLS)}. Bytes received ${round(kill.bytesReceived / MiB, 1)} MiB for ${round(kill.bytesTotal / MiB, 1)} MiB of files. Wall ${round(kill.wallMs / 1000, 0)} s (last run ${round(kill.finalRunMs / 1000, 1)} s).`,
    );
    if (a.errors.length > 0) lines.push('', `Errors: ${a.errors.join('; ')}`);
  }
  if (soak !== null) {
    const a = soak.audit;
    const f = soak.faults;
    if (lines.length > 0) lines.push('');
    lines.push(
      `Fault soak: ${soak.files} files (${round(100 * f.errorRate, 0)}% 500/503 answers, ${round(100 * f.resetRate, 0)}% resets, ${round(100 * f.stallRate, 0)}% stalls, ${f.stsTtl} s credentials), seed ${soak.seed}. Clean: ${a.clean ? 'yes' : '**no**'}.`,
    );
    lines.push('');
    lines.push(
      '| kind | files | done, CRC ok | one live media | failed / stuck | duplicate objects | orphan media | Uploading | open uploads |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const row of [...a.kinds, a.total]) {
      lines.push(
        `| ${label(row, row === a.total)} | ${row.files} | ${row.doneWithCrc} | ${row.oneLiveMedia} | ${row.failed} / ${row.stuck} | ${row.duplicateObjects} | ${row.orphanMedia} | ${row.uploading} | ${row.openUploads} |`,
      );
    }
    const c = soak.calls;
    const creates = (c['CreateUploadImage'] ?? 0) + (c['CreateUploadAttachedMedia'] ?? 0);
    lines.push('');
    lines.push(
      `Ledger: ${owed(a)}. Credential refreshes (RefreshUploadVideo) ${c['RefreshUploadVideo'] ?? 0}; CreateUploadVideo ${c['CreateUploadVideo'] ?? 0}, image and attached creates ${creates}; cleanup calls: ${calls(c, CLEANUP_CALLS)}. Bytes re-sent ${round((soak.bytesReceived - soak.bytesTotal) / MiB, 1)} MiB (${pct(soak.bytesReceived - soak.bytesTotal, soak.bytesTotal)} of ${round(soak.bytesTotal / MiB, 0)} MiB). Wall ${round(soak.wallMs / 1000, 0)} s.`,
    );
    if (a.errors.length > 0) lines.push('', `Errors: ${a.errors.slice(0, 10).join('; ')}`);
  }
  return lines;
}
