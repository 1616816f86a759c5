// The member's bank account for payouts (银行卡): recorded on the phone, checked, sealed at rest; staff
// see the mask, an admin of the scope may reveal the number with a reason (audited).
import type { BankAccountInput } from '../../../contracts/payouts.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { insertAudit } from '../../http/audit.ts';
import { isLuhnValid, maskBankCard } from '../../lib/bank-card.ts';
import * as repo from './bank-accounts.repo.ts';
import { auditOf, requireMemberId } from '../../http/actors.ts';

/**
 * Card numbers (UnionPay 62…, Visa 4…, Mastercard 5…, 16–19 digits) carry a Luhn check digit; the
 * account numbers of passbooks and some rural banks do not, so only their length is checked.
 */
export function isBankAccountValid(digits: string): boolean {
  if (!/^[0-9]{12,25}$/.test(digits)) return false;
  if (/^(62|4|5[1-5])/.test(digits) && digits.length >= 16 && digits.length <= 19) return isLuhnValid(digits);
  return true;
}

export function maskAccount(digits: string): string {
  return maskBankCard(digits);
}

const view = (a: repo.BankAccountRow) => ({ bankName: a.bankName, accountMasked: a.accountMasked, updatedAt: a.updatedAt });

/** The member records or changes the account payouts go to. Throws not_a_member, invalid_bank_card. */
export async function setMyBankAccount(ctx: MemberContext, input: BankAccountInput) {
  const memberId = requireMemberId(ctx);
  if (!isBankAccountValid(input.accountNumber)) throw new AppError('invalid_bank_card');
  const masked = maskAccount(input.accountNumber);
  const row = await ctx.db.transaction(async (tx) => {
    const member = await repo.getMemberName(tx, memberId);
    const saved = await repo.upsertBankAccount(tx, {
      memberId, bankName: input.bankName, enc: ctx.pii.encrypt(input.accountNumber), hash: ctx.pii.hash(input.accountNumber), masked,
    });
    await insertAudit(tx, {
      actorKind: 'member', actorId: memberId, action: 'payout.bank_account_set', targetType: 'member', targetId: memberId,
      orgPath: member?.orgPath ?? null, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent, detail: { bankName: input.bankName, accountMasked: masked },
    });
    return saved;
  });
  return { account: view(row) };
}

/** The member's own account, masked. Throws not_a_member. */
export async function getMyBankAccount(ctx: MemberContext) {
  const row = await repo.getBankAccount(ctx.db, requireMemberId(ctx));
  return { account: row ? view(row) : null };
}

/** A member's account as staff of the scope see it: masked. Throws not_found. */
export async function getMemberBankAccount(ctx: StaffContext, memberId: number) {
  const m = await repo.getMemberAccountInScope(ctx.db, ctx.scope, memberId);
  if (!m) throw new AppError('not_found');
  return { account: m.account ? view(m.account) : null };
}

/** The full number, for an admin of the scope, with a reason; audited. Throws not_found. */
export async function revealMemberBankAccount(ctx: StaffContext, memberId: number, reason: string) {
  const m = await repo.getMemberAccountInScope(ctx.db, ctx.scope, memberId);
  if (!m || !m.account) throw new AppError('not_found');
  await insertAudit(ctx.db, {
    ...auditOf(ctx), action: 'payout.bank_account_reveal', targetType: 'member', targetId: memberId, orgPath: m.orgPath,
    detail: { reason, accountMasked: m.account.accountMasked },
  });
  return { bankName: m.account.bankName, accountNumber: ctx.pii.decrypt(m.account.accountEnc) };
}
