// The name and ID number typed on the join form, carried to 更换手机号 when the join answers
// already_member — in memory only (never the URL, history state or storage), taken once.
interface Identity {
  name: string;
  idNumber: string;
}

let held: Identity | undefined;

export function holdIdentity(v: Identity): void {
  held = v;
}

export function takeIdentity(): Identity | undefined {
  const v = held;
  held = undefined;
  return v;
}
