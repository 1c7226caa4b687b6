import { describe, expect, it } from 'vitest';
import { classifyFile, extensionOf } from '../../../shared/logic/classify-file';

describe('classify by extension', () => {
  it.each([
    ['A001.MOV', 'video', null],
    ['clip.mp4', 'video', null],
    ['reel.mkv', 'video', null],
    ['take.MTS', 'video', null],
    ['voice.mp3', 'video', null],
    ['mix.wav', 'video', null],
    ['song.flac', 'video', null],
    ['still.PNG', 'image', null],
    ['photo.jpeg', 'image', null],
    ['loop.gif', 'image', null],
    ['subs.srt', 'attached', 'subtitle'],
    ['subs.vtt', 'attached', 'subtitle'],
    ['logo.apng', 'attached', 'watermark'],
    ['kit.zip', 'attached', 'material'],
  ] as const)('%s → %s %s', (name, kind, businessType) => {
    expect(classifyFile(name)).toEqual({ kind, businessType });
  });

  it('sends what a watermark batch accepts as watermark, and leaves the rest as usual', () => {
    expect(classifyFile('logo.png', 'watermark')).toEqual({ kind: 'attached', businessType: 'watermark' });
    expect(classifyFile('bug.mov', 'watermark')).toEqual({ kind: 'attached', businessType: 'watermark' });
    expect(classifyFile('A001.mp4', 'watermark')).toEqual({ kind: 'video', businessType: null });
    expect(classifyFile('subs.srt', 'material')).toEqual({ kind: 'attached', businessType: 'subtitle' });
    expect(classifyFile('A001.mp4', 'material')).toEqual({ kind: 'attached', businessType: 'material' });
  });

  it('refuses what VOD does not take, with the reason', () => {
    expect(classifyFile('notes.docx')).toEqual({ kind: null, reason: '.docx files are not accepted by VOD' });
    expect(classifyFile('photo.heic')).toEqual({ kind: null, reason: '.heic files are not accepted by VOD' });
    expect(classifyFile('README')).toEqual({
      kind: null,
      reason: 'no file extension, so VOD cannot tell its type',
    });
  });

  it('reads the extension after the last dot only', () => {
    expect(extensionOf('a.b.MOV')).toBe('mov');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('trailing.')).toBe('');
  });
});
