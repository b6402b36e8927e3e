import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** First-load JavaScript of one route of a finished `next build`. */
export interface FirstLoadJs {
  readonly route: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly chunks: number;
}

interface RouteBundleStats {
  route: string;
  firstLoadChunkPaths: string[];
}

/**
 * Measures the JavaScript a browser loads on first visit of a route, from Next's build diagnostics
 * (`.next/diagnostics/route-bundle-stats.json`; Next 16 no longer prints sizes in the build output).
 *
 * @param appDir - the Next app folder (holding `.next/`)
 * @param route - the route as Next names it, e.g. `/[locale]`
 * @returns raw and gzip (level 9) sizes in bytes
 * @throws Error naming the route when the build has no such route
 */
export function measureFirstLoadJs(appDir: string, route: string): FirstLoadJs {
  const distDir = process.env.SDT_PORTAL_DIST_DIR || '.next';
  const statsPath = join(appDir, distDir, 'diagnostics', 'route-bundle-stats.json');
  const stats = JSON.parse(readFileSync(statsPath, 'utf8')) as RouteBundleStats[];
  const entry = stats.find((candidate) => candidate.route === route);
  if (!entry) throw new Error(`Route ${route} is not in ${statsPath}`);
  let bytes = 0;
  let gzipBytes = 0;
  for (const chunk of entry.firstLoadChunkPaths) {
    const content = readFileSync(join(appDir, chunk));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { route, bytes, gzipBytes, chunks: entry.firstLoadChunkPaths.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = measureFirstLoadJs(process.cwd(), process.argv[2] ?? '/[locale]');
  console.log(JSON.stringify(result));
}
