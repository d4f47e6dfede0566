/** Keyboard focus that stays visible and never gets lost: the sticky footer's clearance, and focus after a button goes. */
import { useEffect, useRef, type RefObject } from 'react';

/** Space kept between a focused element and the footer. */
const GAP = 8;

function visibleFooter(container: HTMLElement): HTMLElement | undefined {
  return Array.from(container.querySelectorAll('footer')).find((f) => f.offsetParent !== null && f.getBoundingClientRect().height > 0);
}

/**
 * WCAG 2.2 SC 2.4.11 (Focus Not Obscured): the sticky footer must not cover the focused element. The page's
 * scroll-padding-bottom follows the footer's height, so the browser scrolls a focused element above it
 * (https://developer.mozilla.org/docs/Web/CSS/scroll-padding); after the browser's own scroll a focused element
 * still under the footer (a scroller that ignores scroll-padding) is scrolled up by the overlap.
 */
export function useFooterClearance(container: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const html = document.documentElement;
    const update = () => {
      const footer = visibleFooter(root);
      html.style.scrollPaddingBottom = footer ? `${Math.ceil(footer.getBoundingClientRect().height) + GAP}px` : '';
    };
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(update) : undefined;
    const observeFooters = () => root.querySelectorAll('footer').forEach((f) => resize?.observe(f));
    const mutations = typeof MutationObserver === 'function' ? new MutationObserver(observeFooters) : undefined;
    mutations?.observe(root, { childList: true, subtree: true });
    observeFooters();
    update();
    let frame = 0;
    const onFocus = (e: FocusEvent) => {
      update();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const target = e.target as HTMLElement;
        const footer = visibleFooter(root);
        if (!footer || footer.contains(target) || document.activeElement !== target) return;
        const r = target.getBoundingClientRect();
        // never past the element's own top: a focused section taller than the space keeps its heading in view
        const by = Math.min(r.bottom - footer.getBoundingClientRect().top + GAP, r.top - GAP);
        if (r.bottom > footer.getBoundingClientRect().top && by > 0) window.scrollBy({ top: by });
      });
    };
    root.addEventListener('focusin', onFocus);
    return () => {
      root.removeEventListener('focusin', onFocus);
      resize?.disconnect();
      mutations?.disconnect();
      cancelAnimationFrame(frame);
      html.style.scrollPaddingBottom = '';
    };
  }, [container]);
}

/**
 * When `busy` ends and the focus fell to <body> (the button that had it, such as Annuleren, is gone), give it to
 * `target` (the tab's primary action), so keyboard and screen-reader users keep their place.
 */
export function useFocusBack(busy: boolean, target: RefObject<HTMLElement | null>): void {
  const was = useRef(busy);
  useEffect(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (was.current && !busy && lost) target.current?.focus();
    was.current = busy;
  }, [busy, target]);
}

/** A new result takes the focus and the view (its heading at the top), so keyboard and screen-reader users land on it. */
export function useFocusOnArrival<E extends HTMLElement>(result: unknown): RefObject<E | null> {
  const ref = useRef<E>(null);
  useEffect(() => {
    if (!result || !ref.current) return;
    ref.current.scrollIntoView?.({ block: 'start' });
    ref.current.focus({ preventScroll: true });
  }, [result]);
  return ref;
}
