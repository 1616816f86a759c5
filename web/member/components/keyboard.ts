// The member site by keyboard alone, and where the focus goes (issue 13): made whole once here for
// every page, so a page built from antd-mobile needs nothing of its own.
//
// - Click-only controls. antd-mobile draws some controls as a <div> with a role (NavBar's back,
//   Switch, Selector's options, Popup's close) or without one (a clickable List.Item is an <a> without
//   href — CheckList's and CascaderView's options —, TabBar's items, CapsuleTabs' tabs), answering
//   only a click. Each gets a tab stop, a role when it has none, and Enter (and Space, but for links)
//   clicks it. The state a class shows (the active tab) is given to screen readers too.
// - Dialogs (Dialog, Modal, the Popup sheets) take the focus when they open — unless what they hold
//   has already taken it —, keep Tab inside, close with Escape where a tap beside them closes them,
//   and give the focus back to what opened them when they close. One without a role or a name gets
//   role=dialog and the name of its title (Dialog's) or of its Popup (`<Popup aria-label=…>`).
// - A new page. After a route change the focus moves to the new page's <h1> (once it is drawn; its
//   <main> when it has no heading), so a screen reader reads where the worker now is and Tab goes on
//   from the top of the page — unless the page or the worker has put the focus somewhere already.
// - A refused form. After a submit whose check fails, the focus goes to the first field in error;
//   the error lines under the fields are alerts, read out as they appear.
// Checkboxes (antd-mobile hides their <input> with display:none) and focus rings: keyboard.css.
import './keyboard.css';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';

const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex], [contenteditable="true"]';

/** antd-mobile's click-only parts; `role` is given when the element has none. */
const CLICK_ONLY: { selector: string; role?: string; state?: { attr: string; activeClass: string; value: string } }[] = [
  { selector: '[role="button"], [role="switch"], [role="option"], [role="checkbox"], [role="radio"], [role="menuitem"], [role="link"]' },
  // a clickable List.Item (CheckList's options, CascaderView's)
  { selector: 'a.adm-list-item:not([href])', role: 'button', state: { attr: 'aria-pressed', activeClass: 'adm-check-list-item-active', value: 'true' } },
  { selector: '.adm-tab-bar-item', role: 'link', state: { attr: 'aria-current', activeClass: 'adm-tab-bar-item-active', value: 'page' } },
  { selector: '.adm-capsule-tabs-tab', role: 'button', state: { attr: 'aria-pressed', activeClass: 'adm-capsule-tabs-tab-active', value: 'true' } },
];

/** Marks an element this module made operable by keyboard. */
const MARK = 'data-kbd';

function isNativelyFocusable(el: Element): boolean {
  return el.matches('a[href], button, input, select, textarea, [contenteditable="true"]');
}

function isShown(el: Element): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

function focusables(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => el.tabIndex >= 0 && !el.closest('[aria-hidden="true"]') && !(el as HTMLButtonElement).disabled && isShown(el),
  );
}

/** Gives antd-mobile's click-only parts a tab stop, a role and their active state. */
function makeOperable(root: ParentNode): void {
  for (const part of CLICK_ONLY) {
    for (const el of Array.from(root.querySelectorAll<HTMLElement>(part.selector))) {
      if (el.closest('[aria-hidden="true"]')) continue;
      if (part.state) {
        const active = el.classList.contains(part.state.activeClass);
        if (active && el.getAttribute(part.state.attr) !== part.state.value) el.setAttribute(part.state.attr, part.state.value);
        else if (!active && el.hasAttribute(part.state.attr)) {
          if (part.state.attr === 'aria-pressed') el.setAttribute('aria-pressed', 'false');
          else el.removeAttribute(part.state.attr);
        }
      }
      if (el.hasAttribute(MARK) || isNativelyFocusable(el) || el.hasAttribute('tabindex')) continue;
      // A wrapper around a real control (a listbox option holding a button) is not a second stop.
      if (el.querySelector(FOCUSABLE)) continue;
      if (part.role && !el.hasAttribute('role')) el.setAttribute('role', part.role);
      el.setAttribute(MARK, '');
      el.tabIndex = 0;
    }
  }
  // the error lines under form fields: read out as they appear
  for (const el of Array.from(root.querySelectorAll('.adm-form-item-feedback-error:not([role])'))) el.setAttribute('role', 'alert');
}

