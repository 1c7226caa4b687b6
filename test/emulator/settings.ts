import { z } from 'zod';

/** Settings that can change while the emulator runs (POST /__emulator/faults), all camelCase. */
export const faultSettingsSchema = z
  .object({
    /** Fraction of VOD and OSS requests answered 500 InternalError or 503 ServiceUnavailable. */
    errorRate: z.number().min(0).max(1),
    /** Fraction of PutObject/UploadPart requests whose connection is destroyed mid-body. */
    resetRate: z.number().min(0).max(1),
    /** Fraction of requests accepted and then never read nor answered. */
    stallRate: z.number().min(0).max(1),
    /** Fraction of VOD calls answered with Throttling. */
    throttleRate: z.number().min(0).max(1),
    /** Cap on the total upload body throughput, bytes/s; 0 = unlimited. */
    bandwidth: z.number().min(0),
    /** Cap per TCP connection, bytes/s (WAN-like); 0 = unlimited. */
    perConnectionBandwidth: z.number().min(0),
    /** Delay before every response, ms. */
    latency: z.number().min(0),
    /** Server clock offset, seconds (positive = server ahead). */
    skew: z.number(),
    /** Life of the upload credentials VOD issues, seconds. */
    stsTtl: z.number().positive(),
    /** Time for each of UploadSucc→Transcoding and Transcoding→Normal, ms. */
    transcodeDelay: z.number().min(0),
    /**
     * What an upload credential may do on its own object key. `narrow`: only the writes VOD's upload SDKs
     * make (PutObject, Initiate, UploadPart, Complete, Abort); `broad`: also ListParts, HeadObject,
     * GetObjectMeta, GetObject and ListMultipartUploads (prefix = the key).
     */
    uploadPolicy: z.enum(['narrow', 'broad']),
    /** RefreshUploadVideo of a video not yet uploaded hands out a new object key (the old one stays as it is). */
    refreshNewKey: z.boolean(),
    /** Answers carry no x-oss-hash-crc64ecma header (and ListParts no HashCrc64ecma), as for objects without CRC. */
    omitCrc64: z.boolean(),
    /**
     * Accept OSS signature V1 (the legacy case: accounts and buckets from before V1 was closed). Off: V1 is
     * refused with 403 AccessDenied, EC 0002-00000080, as OSS answers accounts and buckets without V1.
     */
    allowV1: z.boolean(),
  })
  .strict();

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const faultPatchSchema = faultSettingsSchema.partial().strict();
export type FaultPatch = z.infer<typeof faultPatchSchema>;

export const DEFAULT_SETTINGS: FaultSettings = {
  errorRate: 0,
  resetRate: 0,
  stallRate: 0,
  throttleRate: 0,
  bandwidth: 0,
  perConnectionBandwidth: 0,
  latency: 0,
  skew: 0,
  stsTtl: 3000,
  transcodeDelay: 500,
  // What VOD's own upload SDKs need; the engine resumes and settles without reads (broad is the option).
  uploadPolicy: 'narrow',
  refreshNewKey: false,
  omitCrc64: false,
  allowV1: false,
};

export interface EmulatorOptions extends Partial<FaultSettings> {
  /** VOD (and control) port; 0 = any free port. */
  readonly port?: number;
  /** OSS port; 0 = any free port (default). */
  readonly ossPort?: number;
  readonly host?: string;
  /** Where object data is kept; a temp dir (removed on stop) when absent. Ignored with `sink`. */
  readonly dataDir?: string;
  /** Keep only size, MD5 and CRC-64 of bodies, never the bytes. */
  readonly sink?: boolean;
  /**
   * For the bench: hash bodies with the engine's WebAssembly CRC-64 and compute MD5 only for a request that
   * sends Content-MD5 (ETags are then made from the CRC-64, not the MD5), so that on loopback the emulator's
   * hashing is not what limits the clients being compared.
   */
  readonly fastHash?: boolean;
  readonly seed?: number;
  readonly regionId?: string;
  /** OSS over HTTPS with a throwaway certificate made at start (`config.ossCaFile`); default true. */
  readonly https?: boolean;
  /**
   * The UploadAddress endpoint is `oss-<region>.localhost`: clients address `bucket.oss-<region>.localhost`;
   * default true (false: 127.0.0.1, path-style).
   */
  readonly virtualHosted?: boolean;
}
