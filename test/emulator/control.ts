import { type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { type Emulator } from './emulator';
import { readSmallBody } from './http/body';
import { send } from './http/send';
import { scheduleSchema } from './scheduled';

export const CONTROL_PREFIX = '/__emulator/';

const expireUploadSchema = z.object({ uploadId: z.string().min(1) }).strict();
const expireCredentialSchema = z.object({ accessKeyId: z.string().min(1) }).strict();
const addUserSchema = z
  .object({ allowUpload: z.boolean().optional(), allowAssumeRole: z.boolean().optional() })
  .strict();

/**
 * The emulator's own control surface, answered without faults or latency:
 * GET state, GET/POST faults, GET uploads, POST expire-upload, expire-credential, users, transcode/finish,
 * schedule (a one-off fault: {kind, operation, count?}).
 */
export async function handleControl(
  emulator: Emulator,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://emulator').pathname.slice(CONTROL_PREFIX.length);
  const method = req.method ?? 'GET';
  const reply = (status: number, body: unknown) =>
    send(res, { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, 0);
  try {
    const body = method === 'POST' ? (await readSmallBody(req)).toString('utf8') : '';
    const input: unknown = body.trim() === '' ? {} : JSON.parse(body);
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET state':
        return await reply(200, emulator.state());
      case 'GET faults':
        return await reply(200, emulator.settings);
      case 'POST faults': {
        const parsed = emulator.setFaults(input as never);
        return await reply(200, parsed);
      }
      case 'GET uploads':
        return await reply(200, emulator.uploads());
      case 'POST expire-upload': {
        const { uploadId } = expireUploadSchema.parse(input);
        const expired = emulator.expireUpload(uploadId);
        return await reply(expired ? 200 : 404, { expired });
      }
      case 'POST expire-credential': {
        const { accessKeyId } = expireCredentialSchema.parse(input);
        const expired = emulator.expireCredential(accessKeyId);
        return await reply(expired ? 200 : 404, { expired });
      }
      case 'POST users': {
        const user = emulator.accounts.addUser(addUserSchema.parse(input));
        return await reply(200, { accessKeyId: user.accessKeyId, accessKeySecret: user.accessKeySecret });
      }
      case 'POST schedule': {
        const { kind, operation, count } = scheduleSchema.parse(input);
        emulator.schedule(kind, operation, count);
        return await reply(200, { scheduled: true });
      }
      case 'POST transcode/finish':
        emulator.library.finishTranscoding();
        return await reply(200, { finished: true });
      default:
        return await reply(404, { error: `No control endpoint ${route}` });
    }
  } catch (err) {
    const message = err instanceof z.ZodError ? z.prettifyError(err) : (err as Error).message;
    await reply(400, { error: message });
  }
}
