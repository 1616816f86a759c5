// The electronic member card (会员服务卡 / 电子会员证): the member's card with its signed QR token,
// verification by staff (online here, offline in the console), the keys and revocations staff
// devices sync, and the co-branded bank card's link.
import { z } from 'zod';
import { CARD_TOKEN_MAX_LENGTH } from './card-token.ts';
import { text } from './common.ts';

/**
 * A service on the card: those of contracts/member-services.ts placed on the card, each with the member
 * site's page it opens. Only working services are listed, so `available` is always true and `note`
 * null; both stay for the clients that read them.
 */
export const cardServiceSchema = z.object({
  key: z.string(),
  label: z.string(),
  available: z.boolean().describe('始终为 true：只列出已开通的服务'),
  note: z.string().nullable().describe('附注；目前为 null'),
  path: z.string().describe('会员站内打开的页面路径，如 /campaigns'),
});

export const bankLinkSchema = z
  .object({ bankName: z.string(), bankCardMasked: z.string().describe('如 6222****1234') })
  .describe('联名银行卡：只记录银行与掩码卡号');

export const myCardResponse = z.object({
  cardNo: z.string().describe('会员服务卡号'),
  memberNo: z.string().describe('会员号'),
  name: z.string().describe('姓名（已脱敏）'),
  orgName: z.string().describe('所在工会'),
  status: z.enum(['active']),
  services: z.array(cardServiceSchema),
  token: z.string().describe('二维码内容：签名的会员证令牌（Ed25519），最长有效 2 分钟'),
  expiresAt: z.string().describe('令牌失效时间（ISO 8601）'),
  refreshAfterSeconds: z.number().int().describe('手机每隔多少秒换一个新令牌'),
  bank: bankLinkSchema.nullable(),
});
export type MyCard = z.infer<typeof myCardResponse>;

export const verifyBody = z.strictObject({
  token: z
    .string()
    .min(1)
    .max(CARD_TOKEN_MAX_LENGTH)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '不能包含控制字符' })
    .describe('会员出示的二维码内容'),
});

export const cardRefusals = ['expired', 'forged', 'revoked', 'malformed'] as const;

export const verifyResponse = z.union([
  z.object({
    valid: z.literal(true),
    member: z.object({ memberNo: z.string(), name: z.string().describe('姓名（已脱敏）'), orgName: z.string() }),
  }),
  z.object({ valid: z.literal(false), reason: z.enum(cardRefusals) }),
]);
export type VerifyResult = z.infer<typeof verifyResponse>;

export const signingKeySchema = z.object({
  kid: z.string(),
  alg: z.literal('Ed25519'),
  publicKey: z.string().describe('公钥（32 字节，base64url）'),
  createdAt: z.string(),
  retiredAt: z.string().nullable().describe('停用时间；此后签发的令牌一律视为伪造'),
});
export const signingKeysResponse = z.object({ keys: z.array(signingKeySchema), serverTime: z.string() });
export type SigningKeys = z.infer<typeof signingKeysResponse>;

export const rotateKeyBody = z.strictObject({
  confirm: z.literal('rotate').describe('确认轮换：须为 rotate'),
});
export const rotateKeyResponse = z.object({ kid: z.string(), retired: z.array(z.string()) });

export const revocationQuery = z.strictObject({
  since: z
    .string()
    .regex(/^[0-9]{1,15}$/, '应为上次同步返回的 cursor')
    .optional()
    .describe('上次同步返回的 cursor；不填则返回全部已注销的会员证'),
});

export const revocationSchema = z.object({
  memberNo: z.string(),
  cardNo: z.string(),
  /** true: revoked from now on; false: reinstated (remove from the device's list) */
  revoked: z.boolean(),
  at: z.string().nullable(),
});
export const revocationsResponse = z.object({
  items: z.array(revocationSchema),
  total: z.number().int(),
  /** true: the whole list (replace); false: changes since the cursor (apply in order) */
  full: z.boolean(),
  cursor: z.string().describe('下次同步时作为 since 传回'),
  serverTime: z.string(),
});
export type Revocations = z.infer<typeof revocationsResponse>;

export const bankCardBody = z.strictObject({
  bankName: text(2, 30).describe('发卡银行，如 中国工商银行'),
  cardNumber: z
    .string()
    .regex(/^[0-9 ]{12,23}$/, '请输入 13–19 位银行卡号')
    .transform((s) => s.replace(/ /g, ''))
    .describe('完整卡号，只用于校验与生成掩码，不保存'),
});

export const cardSummary = z.object({
  cardNo: z.string(),
  status: z.string(),
  bankName: z.string().nullable(),
  bankCardMasked: z.string().nullable(),
});
