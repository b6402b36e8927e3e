// Next's ambient types (CSS modules, images), also for `tsc -p apps/portal` on a fresh clone where the
// generated, git-ignored next-env.d.ts does not exist yet.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
