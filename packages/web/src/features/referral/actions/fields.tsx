import { COMMENT_MAX_LENGTH } from '@open-ers/domain';
import { Radios, Select, Textarea } from 'nhsuk-react-components';
import type { Priority } from '../../../gql/graphql';
import { priorityName } from '../../../lib/format';

/** A reason or outcome to choose, as `allowedActions` offers it. */
export interface ReasonChoice {
  readonly code: string;
  readonly name: string;
  readonly commentMandatory: boolean;
}

/** The form fields of an action, in the order they appear (and errors are listed). */
export const FIELDS = [
  'service',
  'redirect',
  'reason',
  'priority',
  'pas',
  'returnToReferrer',
  'comment',
  'file',
] as const;
export type Field = (typeof FIELDS)[number];

/** The element id of a field, which the error summary links to. */
export const fieldId = (f: Field) => `action-${f}`;

export function ServiceField({
  legend,
  services,
  value,
  error,
  onChange,
}: {
  legend: string;
  services: readonly { id: string; name: string; where: string }[];
  value: string;
  error: string | undefined;
  onChange: (id: string) => void;
}) {
  return (
    <Radios
      id={fieldId('service')}
      name="service"
      legend={legend}
      legendProps={{ size: 's' }}
      error={error}
    >
      {services.map((s) => (
        <Radios.Item
          key={s.id}
          value={s.id}
          checked={value === s.id}
          onChange={() => onChange(s.id)}
          hint={s.where}
        >
          {s.name}
        </Radios.Item>
      ))}
    </Radios>
  );
}

export function RedirectReasonField({
  reasons,
  value,
  error,
  onChange,
  id = fieldId('redirect'),
  label = 'Why is it going to a different service?',
  hint,
}: {
  reasons: readonly ReasonChoice[];
  value: string;
  error: string | undefined;
  onChange: (code: string) => void;
  id?: string;
  label?: string;
  hint?: string;
}) {
  return (
    <Select
      id={id}
      name="redirectReason"
      label={label}
      hint={hint}
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    >
      <Select.Option value="">Choose a reason</Select.Option>
      {reasons.map((r) => (
        <Select.Option key={r.code} value={r.code}>
          {r.name}
        </Select.Option>
      ))}
    </Select>
  );
}

export function ReasonField({
  legend,
  reasons,
  markCommentNeeded,
  value,
  error,
  onChange,
}: {
  legend: string;
  reasons: readonly ReasonChoice[];
  /** Mark the reasons that need a comment (when the comment depends on the reason). */
  markCommentNeeded: boolean;
  value: string;
  error: string | undefined;
  onChange: (code: string) => void;
}) {
  return (
    <Radios
      id={fieldId('reason')}
      name="reason"
      legend={legend}
      legendProps={{ size: 's' }}
      error={error}
    >
      {reasons.map((r) => (
        <Radios.Item
          key={r.code}
          value={r.code}
          checked={value === r.code}
          onChange={() => onChange(r.code)}
          hint={r.commentMandatory && markCommentNeeded ? 'Needs a comment' : undefined}
        >
          {r.name}
        </Radios.Item>
      ))}
    </Radios>
  );
}

export function PriorityField({
  current,
  choices,
  value,
  error,
  onChange,
}: {
  current: Priority;
  /** The priorities it may change to, from `allowedActions.newPriorities`. */
  choices: readonly Priority[];
  value: Priority | '';
  error: string | undefined;
  onChange: (p: Priority | '') => void;
}) {
  return (
    <Select
      id={fieldId('priority')}
      name="newPriority"
      label="Priority"
      hint="Change it only if the clinical priority is different"
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value as Priority | '')}
    >
      <Select.Option value="">Keep {priorityName(current).toLowerCase()}</Select.Option>
      {choices.map((p) => (
        <Select.Option key={p} value={p}>
          Change to {priorityName(p).toLowerCase()}
        </Select.Option>
      ))}
    </Select>
  );
}

/** A yes/no question as radios; `labels` words the two answers. */
export function YesNoField({
  field,
  name,
  legend,
  hint,
  inline,
  labels = ['Yes', 'No'],
  value,
  error,
  onChange,
}: {
  field: Field;
  name: string;
  legend: string;
  hint?: string;
  inline?: boolean;
  labels?: readonly [string, string];
  value: '' | 'yes' | 'no';
  error: string | undefined;
  onChange: (v: 'yes' | 'no') => void;
}) {
  return (
    <Radios
      id={fieldId(field)}
      name={name}
      legend={legend}
      legendProps={{ size: 's' }}
      hint={hint}
      inline={inline}
      error={error}
    >
      <Radios.Item value="yes" checked={value === 'yes'} onChange={() => onChange('yes')}>
        {labels[0]}
      </Radios.Item>
      <Radios.Item value="no" checked={value === 'no'} onChange={() => onChange('no')}>
        {labels[1]}
      </Radios.Item>
    </Radios>
  );
}

export function CommentField({
  label,
  required,
  value,
  error,
  onChange,
}: {
  /** The label; "(optional)" is dropped when a comment is required. */
  label: string | undefined;
  required: boolean;
  value: string;
  error: string | undefined;
  onChange: (text: string) => void;
}) {
  return (
    <Textarea
      id={fieldId('comment')}
      name="comment"
      label={
        required ? (label ?? 'Comment').replace(' (optional)', '') : (label ?? 'Comment (optional)')
      }
      hint={`Up to ${COMMENT_MAX_LENGTH.toLocaleString('en-GB')} characters.`}
      rows={5}
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
