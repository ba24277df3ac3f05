/*
| Passwords of 12+ characters that still appear at the top of breached-password lists.
| Checked case-insensitively; a password made of one repeated character is refused too.
*/
export const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1234567890qwerty', 'qwertyuiop123',
  'qwertyuiopasdfgh', 'qwertyuiopasdf', 'qwerty123456', 'qwerty1234567', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u',
  'password1234', 'password12345', 'password123456', 'passw0rd1234', 'p@ssw0rd1234', 'password!234',
  'iloveyou1234', 'welcome12345', 'welcome123456', 'letmein12345', 'administrator', 'administrator1',
  'azertyuiop123', 'azerty123456', 'azertyuiopqs', 'motdepasse123', 'motdepasse1234', 'wachtwoord123',
  'wachtwoord1234', 'passwort12345', 'passwort1234', 'abcdefghijkl', 'abcdefgh1234', 'abc123456789',
  'aaaaaaaaaaaa', '111111111111', '000000000000', '123123123123', '987654321098', 'football1234',
  'baseball1234', 'sunshine1234', 'princess1234', 'dragon123456', 'monkey123456', 'superman1234',
  'trustno11234', 'changeme1234', 'changeme12345', 'zaq12wsxcde3', '1qaz2wsx3edc', '1qaz2wsx3edc4rfv',
  'qazwsxedcrfv', 'asdfghjkl123', 'zxcvbnm12345', 'masterkey123', 'bienvenue123', 'bienvenue1234',
  'belgique1234', 'bruxelles123', 'brussel12345', 'syndic123456', 'copropriete1',
])

export function isCommonPassword(password: string): boolean {
  const p = password.toLowerCase()
  return COMMON_PASSWORDS.has(p) || /^(.)\1+$/.test(p)
}
