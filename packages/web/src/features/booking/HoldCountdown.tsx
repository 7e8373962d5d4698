import { useEffect, useRef, useState } from 'react';
import { LiveMessage } from '../../components/LiveMessage';
import { formatCountdown } from '../../lib/format';

/** What to say as a hold runs down: on each whole minute left, and at 30 seconds. */
export function holdAnnouncement(msLeft: number, heldFor: number): string | null {
  const seconds = Math.ceil(msLeft / 1000);
  if (seconds <= 0) return null;
  if (heldFor === 0) {
    const minutes = Math.ceil(seconds / 60);
    return `Appointment held for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}. Confirm the booking before the time runs out.`;
  }
  if (seconds === 30) return '30 seconds left to confirm the booking.';
  if (seconds % 60 === 0) {
    const minutes = seconds / 60;
    return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left to confirm the booking.`;
  }
  return null;
}

const systemNow = () => Date.now();

/**
 * Minutes and seconds left on a slot hold, ticking every second. The ticking figure is a timer
 * (not read out as it changes); a live region says how long is left once a minute and at 30
 * seconds, so screen reader users know without being interrupted every second.
 */
export function HoldCountdown({
  heldUntil,
  onLapse,
  now = systemNow,
}: {
  heldUntil: string;
  onLapse: () => void;
  now?: () => number;
}) {
  const until = new Date(heldUntil).getTime();
  const [left, setLeft] = useState(() => until - now());
  const [message, setMessage] = useState(() => holdAnnouncement(until - now(), 0) ?? '');
  const lapsed = useRef(false);
  const lastSecond = useRef(Math.ceil((until - now()) / 1000));
  const onLapseRef = useRef(onLapse);
  useEffect(() => {
    onLapseRef.current = onLapse;
  }, [onLapse]);

  useEffect(() => {
    const tick = () => {
      const remaining = until - now();
      setLeft(remaining);
      const second = Math.ceil(remaining / 1000);
      if (second !== lastSecond.current) {
        lastSecond.current = second;
        const said = holdAnnouncement(remaining, 1);
        if (said) setMessage(said);
      }
      if (remaining <= 0 && !lapsed.current) {
        lapsed.current = true;
        onLapseRef.current();
      }
    };
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [until, now]);

  return (
    <>
      <p className="app-hold__countdown">
        Held for you for{' '}
        <strong role="timer" aria-label="Time left to confirm" data-testid="hold-countdown">
          {formatCountdown(left)}
        </strong>{' '}
        <span className="nhsuk-body-s">(minutes:seconds)</span>
      </p>
      <LiveMessage message={message} />
    </>
  );
}
