// Alert settings from the environment only: SEXTANT_TELEGRAM_TOKEN, SEXTANT_TELEGRAM_CHATS, SEXTANT_DISCORD_WEBHOOK (secrets never echoed).
import { BadInputError } from '../core/errors.js';

export interface AlertEnv {
  readonly telegram?: { readonly token: string; readonly chats: readonly number[] };
  readonly discord?: { readonly webhookUrl: string };
}

/** Reads the alert variables; an unset or empty variable turns its channel off. */
export function alertEnv(env: Readonly<Record<string, string | undefined>>): AlertEnv {
  const token = env.SEXTANT_TELEGRAM_TOKEN?.trim() ?? '';
  const chatsText = env.SEXTANT_TELEGRAM_CHATS?.trim() ?? '';
  const webhookUrl = env.SEXTANT_DISCORD_WEBHOOK?.trim() ?? '';
  let telegram: AlertEnv['telegram'];
  if (token !== '') {
    if (chatsText === '') throw new BadInputError('SEXTANT_TELEGRAM_CHATS', 'is required with SEXTANT_TELEGRAM_TOKEN: the chat ids allowed to command the bot, comma-separated');
    const chats = chatsText.split(',').map((t, i) => {
      const s = t.trim();
      if (!/^-?\d{1,16}$/.test(s)) throw new BadInputError(`SEXTANT_TELEGRAM_CHATS item ${i + 1}`, `expected a chat id (an integer, negative for groups), got ${JSON.stringify(s.slice(0, 20))}`);
      return Number(s);
    });
    telegram = { token, chats };
  } else if (chatsText !== '') {
    throw new BadInputError('SEXTANT_TELEGRAM_TOKEN', 'is required with SEXTANT_TELEGRAM_CHATS');
  }
  return { telegram, discord: webhookUrl !== '' ? { webhookUrl } : undefined };
}
