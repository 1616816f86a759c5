// A camera sees the same code many times a second: the scanner's callback that checks each code once
// (again only after five seconds), putting it in the page's field as if typed.
import { useCallback, useRef } from 'react';

const SAME_CODE_MS = 5000;

export function useScanOnce(check: (text: string) => Promise<void>, show: (text: string) => void): (text: string) => void {
  const lastScan = useRef<{ text: string; at: number }>(undefined);
  return useCallback(
    (text: string) => {
      const now = Date.now();
      if (lastScan.current && lastScan.current.text === text && now - lastScan.current.at < SAME_CODE_MS) return;
      lastScan.current = { text, at: now };
      show(text);
      void check(text);
    },
    [check, show],
  );
}
