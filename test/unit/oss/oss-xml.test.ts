import { describe, expect, it } from 'vitest';
import { completeBody, parseErrorXml, parseListPartsPage } from '../../../electron/core/oss/oss-xml';

describe('OSS XML', () => {
  it('reads a single listed part as an array, with numbers and quoted ETag', () => {
    const page = parseListPartsPage(
      '<ListPartsResult><IsTruncated>false</IsTruncated><NextPartNumberMarker>1</NextPartNumberMarker>' +
        '<Part><PartNumber>1</PartNumber><ETag>"3349DC70"</ETag><Size>6291456</Size></Part></ListPartsResult>',
    );
    expect(page).toEqual({
      parts: [{ partNumber: 1, etag: '"3349DC70"', size: 6291456 }],
      isTruncated: false,
      nextPartNumberMarker: '1',
    });
  });

  it('decodes quotes escaped as named or numeric entities', () => {
    const page = parseListPartsPage(
      '<ListPartsResult><IsTruncated>false</IsTruncated>' +
        '<Part><PartNumber>1</PartNumber><ETag>&#34;A&#34;</ETag><Size>1</Size></Part>' +
        '<Part><PartNumber>2</PartNumber><ETag>&quot;B&quot;</ETag><Size>1</Size></Part></ListPartsResult>',
    );
    expect(page.parts.map((p) => p.etag)).toEqual(['"A"', '"B"']);
  });

  it('reads truncation and many parts', () => {
    const page = parseListPartsPage(
      '<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker>' +
        '<Part><PartNumber>1</PartNumber><ETag>"A"</ETag><Size>1</Size></Part>' +
        '<Part><PartNumber>2</PartNumber><ETag>"B"</ETag><Size>2</Size></Part></ListPartsResult>',
    );
    expect(page.isTruncated).toBe(true);
    expect(page.parts.map((p) => p.partNumber)).toEqual([1, 2]);
  });

  it('reads error fields', () => {
    expect(
      parseErrorXml(
        '<?xml version="1.0"?><Error><Code>NoSuchUpload</Code><Message>gone</Message><RequestId>R1</RequestId></Error>',
      ),
    ).toMatchObject({ Code: 'NoSuchUpload', Message: 'gone', RequestId: 'R1' });
    expect(parseErrorXml('not xml')).toBeUndefined();
  });

  it('writes the Complete body ascending with quotes kept', () => {
    const xml = completeBody([
      { partNumber: 2, etag: '"B"' },
      { partNumber: 1, etag: '"A"' },
    ]);
    expect(xml).toContain(
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"A"</ETag></Part>' +
        '<Part><PartNumber>2</PartNumber><ETag>"B"</ETag></Part></CompleteMultipartUpload>',
    );
  });
});
