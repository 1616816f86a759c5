// Co-branded bank cards: the number is checked and masked, never kept.

/** The Luhn (mod 10) check every bank card number carries in its last digit. */
export function isLuhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 6222021234567891234 → 6222****1234: the bank's prefix and the last four, as printed on receipts. */
export function maskBankCard(digits: string): string {
  return `${digits.slice(0, 4)}****${digits.slice(-4)}`;
}
