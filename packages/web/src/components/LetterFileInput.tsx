import { ACCEPTED_FILE_TYPES } from '../lib/upload';

/** A file picker for the referral letter, in NHS.UK form markup (no script needed). */
export function LetterFileInput({
  id,
  label = 'Referral letter',
  error,
  onChange,
}: {
  id: string;
  label?: string;
  error?: string | undefined;
  onChange: (file: File | null) => void;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      <div className="nhsuk-hint" id={hintId}>
        A PDF, Word, text or image file, smaller than 5 MB.
      </div>
      {error ? (
        <span className="nhsuk-error-message" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <input
        className={`nhsuk-file-upload__input${error ? ' nhsuk-file-upload__input--error' : ''}`}
        id={id}
        name="letter"
        type="file"
        accept={ACCEPTED_FILE_TYPES}
        aria-describedby={error ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
      />
    </div>
  );
}
