import * as OpenApiModule from '@alicloud/openapi-client';
import * as TeaUtil from '@alicloud/tea-util';
import { type EmulatorConfig } from '../../emulator';

/** CommonJS default-export interop: the class is `default` (or `default.default` under some loaders). */
function unwrapDefault<T>(mod: unknown): T {
  const m = mod as { default?: { default?: T } & T };
  return (m.default?.default ?? m.default) as T;
}

const OpenApiClient = unwrapDefault<typeof OpenApiModule.default>(OpenApiModule);

export interface ClientOptions {
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  /** 'v2' = the classic HMAC-SHA1 RPC signature; otherwise openapi-client's default V3. */
  readonly signatureAlgorithm?: 'v2';
  readonly readTimeout?: number;
}

/** An @alicloud/openapi-client pointed at the emulator, as the app's VOD client will be. */
export function openApiClient(config: EmulatorConfig, options: ClientOptions = {}) {
  return new OpenApiClient(
    new OpenApiModule.Config({
      accessKeyId: options.accessKeyId ?? config.accessKeyId,
      accessKeySecret: options.accessKeySecret ?? config.accessKeySecret,
      securityToken: options.securityToken,
      endpoint: config.vodEndpoint.replace(/^http:\/\//, ''),
      protocol: 'http',
      regionId: config.regionId,
      signatureAlgorithm: options.signatureAlgorithm,
      readTimeout: options.readTimeout ?? 10_000,
      connectTimeout: 5_000,
    }),
  );
}

export type OpenApi = ReturnType<typeof openApiClient>;

/** Calls an RPC action the way the generated vod20170321 SDK does (§2.4). */
export async function callAction(
  client: OpenApi,
  action: string,
  query: Record<string, string | number | undefined>,
  version = '2017-03-21',
): Promise<Record<string, any>> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) clean[k] = String(v);
  const params = new OpenApiModule.Params({
    action,
    version,
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const res = await client.callApi(
    params,
    new OpenApiModule.OpenApiRequest({ query: clean }),
    new TeaUtil.RuntimeOptions({}),
  );
  return (res as { body: Record<string, any> }).body;
}

/** The error an openapi-client call throws (code, statusCode, data.RequestId). */
export async function callError(
  promise: Promise<unknown>,
): Promise<{ code: string; statusCode: number; data: any; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { code: string; statusCode?: number; data?: { statusCode?: number }; message: string };
    return {
      code: e.code,
      statusCode: e.statusCode ?? e.data?.statusCode ?? 0,
      data: e.data,
      message: e.message,
    };
  }
  throw new Error('expected the call to fail');
}

export function decodeBase64Json(value: string): Record<string, string> {
  return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Record<string, string>;
}
