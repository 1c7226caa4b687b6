/** A reason a person can act on, for a file-system error on `path`. */
export function describeFsError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT':
      return 'no longer exists';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOTDIR':
      return 'a folder in its path is not a folder';
    case 'EBUSY':
      return 'locked by another program';
    case 'EIO':
      return 'read error (the disk or network share failed)';
    default:
      return `cannot be read (${typeof code === 'string' ? code : e instanceof Error ? e.message : 'unknown error'})`;
  }
}
