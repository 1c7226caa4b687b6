/** An error the emulator answers with, as the real service would: a code, a message and an HTTP status. */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra elements for OSS error XML (e.g. StringToSign) or fields for VOD JSON. */
    readonly extra: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export function missingParameter(name: string): ServiceError {
  return new ServiceError(
    400,
    'MissingParameter',
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

export function invalidParameter(name: string, why: string): ServiceError {
  return new ServiceError(400, 'InvalidParameter', `The specified parameter "${name}" is not valid. ${why}`);
}
