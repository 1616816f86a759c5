// One simple glyph per service of a place (contracts/places.ts), drawn inline as a stroke in the
// text's colour — legible in the sun, no emoji, no image to load — always with its words beside it
// (a rider should not have to decode a pictogram; a screen reader reads the words).
import type { PlaceService } from '../../../contracts/places.ts';
import { placeServiceLabels } from '../../../contracts/places.ts';

const glyphs: Record<PlaceService, string> = {
  water: 'M12 3c3 4.5 6 7.6 6 11a6 6 0 0 1-12 0c0-3.4 3-6.5 6-11z',
  rest: 'M6 12V7h12v5M4 12h16M5 12v7M19 12v7M4 16h16',
  microwave: 'M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM15 5v14M6 9h6v6H6zM18 9v.01M18 12v.01',
  charging: 'M13 2 4 14h7l-1 8 9-12h-7z',
  toilet: 'M7 3.5a1.5 1.5 0 1 0 .01 0M17 3.5a1.5 1.5 0 1 0 .01 0M5 8h4l1 6H8v6H6v-6H4zM15 8h4v6h-1v6h-2v-6h-1zM12 3v18',
  firstAid: 'M4 7h16v12H4zM9 7V4h6v3M12 10v6M9 13h6',
  aircon: 'M12 2v20M3.5 7l17 10M20.5 7l-17 10M9 3.5l3 2 3-2M9 20.5l3-2 3 2',
  books: 'M3 5h6a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H3zM21 5h-6a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h7z',
  wifi: 'M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5v.01',
  nursing: 'M10 2h4M9 5h6v2l1 2v11a2 2 0 0 1-2 2h-4a2 2 0 0 1-2-2V9l1-2zM8 12h8',
  umbrella: 'M2 12a10 10 0 0 1 20 0zM12 12v7a2 2 0 0 1-4 0M12 2v2',
  meals: 'M3 11h18a9 9 0 0 1-18 0zM14 3l-3 8M19 4l-6 7',
  batterySwap: 'M3 8h15v8H3zM18 10.5h3v3h-3M11 9.5l-3 3h4l-3 3',
  legal: 'M12 3v18M7 21h10M4 7h16M6 7l-3 7a3 3 0 0 0 6 0zM18 7l-3 7a3 3 0 0 0 6 0z',
  counselling: 'M21 12a8 8 0 0 1-11.6 7.1L3 21l1.9-6.4A8 8 0 1 1 21 12zM12 15.5l-3-3a1.8 1.8 0 0 1 3-2 1.8 1.8 0 0 1 3 2z',
};

/** The glyph alone (hidden from screen readers: its words are beside it). */
export function ServiceIcon({ service }: { service: PlaceService }) {
  return (
    <svg className="pl-service-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d={glyphs[service]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** A place's services: glyph and words each, in the list's order. */
export function ServiceList({ services, testId }: { services: readonly PlaceService[]; testId?: string }) {
  if (services.length === 0) return null;
  return (
    <ul className="pl-services" aria-label="提供的服务" {...(testId ? { 'data-testid': testId } : {})}>
      {services.map((s) => (
        <li key={s} className="pl-service" data-service={s}>
          <ServiceIcon service={s} />
          {placeServiceLabels[s]}
        </li>
      ))}
    </ul>
  );
}
