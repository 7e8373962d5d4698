import type { Actor } from '@open-ers/domain';
import { DomainError, errorMessage } from '@open-ers/domain';
import busboy from 'busboy';
import express, { type Request, type Response, type Router } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { Orm } from '../../db/orm.js';
import type { Clock } from '../../time.js';
import { ReferralDocument } from './referral-document.entity.js';
import { isRefusal, recordRefusal, refusedAccessTo } from '../audit/refusals.js';
import { ReferralService, type ReferralAudit } from './referral.service.js';
import { cryptoRandomBytes, UK_DATE_CONTEXT } from './runtime.js';
import { SILENT_FEED } from '../../realtime/change-feed.js';
import { isUuid } from '../../db/ids.js';
import { hasControlCharacters } from '../../graphql/input-guard.js';

/** The largest attachment (reference §3: 5 MB). */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** File types e-RS accepts (reference §3, A020), by extension, with the content type served. */
export const ALLOWED_DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain',
  '.pdf': 'application/pdf',
  '.xml': 'application/xml',
  '.rtf': 'application/rtf',
  '.rtx': 'text/richtext',
  '.au': 'audio/basic',
  '.mp3': 'audio/mpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpe': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.mpg': 'video/mpeg',
  '.mpeg': 'video/mpeg',
  '.mpe': 'video/mpeg',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.dcm': 'application/dicom',
};

/** A header a cross-site form cannot send: uploads must carry it (CSRF prevention). */
export const UPLOAD_HEADER = 'x-open-ers-upload';

/**
 * The download's Content-Disposition: the name as a quoted ASCII fallback (anything else made
 * `_`) and in full as UTF-8 (RFC 6266, RFC 5987). A name outside Latin-1 written as it is would
 * make Node refuse the header, failing the download.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/gu, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function refuse(res: Response, status: number, error: DomainError) {
  res
    .status(status)
    .json({ error: { code: error.code, message: error.message, field: error.field ?? null } });
}

/**
 * HTTP routes for referral documents (files do not belong in GraphQL):
 * - `POST /api/documents` (multipart, one `file`) uploads a document for the signed-in user's
 *   organisation and returns its id, to attach with `createReferral` or `attachReferralLetter`;
 * - `GET /api/documents/:id` downloads one, to users with clinical access to its referral.
 */
