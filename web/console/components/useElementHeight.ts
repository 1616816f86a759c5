// The current height of an element, for widgets that need a number (the tree's virtual list).
import { useCallback, useRef, useState } from 'react';

export function useElementHeight<T extends HTMLElement>(): [(el: T | null) => void, number] {
  const [height, setHeight] = useState(0);
  const observer = useRef<ResizeObserver>(undefined);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    if (!el) return;
    observer.current = new ResizeObserver(([entry]) => {
      if (entry) setHeight(Math.floor(entry.contentRect.height));
    });
    observer.current.observe(el);
  }, []);
  return [ref, height];
}
