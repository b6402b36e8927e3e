/**
 * The file name of an export: `selfdata-export-<host>-<pod>-<YYYY-MM-DD>.zip`, only `[a-z0-9.-]`.
 *
 * @param podUrl - the pod root URL
 * @param date - the export's date
 */
export function buildExportFileName(podUrl: string, date: Date): string {
  const url = new URL(podUrl);
  const pod = url.pathname.split('/').filter(Boolean).join('-');
  const slug = `${url.hostname}${url.port ? `-${url.port}` : ''}${pod ? `-${pod}` : ''}`.toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
  return `selfdata-export-${slug}-${date.toISOString().slice(0, 10)}.zip`;
}

/**
 * Where a pod resource goes in the export ZIP: its path under the pod root, each segment kept to safe
 * characters, with `.ttl` added (containers become `<path>/index.ttl`). Never absolute, never `..`.
 *
 * @param resourceUrl - the resource URL
 * @param podUrl - the pod root URL
 * @returns the entry path, or undefined when the resource is not inside the pod
 */
export function buildZipEntryPath(resourceUrl: string, podUrl: string): string | undefined {
  if (!resourceUrl.startsWith(podUrl)) return undefined;
  const relative = resourceUrl.slice(podUrl.length).split(/[?#]/)[0] ?? '';
  const segments = relative
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // keep as is
      }
      return decoded.replace(/[^A-Za-z0-9._-]+/g, '_');
    })
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  if (relative === '' || relative.endsWith('/')) return `pod/${[...segments, 'index.ttl'].join('/')}`;
  return `pod/${segments.join('/')}.ttl`;
}
