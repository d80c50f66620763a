// Password policy: at least 10 characters and not guessable from the common-password lists.
// zxcvbn-ts with its common dictionary (passwords, names, wikipedia words, keyboard patterns) is the
// maintained list; score 2 means it needs about a million guesses or more.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 10;
const MIN_SCORE = 2;

let checker: ZxcvbnFactory | null = null;
// Built on first use: loading the dictionaries costs ~70 ms, which startup need not pay.
const zxcvbn = () => (checker ??= new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs }));

/** null when acceptable; otherwise a Chinese message saying what to change. */
export function checkPasswordStrength(pw: string, userInputs: string[] = []): string | null {
  if (pw.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}位`;
  if (pw.length > 200) return '密码最多200位';
  // zxcvbn's cost grows with length; past 100 characters a password is not guessable anyway.
  if (pw.length > 100) return null;
  const r = zxcvbn().check(pw, userInputs.filter(Boolean));
  if (r.score < MIN_SCORE)
    return '密码过于常见或容易猜到（如 password1、123456789、键盘连续字符、用户名加数字），请换一个更长、不常见的组合';
  return null;
}
