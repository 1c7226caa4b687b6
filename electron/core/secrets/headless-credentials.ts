import * as credentials from '@alicloud/credentials';
import { AppError } from '../base/app-error';
import type { Redactor } from '../log/redactor';
import type { VodCallerCredential } from './caller-credential';

interface Provider {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}
interface ProviderClass {
  builder(): { build(): Provider };
}

/**
 * Headless (CLI / server) credentials, the standard Alibaba Cloud way, through @alicloud/credentials:
 * 1. ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN for STS);
 * 2. the credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials; profile
 *    ALIBABA_CLOUD_PROFILE, else "default");
 * 3. the aliyun CLI's ~/.aliyun/config.json.
 * ECS instance roles and OIDC are left out on purpose: they probe the network and would hang a laptop.
 */
export async function loadHeadlessCredential(redactor: Redactor): Promise<VodCallerCredential> {
  const mod = credentials as unknown as Record<string, ProviderClass>;
  const chain: Array<[string, ProviderClass | undefined]> = [
    ['environment variables', mod.EnvironmentVariableCredentialsProvider],
    ['credentials file', mod.ProfileCredentialsProvider],
    ['aliyun CLI config', mod.CLIProfileCredentialsProvider],
  ];
  const reasons: string[] = [];
  for (const [label, Provider] of chain) {
    if (!Provider) continue;
    try {
      const found = await Provider.builder().build().getCredentials();
      if (!found.accessKeyId || !found.accessKeySecret) throw new Error('incomplete credentials');
      redactor.register(found.accessKeySecret);
      redactor.register(found.securityToken);
      return {
        accessKeyId: found.accessKeyId,
        accessKeySecret: found.accessKeySecret,
        securityToken: found.securityToken || undefined,
        source: label,
      };
    } catch (e) {
      reasons.push(`${label}: ${redactor.redactString(e instanceof Error ? e.message : String(e))}`);
    }
  }
  throw new AppError(
    'NO_HEADLESS_CREDENTIALS',
    'No Alibaba Cloud credentials found. Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET ' +
      '(and ALIBABA_CLOUD_SECURITY_TOKEN for temporary credentials), or configure ~/.alibabacloud/credentials. ' +
      `Tried: ${reasons.join('; ')}`,
  );
}
