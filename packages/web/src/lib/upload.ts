import { errorMessage, isErrorCode } from '@open-ers/domain';
import { ApiError } from './api-errors';

/** An uploaded document, ready to attach to a referral by id. */
export interface UploadedDocument {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly sizeBytes: number;
}

/** The largest file the API accepts (5 MB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** File types the API accepts, for the file picker's `accept`. */
export const ACCEPTED_FILE_TYPES =
  '.pdf,.doc,.docx,.rtf,.rtx,.txt,.xml,.png,.gif,.jpg,.jpeg,.jpe,.tif,.tiff,.au,.mp3,.mpg,.mpeg,.mpe,.dcm';

/**
 * Uploads a referral letter (`POST /api/documents`). The custom header is the API's CSRF
 * guard: a form on another site cannot send it. Throws {@link ApiError} with the typed code.
 */
export async function uploadDocument(file: File, base = ''): Promise<UploadedDocument> {
  if (file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError('FILE_TOO_LARGE', errorMessage('FILE_TOO_LARGE'), 'file');
  }
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await fetch(`${base}/api/documents`, {
    method: 'POST',
    body,
    credentials: 'same-origin',
    headers: { 'x-open-ers-upload': '1' },
  });
  const json = (await response.json().catch(() => null)) as
    | UploadedDocument
    | { error?: { code?: string; message?: string; field?: string | null } }
    | null;
  if (response.ok && json && 'id' in json) return json;
  const error = json && 'error' in json ? json.error : undefined;
  const code = error?.code && isErrorCode(error.code) ? error.code : 'INTERNAL_SERVER_ERROR';
  throw new ApiError(code, error?.message ?? errorMessage(code), error?.field ?? 'file');
}
