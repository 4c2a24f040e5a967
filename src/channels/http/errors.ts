import { HTTP_ERRORS } from '../../presentation/messages';

/** The body of every error answer: a stable code and a polite message, never a stack trace. */
export function errorBody(status: number, message?: string): { error: { status: number; message: string } } {
  return {
    error: { status, message: message ?? HTTP_ERRORS.byStatus[status] ?? (status >= 500 ? HTTP_ERRORS.internal : HTTP_ERRORS.refused) },
  };
}

export function isErrorBody(value: unknown): value is ReturnType<typeof errorBody> {
  const error = (value as { error?: { status?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.status === 'number' && typeof error.message === 'string';
}
