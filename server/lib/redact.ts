// Keeps personal data out of logs: anything shaped like a citizen ID number or a mobile number
// is masked before a line is written.
const ID_NUMBER = /(?<![0-9A-Za-z])([1-9]\d{5})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
// A mobile number as people write it: with or without the country code (+86, 0086, 86), and
// grouped 3-4-4 by blanks or hyphens or not at all.
const MOBILE = /(?<![\d+])((?:\+86|0086|86)[- ]?)?(1[3-9]\d)([- ]?)\d{4}([- ]?)(\d{4})(?!\d)/g;

export function redactText(s: string): string {
  return s
    .replace(ID_NUMBER, '$1********$3')
    .replace(MOBILE, (_m, cc: string | undefined, head: string, sep1: string, sep2: string, tail: string) =>
      `${cc ?? ''}${head}${sep1}****${sep2}${tail}`,
    );
}
