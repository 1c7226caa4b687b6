import { z } from 'zod';

/** An error as it crosses a boundary: a stable code, a message for people, and the cloud's request id when there is one. */
export const ErrorInfoSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  requestId: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;
