/**
 * An NHS number as someone types it, spaced 3-3-4 as they go (`943 476 5919`): digits only,
 * at most ten, so what is on screen is always what will be searched for.
 */
export function spaceNhsNumberAsTyped(input: string): string {
  const digits = input.replace(/\D/g, '').slice(0, 10);
  if (digits.length <= 3) return digits;
  if (digits.length <= 6) return `${digits.slice(0, 3)} ${digits.slice(3)}`;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
