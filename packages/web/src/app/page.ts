import { useEffect } from 'react';

/** Sets the browser tab's title for a page: `Referral 0000 4961 4844 – open-ers`. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} – open-ers`;
  }, [title]);
}

/**
 * Moves keyboard focus to an element that was just revealed (a form's error summary, a
 * confirmation) so screen reader users hear it and keyboard users continue from there.
 */
export function focusElement(element: HTMLElement | null | undefined): void {
  if (!element) return;
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}
