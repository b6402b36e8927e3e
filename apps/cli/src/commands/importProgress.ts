import cliProgress from 'cli-progress';
import type { ImportProgress } from '@sdt/importers';

/** Files smaller than this get no progress display (they take well under a second). */
const LARGE_FILE_BYTES = 1024 * 1024;

/** A progress display for `selfdata import`: a bar of bytes read on a terminal, a line every 10% elsewhere. */
export interface ImportProgressDisplay {
  update: (progress: ImportProgress) => void;
  stop: () => void;
}

const PHASES: Record<ImportProgress['phase'], string> = { check: 'checking', stage: 'staging', switch: 'writing' };

/** Starts a progress display on stderr, shown only for large files (bytes read) and for the switch. */
export function startImportProgress(): ImportProgressDisplay {
  let bar: cliProgress.SingleBar | undefined;
  let current = '';
  let lastDecile = -1;
  const stop = (): void => {
    bar?.stop();
    bar = undefined;
  };
  return {
    update: (progress) => {
      const key = `${progress.phase} ${progress.fileName}`;
      const isBytes = progress.phase !== 'switch';
      if (isBytes && progress.total < LARGE_FILE_BYTES) return;
      if (progress.phase === 'switch' && progress.total < 20) return;
      const label = `${PHASES[progress.phase]} ${isBytes ? progress.fileName : 'resources'}`;
      if (process.stderr.isTTY) {
        if (key !== current) {
          stop();
          current = key;
          bar = new cliProgress.SingleBar(
            {
              format: `${label} [{bar}] {percentage}% | {value}/{total}${isBytes ? ' bytes' : ''} | {eta_formatted} left`,
              stream: process.stderr,
              hideCursor: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(progress.total, 0);
        }
        bar?.update(progress.done);
        return;
      }
      if (key !== current) {
        current = key;
        lastDecile = -1;
      }
      const decile = Math.floor((progress.done / Math.max(progress.total, 1)) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${decile * 10}%\n`);
      }
    },
    stop,
  };
}
