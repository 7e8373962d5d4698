import { ErrorSummary } from 'nhsuk-react-components';

export interface Problem {
  readonly message: string;
  /** The id of the field it concerns, to link to from the summary. */
  readonly fieldId?: string | undefined;
}

/**
 * The NHS error summary at the top of a form: every problem, each linking to its field. Give a
 * new `attempt` on every submission: the summary is then made afresh and takes focus again, so
 * screen reader users hear the problems each time.
 */
export function FormErrors({
  problems,
  attempt,
  title = 'There is a problem',
}: {
  problems: readonly Problem[];
  attempt: number;
  title?: string;
}) {
  if (problems.length === 0) return null;
  return (
    <ErrorSummary key={attempt}>
      <ErrorSummary.Title>{title}</ErrorSummary.Title>
      <ErrorSummary.List>
        {problems.map((p) => (
          <ErrorSummary.ListItem
            key={`${p.fieldId ?? ''}:${p.message}`}
            href={p.fieldId ? `#${p.fieldId}` : undefined}
          >
            {p.message}
          </ErrorSummary.ListItem>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  );
}
