import { useMemo } from 'react';
import type { BookableSlotFragment, ProviderOnlyReason } from '../../gql/graphql';
import { formatDayDate, formatTime, ukDay } from '../../lib/format';
import { graphql } from '../../gql';

export const BookableSlot = graphql(`
  fragment BookableSlot on Slot {
    id
    startAt
    endAt
    clinicianName
  }
`);

/** A slot to choose, and (for the provider's own staff) why a referrer could not book it. */
export type PickableSlot = BookableSlotFragment & {
  readonly providerOnly?: ProviderOnlyReason | null;
};

/** What the provider's staff are told about a slot only they can book. */
export const PROVIDER_ONLY_NOTES: Record<ProviderOnlyReason, string> = {
  RESERVED_FOR_PROVIDER: 'Reserved for your organisation',
  TOO_SOON: 'Sooner than referrers can book',
  TOO_FAR_AHEAD: 'Later than referrers can book',
};

/** Slots grouped by UK calendar day, in order. */
export function slotsByDay<S extends BookableSlotFragment>(slots: readonly S[]) {
  const days = new Map<string, S[]>();
  for (const slot of slots) {
    const day = ukDay(slot.startAt);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days.entries()].map(([day, daySlots]) => ({ day, slots: daySlots }));
}

/**
 * A calendar-style list of appointments: one group per day, each time a radio button, so the
 * whole list is one set of radios that arrow keys move through.
 */
export function SlotPicker({
  id,
  slots,
  selected,
  onSelect,
  error,
}: {
  id: string;
  slots: readonly PickableSlot[];
  selected: string;
  onSelect: (slotId: string) => void;
  error?: string | undefined;
}) {
  const days = useMemo(() => slotsByDay(slots), [slots]);
  const errorId = `${id}-error`;
  return (
    <div
      className={error ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group'}
      id={id}
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={error ? errorId : undefined}
    >
      <h3 className="nhsuk-heading-s" id={`${id}-label`}>
        Choose a date and time
      </h3>
      {error ? (
        <span className="nhsuk-error-message" id={errorId}>
          <span className="nhsuk-u-visually-hidden">Error:</span> {error}
        </span>
      ) : null}
      <div className="app-calendar" data-testid="slot-calendar">
        {days.map(({ day, slots: daySlots }) => (
          <fieldset key={day} className="nhsuk-fieldset app-calendar__day">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
              {formatDayDate(daySlots[0]!.startAt)}
            </legend>
            <div className="nhsuk-radios nhsuk-radios--inline nhsuk-radios--small">
              {daySlots.map((slot) => (
                <div className="nhsuk-radios__item" key={slot.id}>
                  <input
                    className="nhsuk-radios__input"
                    id={`slot-${slot.id}`}
                    name="slot"
                    type="radio"
                    value={slot.id}
                    checked={selected === slot.id}
                    onChange={() => onSelect(slot.id)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`slot-${slot.id}`}>
                    {formatTime(slot.startAt)}{' '}
                    <span className="nhsuk-u-visually-hidden">
                      to {formatTime(slot.endAt)}, {formatDayDate(slot.startAt)}
                    </span>
                    {slot.clinicianName ? (
                      <span className="nhsuk-u-display-block nhsuk-body-s">
                        {slot.clinicianName}
                      </span>
                    ) : null}
                    {slot.providerOnly ? (
                      <span className="nhsuk-u-display-block nhsuk-body-s app-calendar__note">
                        {PROVIDER_ONLY_NOTES[slot.providerOnly]}
                      </span>
                    ) : null}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </div>
  );
}
