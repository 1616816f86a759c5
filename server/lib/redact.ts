// Keeps personal data out of logs: anything shaped like a citizen ID number or a mobile number
// is masked before a line is written.
const ID_NUMBER = /(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

export function redactText(s: string): string {
  return s.replace(ID_NUMBER, '$1********$3').replace(MOBILE, '$1****$3');
}
