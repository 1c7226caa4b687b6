import { describe, expect, it } from 'vitest';
import { exportHistory, historyToCsv, historyToJson } from '../../../electron/core/queue/history-export';
import type { HistoryRow } from '../../../shared/domain/history';

const row = (over: Partial<HistoryRow> = {}): HistoryRow => ({
  id: 'j1',
  mediaId: 'a1b2c3',
  kind: 'video',
  title: 'Day 1',
  path: '/m/Day1/A001.mov',
  name: 'A001.mov',
  size: 1024,
  profileId: 'p1',
  profileName: 'Studio',
  finishedAt: Date.UTC(2026, 10, 21, 10, 0, 0),
  vodStatus: 'Normal',
  crc64: '18446744073709551615',
  tags: [],
  relativeDir: 'Day1',
  duration: null,
  coverUrl: null,
  ...over,
});

describe('history CSV', () => {
  it('starts with a UTF-8 BOM, has a header, and ends rows with CRLF', () => {
    const csv = historyToCsv([row()]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Media ID,Kind,Title,File name,Folder,Path,Size (bytes),Profile,Finished (UTC),VOD status,CRC-64,Tags,Duration (s),Cover URL',
      'a1b2c3,video,Day 1,A001.mov,Day1,/m/Day1/A001.mov,1024,Studio,2026-11-21T10:00:00.000Z,Normal,18446744073709551615,,,',
      '',
    ]);
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps Chinese as is', () => {
    const csv = historyToCsv([
      row({ title: '第一天, "好" 镜头\n第二行', name: '素材.mov', profileName: null }),
    ]);
    const line = csv.slice(1).split('\r\n').slice(1).join('\r\n');
    expect(line).toBe(
      'a1b2c3,video,"第一天, ""好"" 镜头\n第二行",素材.mov,Day1,/m/Day1/A001.mov,1024,,2026-11-21T10:00:00.000Z,Normal,18446744073709551615,,,\r\n',
    );
  });

  it('defuses cells Excel would run as formulas', () => {
    const csv = historyToCsv([row({ title: '=HYPERLINK("x")', name: '@cmd.mov' })]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(`,'@cmd.mov,`);
  });
});

describe('history JSON and export', () => {
  it('exports rows with an ISO date beside the epoch', () => {
    const parsed = JSON.parse(historyToJson([row()])) as unknown[];
    expect(parsed).toEqual([{ ...row(), finishedAtIso: '2026-11-21T10:00:00.000Z' }]);
  });

  it('names the file by format and time', () => {
    const at = new Date(Date.UTC(2026, 10, 21, 9, 8, 7));
    expect(exportHistory([], 'csv', at)).toMatchObject({
      fileName: 'vod-history-2026-11-21-09-08-07.csv',
      mimeType: 'text/csv;charset=utf-8',
    });
    expect(exportHistory([], 'json', at)).toMatchObject({
      fileName: 'vod-history-2026-11-21-09-08-07.json',
      mimeType: 'application/json',
      content: '[]\n',
    });
  });
});
