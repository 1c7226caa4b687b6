import * as OpenApiCore from '@alicloud/openapi-core';
import * as StsModule from '@alicloud/sts20150401';
import { type EmulatorConfig } from '../../emulator';

const StsClient = ((StsModule as any).default?.default ??
  (StsModule as any).default) as typeof StsModule.default;

/** sts:AssumeRole through the official @alicloud/sts20150401 client, against the emulator. */
export async function assumeRole(
  config: EmulatorConfig,
  roleArn: string,
): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken: string; expiration: string }> {
  const client = new StsClient(
    new OpenApiCore.$OpenApiUtil.Config({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: config.vodEndpoint.replace(/^http:\/\//, ''),
      protocol: 'http',
      regionId: config.regionId,
      readTimeout: 10_000,
    }),
  );
  const res = await client.assumeRole(
    new StsModule.AssumeRoleRequest({ roleArn, roleSessionName: 'uploader-test' }),
  );
  const c = res.body!.credentials!;
  return {
    accessKeyId: c.accessKeyId!,
    accessKeySecret: c.accessKeySecret!,
    securityToken: c.securityToken!,
    expiration: c.expiration!,
  };
}