/** What a key on a control made operable here does: NavBar's role=button wraps the part that answers the click. */
function activate(el: HTMLElement): void {
  if (el.getAttribute('aria-disabled') === 'true') return;
  const target = el.classList.contains('adm-nav-bar-left') ? (el.querySelector<HTMLElement>(':scope > .adm-nav-bar-back') ?? el) : el;
  target.click();
}

interface OpenDialog {
  el: HTMLElement;
  /** where the focus was when it opened */
  opener: Element | null;
}

/** The open dialogs, in the document's order (the last is on top): Popup's sheet, CenterPopup's (Dialog, Modal) box. */
function shownDialogs(): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const root of Array.from(document.querySelectorAll<HTMLElement>('.adm-popup, .adm-center-popup'))) {
    if (root.style.display === 'none' || !root.isConnected) continue;
    const box = root.querySelector<HTMLElement>(':scope > .adm-popup-body, :scope > .adm-center-popup-wrap');
    if (!box || !isShown(box)) continue;
    // a page may have drawn its own dialog inside the sheet: that one is the dialog, not a second
    found.push(box.getAttribute('role') === 'dialog' ? box : (box.querySelector<HTMLElement>('[role="dialog"]') ?? box));
  }
  return found;
}

let idSeq = 0;

/** role=dialog, modal, focusable, and named: by its title, else by its Popup's aria-label. */
function prepareDialog(box: HTMLElement): void {
  if (!box.hasAttribute('role')) box.setAttribute('role', 'dialog');
  if (!box.hasAttribute('aria-modal')) box.setAttribute('aria-modal', 'true');
  if (!box.hasAttribute('tabindex')) box.tabIndex = -1;
  if (box.hasAttribute('aria-label') || box.hasAttribute('aria-labelledby')) return;
  const title = box.querySelector<HTMLElement>('.adm-dialog-title, .adm-modal-title');
  if (title) {
    if (!title.id) title.id = `m-dialog-title-${++idSeq}`;
    box.setAttribute('aria-labelledby', title.id);
    return;
  }
  const named = box.parentElement?.getAttribute('aria-label');
  if (named) box.setAttribute('aria-label', named);
}

/** A dialog's text that scrolls (a long agreement) gets a tab stop, so the arrow keys can scroll it. */
function focusableScrollers(box: HTMLElement): void {
  for (const el of Array.from(box.querySelectorAll<HTMLElement>('.adm-dialog-content, .adm-modal-content, .adm-popup-body > *'))) {
    if (el.hasAttribute('tabindex') || el.scrollHeight <= el.clientHeight + 1 || el.querySelector(FOCUSABLE)) continue;
    const overflow = getComputedStyle(el).overflowY;
    if (overflow !== 'auto' && overflow !== 'scroll') continue;
    el.tabIndex = 0;
    if (!el.hasAttribute('role')) el.setAttribute('role', 'region');
    const name = box.getAttribute('aria-label') ?? (box.getAttribute('aria-labelledby') && document.getElementById(box.getAttribute('aria-labelledby') ?? '')?.textContent);
    el.setAttribute('aria-label', name ? `${name}（正文）` : '正文');
  }
}

/**
 * Whether a change may make or unmake a control or a dialog: not the style an animation sets frame by
 * frame, but a popup's own (its display is how it opens and closes).
 */
function mayMatter(r: MutationRecord): boolean {
  return r.type !== 'attributes' || r.attributeName !== 'style' || (r.target instanceof Element && r.target.matches('.adm-popup, .adm-center-popup'));
}

class FocusKeeper {
  private dialogs: OpenDialog[] = [];
  private route: { since: number; from: Element | null } | undefined;
  private submitted: { form: HTMLFormElement; since: number } | undefined;
  // At once, not at the next frame: a key pressed right after a change (Space on a switch, then Tab
  // to the options it shows) must find the new controls operable.
  private readonly observer = new MutationObserver((records) => {
    if (records.some(mayMatter)) this.scan();
  });

