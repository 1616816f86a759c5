// 关怀模式 (care mode) of the member site: large text, large targets, AAA contrast, one column.
// The contract other code relies on (docs/design/care-mode.md):
//   - remembered on the device as localStorage['gonghui.careMode'] === '1';
//   - while on, the document root carries <html data-care="on"> — care.css keys every rule on it.
// main.tsx calls applyStoredCareMode() before React renders, so a reload never flashes the small
// layout. Pages read it with useCareMode(); the switch (components/CareSwitch.tsx) sets it.
import { useSyncExternalStore } from 'react';

export const CARE_MODE_KEY = 'gonghui.careMode';

const listeners = new Set<() => void>();

/** Whether care mode is on for this device (false where storage is blocked). */
export function readCareMode(): boolean {
  try {
    return window.localStorage.getItem(CARE_MODE_KEY) === '1';
  } catch {
    return false;
  }
}

function markDocument(on: boolean): void {
  if (on) document.documentElement.dataset.care = 'on';
  else delete document.documentElement.dataset.care;
}

/** Puts the stored mode on the document root; main.tsx calls it before the first render. */
export function applyStoredCareMode(): void {
  markDocument(readCareMode());
  // another tab of the site switched it: follow
  window.addEventListener('storage', (e) => {
    if (e.key !== CARE_MODE_KEY) return;
    markDocument(readCareMode());
    listeners.forEach((l) => l());
  });
}

/** Turns care mode on or off, remembers it on the device and re-renders every page using it. */
export function setCareMode(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(CARE_MODE_KEY, '1');
    else window.localStorage.removeItem(CARE_MODE_KEY);
  } catch {
    // storage blocked (private mode of some browsers): the mode holds for this visit only
  }
  markDocument(on);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The document's mode as it stands (the attribute, which holds even where storage is blocked). */
function snapshot(): boolean {
  return document.documentElement.dataset.care === 'on';
}

/** [on, set]: care mode now, and the way to switch it. */
export function useCareMode(): [boolean, (on: boolean) => void] {
  return [useSyncExternalStore(subscribe, snapshot), setCareMode];
}
