// Files a command writes (reports, the store): checked before the work starts, then written atomically.
import { accessSync, constants, statSync, statfsSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { replaceFileAtomically } from '../core/atomic-file.js';
import { BadInputError } from '../core/errors.js';
import { systemErrorCode, systemErrorReason } from '../core/system-error.js';
import { notRegularFileReason } from '../core/file-kind.js';

// statfs(2) magic numbers of kernel file systems whose "files" are interfaces, not storage:
// writes there change the kernel or fail oddly (Node's recursive mkdir spins forever under /proc).
const SPECIAL_FILE_SYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x1cd1, 'devpts'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'],
  [0xde5e81e4, 'efivarfs'],
  [0x65735543, 'fusectl'],
  [0x19800202, 'mqueue'],
  [0xf97cff8c, 'selinuxfs'],
  [0x42494e4d, 'binfmt_misc'],
  [0x6e736673, 'nsfs'],
]);

/** stat of `path`, or undefined when it (or a parent) does not exist. */
function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    if (systemErrorCode(e) === 'ENOTDIR') return undefined;
    throw new BadInputError(path, systemErrorReason(e), { cause: e });
  }
}

/**
 * Throws BadInputError(`file`, reason) unless `file` can be written as a regular file: an existing
 * one must be a writable regular file; otherwise its nearest existing ancestor must be a writable
 * directory on a storage file system (missing folders are created when the file is written).
 * Nothing is created: access(2) answers for the permissions and a read-only mount (EROFS).
 */
export function checkOutputFile(file: string): void {
  const st = statIfAny(file);
  if (st !== undefined) {
    const problem = notRegularFileReason(st);
    if (problem !== undefined) throw new BadInputError(file, problem);
  }
  let dir = dirname(file);
  let dirStat = statIfAny(dir);
  while (dirStat === undefined && dirname(dir) !== dir) {
    dir = dirname(dir);
    dirStat = statIfAny(dir);
  }
  if (dirStat === undefined) throw new BadInputError(file, 'no existing folder on its path');
  if (!dirStat.isDirectory()) throw new BadInputError(file, `${dir} is not a directory`);
  const fsName = SPECIAL_FILE_SYSTEMS.get(statfsSync(dir).type);
  if (fsName !== undefined) throw new BadInputError(file, `${dir} is on ${fsName}, a kernel file system, not storage`);
  try {
    // A new file and the replacing rename both need the folder writable; an existing file too.
    accessSync(dir, constants.W_OK | constants.X_OK);
    if (st !== undefined) accessSync(file, constants.W_OK);
  } catch (e) {
    throw new BadInputError(file, `cannot be written: ${systemErrorReason(e)}`, { cause: e });
  }
}

/** replaceFileAtomically with its errors as BadInputError naming `file` (`no space left on device (ENOSPC)`). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  try {
    replaceFileAtomically(file, data);
  } catch (e) {
    throw new BadInputError(file, systemErrorReason(e), { cause: e });
  }
}