export function documentRoutes(options: {
  orm: Orm;
  clock: Clock;
  /** Who is asking, and their audit trail, for a plain HTTP request (from its session). */
  identify: (request: IncomingMessage) => Promise<{ actor: Actor | null; audit: ReferralAudit }>;
}): Router {
  const router = express.Router();

  router.post('/', async (req: Request, res: Response) => {
    const { actor, audit } = await options.identify(req);
    if (!actor) {
      const refusal = new DomainError('UNAUTHENTICATED');
      await recordRefusal(audit, 'UPLOAD_DOCUMENT', refusal);
      return refuse(res, 401, refusal);
    }
    if (!req.header(UPLOAD_HEADER)) {
      return refuse(
        res,
        400,
        new DomainError('BAD_USER_INPUT', {
          message: `Uploads must send the ${UPLOAD_HEADER} header.`,
        }),
      );
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: MAX_DOCUMENT_BYTES, fields: 0 },
        // Browsers send the file name as UTF-8 (busboy reads Latin-1 unless told).
        defParamCharset: 'utf8',
      });
    } catch {
      return refuse(
        res,
        400,
        new DomainError('BAD_USER_INPUT', { message: 'Send the file as multipart/form-data.' }),
      );
    }
    let handled = false;
    const done = (status: number, body: unknown) => {
      if (handled) return;
      handled = true;
      res.status(status).json(body);
    };
    // Set once a file part arrives: its (asynchronous) save answers, not the parser's close,
    // which can come first while the file is still being stored.
    let receivedFile = false;
    // A body that is not well-formed multipart (no parts, a broken header, cut short) makes
    // the parser and the file's stream emit 'error'; unheard, it would end the process.
    const unreadable = () =>
      done(400, {
        error: {
          code: 'BAD_USER_INPUT',
          message: 'The upload could not be read. Send the file as multipart/form-data.',
          field: 'file',
        },
      });
    parser.on('error', unreadable);
    parser.on('file', (_field, stream, info) => {
      receivedFile = true;
      stream.on('error', unreadable);
      // At most 255 characters (the column's), cut between characters, never inside one.
      const filename = [...path.basename(info.filename || '')].slice(0, 255).join('');
      if (hasControlCharacters(filename)) {
        // A NUL byte cannot be stored (PostgreSQL) nor sent back in a header.
        stream.resume();
        const error = new DomainError('INVALID_CHARACTERS', { field: 'file' });
        return done(400, { error: { code: error.code, message: error.message, field: 'file' } });
      }
      const type = ALLOWED_DOCUMENT_TYPES[path.extname(filename).toLowerCase()];
      if (!filename || !type) {
        stream.resume();
        const error = new DomainError('INVALID_FILE_TYPE', { field: 'file' });
        return done(415, { error: { code: error.code, message: error.message, field: 'file' } });
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        const error = new DomainError('FILE_TOO_LARGE', { field: 'file' });
        done(413, { error: { code: error.code, message: error.message, field: 'file' } });
      });
      stream.on('end', async () => {
        if (handled) return;
        const content = Buffer.concat(chunks);
        if (content.length === 0) {
          return done(400, {
            error: { code: 'BAD_USER_INPUT', message: 'The file is empty.', field: 'file' },
          });
        }
        try {
          const em = options.orm.em.fork();
          const document = em.create(ReferralDocument, {
            id: randomUUID(),
            referral: null,
            filename,
            contentType: type,
            sizeBytes: content.length,
            sha256: createHash('sha256').update(content).digest('hex'),
            content,
            uploadedByUserId: actor.userId,
            uploadedByOrganisationId: actor.organisationId,
            uploadedAt: options.clock(),
          });
          await em.flush();
          await audit.record({ action: 'UPLOAD_DOCUMENT', details: { documentId: document.id } });
          done(201, {
            id: document.id,
            filename: document.filename,
            contentType: document.contentType,
            sizeBytes: document.sizeBytes,
            sha256: document.sha256,
          });
        } catch {
          done(500, {
            error: {
              code: 'INTERNAL_SERVER_ERROR',
              message: errorMessage('INTERNAL_SERVER_ERROR'),
            },
          });
        }
      });
    });
    parser.on('close', () => {
      if (!handled && !receivedFile)
        done(400, {
          error: { code: 'BAD_USER_INPUT', message: 'Choose a file to upload.', field: 'file' },
        });
    });
    req.pipe(parser);
  });

  router.get('/:id', async (req: Request, res: Response) => {
    const { actor, audit } = await options.identify(req);
    // Every refused download is audited (once), naming the referral when it was found.
    const refuseAudited = async (status: number, error: DomainError) => {
      await recordRefusal(audit, 'VIEW_DOCUMENT', error);
      refuse(res, status, error);
    };
    if (!actor) return refuseAudited(401, new DomainError('UNAUTHENTICATED'));
    // An id that is not a UUID names no document; it never reaches the database (PostgreSQL's
    // uuid column would refuse it as an internal error).
    if (!isUuid(String(req.params.id))) {
      return refuse(res, 404, new DomainError('REFERENCE_NOT_FOUND'));
    }
    const em = options.orm.em.fork();
    const document = await em.findOne(
      ReferralDocument,
      { id: String(req.params.id) },
      { populate: ['content', 'referral'] },
    );
    if (!document) return refuse(res, 404, new DomainError('REFERENCE_NOT_FOUND'));
    if (document.referral) {
      const referrals = new ReferralService({
        em,
        now: options.clock(),
        requestId: null,
        changes: SILENT_FEED,
        random: cryptoRandomBytes,
        dateContext: UK_DATE_CONTEXT,
      });
      try {
        const read = await referrals.read(document.referral.getEntity().ubrn, actor);
        if (read.access !== 'CLINICAL') {
          const subject = { ubrn: read.snapshot.ubrn, patientId: read.snapshot.patientId };
          return refuseAudited(403, refusedAccessTo(new DomainError('FORBIDDEN'), subject));
        }
      } catch (error) {
        if (isRefusal(error)) return refuseAudited(403, error);
        if (error instanceof DomainError) return refuse(res, 403, error);
        throw error;
      }
    } else if (document.uploadedByOrganisationId !== actor.organisationId) {
      return refuse(res, 404, new DomainError('REFERENCE_NOT_FOUND'));
    }
    const referral = document.referral?.getEntity() ?? null;
    await audit.record({
      action: 'VIEW_DOCUMENT',
      patientId: referral?.patient.id ?? null,
      ubrn: referral?.ubrn ?? null,
      details: { documentId: document.id },
    });
    res.setHeader('Content-Type', document.contentType);
    res.setHeader('Content-Length', String(document.sizeBytes));
    res.setHeader('Content-Disposition', contentDisposition(document.filename));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.end(document.content);
  });

  return router;
}