  start(): () => void {
    const root = document.body;
    this.observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'style'] });
    document.addEventListener('keydown', this.onKeyDown, true);
    document.addEventListener('submit', this.onSubmit, true);
    this.scan();
    return () => {
      this.observer.disconnect();
      document.removeEventListener('keydown', this.onKeyDown, true);
      document.removeEventListener('submit', this.onSubmit, true);
    };
  }

  /** The route changed: the new page's h1 takes the focus once it is drawn. */
  routeChanged(): void {
    this.route = { since: Date.now(), from: document.activeElement };
    this.scan();
    // a page that draws no heading: its main, even when nothing changes any more
    setTimeout(() => this.scan(), 1600);
  }

  private scan(): void {
    makeOperable(document);
    this.followDialogs();
    this.focusFirstError();
    this.focusNewPage();
  }

  private followDialogs(): void {
    const shown = shownDialogs();
    // closed: the focus goes back to what opened it, when that is still there
    for (const d of [...this.dialogs].reverse()) {
      if (shown.includes(d.el)) continue;
      this.dialogs = this.dialogs.filter((x) => x !== d);
      const active = document.activeElement;
      const lost = !active || active === document.body || !isShown(active) || d.el.contains(active);
      if (lost && d.opener instanceof HTMLElement && isShown(d.opener)) d.opener.focus();
    }
    // opened
    for (const el of shown) {
      if (!this.dialogs.some((d) => d.el === el)) {
        prepareDialog(el);
        this.dialogs.push({ el, opener: document.activeElement });
        if (!el.contains(document.activeElement)) el.focus();
      }
      focusableScrollers(el);
    }
  }

  private focusFirstError(): void {
    const s = this.submitted;
    if (!s) return;
    if (!s.form.isConnected || Date.now() - s.since > 3000 || this.dialogs.length > 0) {
      this.submitted = undefined;
      return;
    }
    const item = s.form.querySelector('.adm-form-item-has-error');
    if (!item) return;
    this.submitted = undefined;
    const field = focusables(item)[0];
    field?.focus();
  }

  private focusNewPage(): void {
    const r = this.route;
    if (!r) return;
    const waited = Date.now() - r.since;
    if (waited > 10_000) {
      this.route = undefined;
      return;
    }
    if (this.dialogs.length > 0) return;
    const active = document.activeElement;
    // the page (or the worker) has placed the focus already
    if (active && active !== document.body && active !== r.from && isShown(active) && !active.closest('.adm-popup, .adm-center-popup')) {
      this.route = undefined;
      return;
    }
    const app = document.getElementById('root');
    const heading = app ? Array.from(app.querySelectorAll<HTMLElement>('h1')).find(isShown) : undefined;
    // a page with no heading: its main once it has had a moment to draw
    const target = heading ?? (waited > 1500 ? app?.querySelector<HTMLElement>('main') : null);
    if (!target) return;
    this.route = undefined;
    if (!target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  }

  private readonly onSubmit = (e: Event): void => {
    if (e.target instanceof HTMLFormElement) this.submitted = { form: e.target, since: Date.now() };
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    const top = this.dialogs[this.dialogs.length - 1];
    if (e.key === 'Tab' && top) {
      this.trapTab(e, top.el);
      return;
    }
    if (e.key === 'Escape' && top) {
      const closer = top.el.closest('.adm-popup, .adm-center-popup')?.querySelector<HTMLElement>(':scope > .adm-mask .adm-mask-aria-button');
      if (closer) {
        e.preventDefault();
        closer.click();
      }
      return;
    }
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const el = e.target;
    if (!(el instanceof HTMLElement) || !el.hasAttribute(MARK)) return;
    if (e.key === ' ' && el.getAttribute('role') === 'link') return;
    e.preventDefault();
    // pressed here, once: not again by a handler of the page's own
    e.stopPropagation();
    activate(el);
  };

  private trapTab(e: KeyboardEvent, box: HTMLElement): void {
    const inside = focusables(box);
    const active = document.activeElement;
    e.preventDefault();
    if (inside.length === 0) {
      box.focus();
      return;
    }
    const at = active instanceof HTMLElement ? inside.indexOf(active) : -1;
    const next = at === -1 ? (e.shiftKey ? inside.length - 1 : 0) : (at + (e.shiftKey ? -1 : 1) + inside.length) % inside.length;
    inside[next]?.focus();
  }
}

let keeper: FocusKeeper | undefined;

/**
 * Installs the keyboard support once for the member site and moves the focus to each new page's
 * heading; render it once inside the router.
 */
export function KeyboardSupport(): null {
  const { pathname } = useLocation();
  // not on the first page the site opens with: the reader starts at its top anyway
  const shownPath = useRef(pathname);
  useEffect(() => {
    keeper = new FocusKeeper();
    const stop = keeper.start();
    return () => {
      stop();
      keeper = undefined;
    };
  }, []);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    keeper?.routeChanged();
  }, [pathname]);
  return null;
}
