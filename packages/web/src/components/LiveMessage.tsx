/**
 * A polite live region: screen readers announce its text when it changes, without moving focus.
 * Keep it rendered (empty) so the region exists before the first message.
 */
export function LiveMessage({ message }: { message: string }) {
  return (
    <div className="nhsuk-u-visually-hidden" role="status" aria-live="polite">
      {message}
    </div>
  );
}
