// `sextant auth hash-password`: reads a password on stdin (never argv) and prints the scrypt hash for SEXTANT_ADMIN_PASSWORD_HASH.
import { ADMIN_PASSWORD_HASH_ENV, hashAdminPassword } from '../../app/auth-root.js';
import { BadInputError } from '../../core/errors.js';
import type { ParsedArgs } from '../args.js';
import type { Command, CommandIO } from '../command.js';

export const authCommand: Command = {
  name: 'auth',
  summary: 'authentication tools (subcommands: hash-password, the value of SEXTANT_ADMIN_PASSWORD_HASH from a password on stdin)',
  usage: "sextant auth hash-password   (e.g. printf '%s' \"$PW\" | sextant auth hash-password)",
  options: [],
  async run(args: ParsedArgs, io: CommandIO): Promise<number> {
    const [sub, ...extra] = args.positionals;
    if (sub !== 'hash-password') throw new BadInputError('auth', sub === undefined ? 'expected a subcommand: hash-password' : `unknown subcommand ${JSON.stringify(sub)} (expected hash-password)`);
    // A password on the command line would sit in the shell history and the process list.
    if (extra.length > 0) throw new BadInputError('auth hash-password', 'takes no arguments: give the password on stdin');
    if (io.stdin === undefined) throw new BadInputError('stdin', 'not available');
    if ((io.stdin as { isTTY?: boolean }).isTTY === true) io.err('password (one line; typing is visible, pipe it in to avoid that): ');
    const hash = await hashAdminPassword(io.stdin);
    io.out(hash + '\n');
    io.err(`set ${ADMIN_PASSWORD_HASH_ENV} to this value in the daemon's environment (quote it: it contains $)\n`);
    return 0;
  },
};
