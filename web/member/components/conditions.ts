// Who may take part, in the words the member pages use for activities and campaigns alike.

/** Age (年龄 18–35 周岁, 年满 / 不超过) and membership length (入会满 N 个月). */
export function ageAndMembership(x: { minAge: number | null; maxAge: number | null; minMembershipMonths: number | null }): string[] {
  const out: string[] = [];
  if (x.minAge !== null && x.maxAge !== null) out.push(`年龄 ${x.minAge}–${x.maxAge} 周岁`);
  else if (x.minAge !== null) out.push(`年满 ${x.minAge} 周岁`);
  else if (x.maxAge !== null) out.push(`不超过 ${x.maxAge} 周岁`);
  if (x.minMembershipMonths !== null) out.push(`入会满 ${x.minMembershipMonths} 个月`);
  return out;
}
