/**
 * Passwords people pick first, checked case-insensitively. Drawn from the top of public breach
 * frequency lists (SecLists "10-million-password-list-top-1000") plus Indonesian favourites, kept to
 * those of the minimum length or longer, since shorter ones are already refused by length.
 */
const COMMON_PASSWORDS = new Set([
  "1234567890",
  "0123456789",
  "0987654321",
  "1111111111",
  "0000000000",
  "1122334455",
  "1234512345",
  "1q2w3e4r5t",
  "qwertyuiop",
  "asdfghjkl;",
  "qwerty1234",
  "password12",
  "password123",
  "password1234",
  "passw0rd123",
  "iloveyou123",
  "1234qwerty",
  "abcdefghij",
  "abc1234567",
  "princess123",
  "football123",
  "baseball123",
  "superman123",
  "welcome123",
  "sunshine123",
  "starwars123",
  "qazwsxedcrfv",
  "zaq12wsxcde",
  "michael123",
  "jennifer123",
  "letmein123",
  "trustno1234",
  "dragon1234",
  "monkey12345",
  "master12345",
  "administrator",
  "admin12345",
  "admin123456",
  "adminadmin",
  "changeme123",
  "123456789a",
  "a123456789",
  "123123123123",
  "9876543210",
  "katasandi123",
  "katasandi",
  "rahasia123",
  "rahasiaku",
  "indonesia123",
  "indonesia1945",
  "merdeka1945",
  "bismillah123",
  "bismillah",
  "sayangku123",
  "akusayangkamu",
  "cintaku123",
  "jakarta123",
  "bandung123",
  "surabaya123",
  "garuda1234",
  "persija1928",
  "persib1933",
  "sorot-demo-2026",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** A password made of the account's own email or name is as good as a common one. */
export function passwordProblem(password: string, email: string, name: string): string | undefined {
  const lowered = password.toLowerCase();
  if (isCommonPassword(password)) return "is too common; choose something less guessable";
  const localPart = email.split("@")[0] ?? "";
  if (
    lowered === email.toLowerCase() ||
    (localPart.length >= 4 && lowered.includes(localPart.toLowerCase()))
  ) {
    return "must not contain your email address";
  }
  if (name.trim().length >= 4 && lowered === name.trim().toLowerCase()) return "must not be your name";
  if (new Set(lowered).size < 4) return "must use at least 4 different characters";
  return undefined;
}
