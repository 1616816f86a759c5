// Member card numbers: 8860 + the member id (11 digits) + a Luhn check digit, so a mistyped number
// is caught at the counter.
function luhn(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function cardNumberFor(memberId: number): string {
  const body = `8860${String(memberId).padStart(11, '0')}`;
  return body + luhn(body);
}

export function isValidCardNumber(cardNo: string): boolean {
  return /^8860[0-9]{12}$/.test(cardNo) && luhn(cardNo.slice(0, 15)) === cardNo[15];
}
