import type { ReactNode } from 'react';

export interface CheckboxOption {
  readonly value: string;
  readonly label: ReactNode;
  readonly hint?: string | undefined;
}

/**
 * NHS.UK checkboxes bound to a list of values, in the design system's markup (no script). The
 * first box takes `id`, so the error summary's link lands on it.
 */
export function CheckboxGroup({
  id,
  name,
  legend,
  hint,
  error,
  options,
  values,
  onChange,
  small = false,
  legendSize = 's',
}: {
  id: string;
  name: string;
  legend: ReactNode;
  hint?: string | undefined;
  error?: string | undefined;
  options: readonly CheckboxOption[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  small?: boolean;
  legendSize?: 's' | 'm';
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...values, value] : values.filter((v) => v !== value);
    // Keep the order of the options, whatever order they were ticked in.
    onChange(options.map((o) => o.value).filter((v) => next.includes(v)));
  };
  return (
    <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${legendSize}`}>
          {legend}
        </legend>
        {hint ? (
          <div className="nhsuk-hint" id={hintId}>
            {hint}
          </div>
        ) : null}
        {error ? (
          <span className="nhsuk-error-message" id={errorId}>
            <span className="nhsuk-u-visually-hidden">Error:</span> {error}
          </span>
        ) : null}
        <div className={`nhsuk-checkboxes${small ? ' nhsuk-checkboxes--small' : ''}`}>
          {options.map((o, i) => {
            const boxId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div className="nhsuk-checkboxes__item" key={o.value}>
                <input
                  className="nhsuk-checkboxes__input"
                  id={boxId}
                  name={name}
                  type="checkbox"
                  value={o.value}
                  checked={values.includes(o.value)}
                  aria-describedby={o.hint ? `${boxId}-hint` : undefined}
                  onChange={(e) => toggle(o.value, e.currentTarget.checked)}
                />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={boxId}>
                  {o.label}
                </label>
                {o.hint ? (
                  <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${boxId}-hint`}>
                    {o.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** One NHS.UK checkbox on its own (a yes-or-no question that reads as a statement). */
export function SingleCheckbox({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="nhsuk-form-group">
      <div className="nhsuk-checkboxes">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id={id}
            type="checkbox"
            checked={checked}
            aria-describedby={hint ? `${id}-hint` : undefined}
            onChange={(e) => onChange(e.currentTarget.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint ? (
            <div className="nhsuk-hint nhsuk-checkboxes__hint" id={`${id}-hint`}>
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** A page's heading with the organisation it is for as its caption. */
export function DefinerHeading({
  organisation,
  caption,
  children,
}: {
  organisation?: string | undefined;
  caption?: string | undefined;
  children: ReactNode;
}) {
  return (
    <h1>
      {caption ? <span className="nhsuk-caption-l">{caption}</span> : null}
      {children}
      {organisation ? (
        <span className="nhsuk-caption-l nhsuk-caption--bottom">{organisation}</span>
      ) : null}
    </h1>
  );
}
