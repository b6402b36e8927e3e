import { notFound } from 'next/navigation';

/** Catches unknown paths under a locale so that they get the localized not-found page. */
export default function CatchAllPage(): never {
  notFound();
}
